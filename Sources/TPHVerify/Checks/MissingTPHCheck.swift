import PCIeTLP

/// `missing-tph`: a memory request into a published dma-buf carries no valid TPH.
struct MissingTPHCheck: TupleCheck {

    func evaluate(_ tlp: TLPView, tph: TPH?, tuple: TupleExpectation) -> (
        expected: [FindingValue], actual: [FindingValue]
    )? {
        guard tph == nil else { return nil }
        var actual = [FindingValue("tph", .bool(false))]
        if let word = tlp.ohcB { actual.append(FindingValue("hv", .int(Int(OHCFields.hv.get(word: word))))) }
        return ([FindingValue("tph", .bool(true))], actual)
    }
}
