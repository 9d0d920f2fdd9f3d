import PCIeTLP

/// `ph-mismatch`: the Processing Hint differs from the published one.
struct PHMismatchCheck: TupleCheck {
    let id = BuiltInCheck.phMismatch

    func evaluate(_ tlp: TLPView, tph: TPH?, tuple: borrowing PublishedTuple) -> (
        expected: [FindingValue], actual: [FindingValue]
    )? {
        guard let tph, tph.ph != tuple.ph else { return nil }
        return ([FindingValue("ph", .int(Int(tuple.ph)))], [FindingValue("ph", .int(Int(tph.ph)))])
    }
}
