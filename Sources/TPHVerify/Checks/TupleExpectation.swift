import PCIeTLP

/// What the tuple checks compare a TLP with: one published tuple's ST per namespace, PH and
/// importers, as plain values made once per run. The checks read it for every matched TLP;
/// the tuple itself (name, ranges, dma-buf) holds strings and arrays whose reference counting
/// would cost more than the checks.
struct TupleExpectation: Sendable {
    let flags: TupleFlags
    /// The ST published for the 8-bit and the 16-bit namespace (nil where the flags do not
    /// publish one).
    let st8: UInt16?
    let st16: UInt16?
    let ph: UInt8
    /// Empty: any requester.
    let requesters: [PCIID]

    init(_ tuple: PublishedTuple) {
        flags = tuple.flags
        st8 = tuple.steeringTag(width: 8)
        st16 = tuple.steeringTag(width: 16)
        ph = tuple.ph
        requesters = tuple.requesters
    }

    /// The published ST of the `width`-bit namespace, as ``PublishedTuple/steeringTag(width:)``.
    @inline(__always)
    func steeringTag(width: Int) -> UInt16? { width == 16 ? st16 : st8 }

    /// True when a TLP with `tph` carries what the tuple publishes: the ST of a published
    /// namespace, the PH, from a published requester. Every tuple check needs one of these to
    /// differ (TPH missing, namespace unpublished, ST or PH different, requester unknown), so
    /// such a TLP fails none of them and is passed without calling them, the common case.
    @inline(__always)
    func isMet(by tlp: TLPView, tph: TPH) -> Bool {
        guard tph.ph == ph, let published = publishedNamespace(tlp, tph, self), published.st == tph.st else {
            return false
        }
        if requesters.isEmpty { return true }
        guard let requester = tlp.requester else { return false }
        return requesters.contains(requester)
    }
}
