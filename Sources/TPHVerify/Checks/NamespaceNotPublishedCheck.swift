import PCIeTLP

/// `namespace-not-published`: the TLP uses the 16-bit (8-bit) ST namespace but the tuple's
/// flags lack `st_ext` (`st`), so the importer had no published value to use there.
struct NamespaceNotPublishedCheck: TupleCheck {

    func evaluate(_ tlp: TLPView, tph: TPH?, tuple: TupleExpectation) -> (
        expected: [FindingValue], actual: [FindingValue]
    )? {
        guard let tph, publishedNamespace(tlp, tph, tuple) == nil else { return nil }
        let published = [tuple.flags.contains(.st) ? 8 : nil, tuple.flags.contains(.stExt) ? 16 : nil].compactMap {
            $0
        }
        return ([FindingValue("st_width", .ints(published))], [FindingValue("st_width", .int(tph.width))])
    }
}
