import PCIeTLP

/// `st-mismatch`: the ST differs from the one published for the namespace the TLP uses.
struct STMismatchCheck: TupleCheck {
    let id = BuiltInCheck.stMismatch

    func evaluate(_ tlp: TLPView, tph: TPH?, tuple: borrowing PublishedTuple) -> (
        expected: [FindingValue], actual: [FindingValue]
    )? {
        guard let tph, let published = tuple.steeringTag(width: tph.width), published != tph.st else { return nil }
        let width = FindingValue("st_width", .int(tph.width))
        return ([FindingValue("st", .int(Int(published))), width], [FindingValue("st", .int(Int(tph.st))), width])
    }
}
