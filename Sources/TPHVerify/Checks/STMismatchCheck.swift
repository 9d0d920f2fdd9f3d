import PCIeTLP

/// `st-mismatch`: the ST differs from the one published for the namespace the TLP uses.
struct STMismatchCheck: TupleCheck {

    func evaluate(_ tlp: TLPView, tph: TPH?, tuple: TupleExpectation) -> (
        expected: [FindingValue], actual: [FindingValue]
    )? {
        guard let tph, let published = publishedNamespace(tlp, tph, tuple), published.st != tph.st else { return nil }
        return (
            [FindingValue("st", .int(Int(published.st))), FindingValue("st_width", .int(published.width))],
            [FindingValue("st", .int(Int(tph.st))), FindingValue("st_width", .int(tph.width))]
        )
    }
}
