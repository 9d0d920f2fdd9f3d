import PCIeTLP

/// `ph-mismatch`: the Processing Hint differs from the published one. Not checked when the
/// namespace is not published: that is `namespace-not-published`, and the kernel invalidates
/// the PH with the ST.
struct PHMismatchCheck: TupleCheck {

    func evaluate(_ tlp: TLPView, tph: TPH?, tuple: TupleExpectation) -> (
        expected: [FindingValue], actual: [FindingValue]
    )? {
        guard let tph, tph.ph != tuple.ph, publishedNamespace(tlp, tph, tuple) != nil else { return nil }
        return ([FindingValue("ph", .int(Int(tuple.ph)))], [FindingValue("ph", .int(Int(tph.ph)))])
    }
}
