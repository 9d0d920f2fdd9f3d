import PCIeTLP

/// `unexpected-requester`: the requester is not one of the importers the tuple names.
struct UnexpectedRequesterCheck: TupleCheck {

    func evaluate(_ tlp: TLPView, tph: TPH?, tuple: TupleExpectation) -> (
        expected: [FindingValue], actual: [FindingValue]
    )? {
        guard !tuple.requesters.isEmpty else { return nil }
        let requester = tlp.requester
        if let requester, tuple.requesters.contains(requester) { return nil }
        return (
            [FindingValue("requesters", .strings(tuple.requesters.map(\.description)))],
            [FindingValue("requester", requester.map { .string($0.description) } ?? .none)]
        )
    }
}
