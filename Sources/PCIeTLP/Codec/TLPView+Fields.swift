/// Fields by role, read in place through the same layouts as ``TLP`` (no allocation): what
/// request/completion pairing needs on the verifier's hot path.
extension TLPView {
    /// The header layout this TLP uses (depends on type, TH and message code).
    public var layout: Layout {
        let th = mode == .nonFlit && NonFlitFields.th.get(word: header(0)) != 0
        let code = info.kind == .message && headerDWs > 1 ? UInt8(truncatingIfNeeded: header(1)) : 0
        return HeaderLayouts.layout(mode: mode, info: info, th: th, msgCode: code)
    }

    /// The raw value of the header field that plays `role`, or nil when this TLP has none.
    public func value(_ role: FieldRole) -> UInt32? {
        guard let field = layout[role] else { return nil }
        return value(field)
    }

    /// FIELD_GET of `field` over the header DWs (0 for DWs past the header).
    public func value(_ field: Field) -> UInt32 {
        func word(_ range: BitRange) -> UInt32 { range.dw < headerDWs ? header(range.dw) : 0 }
        var out = field.first.get(word(field.first))
        if let second = field.second { out = out << UInt32(second.width) | second.get(word(second)) }
        if let third = field.third { out = out << UInt32(third.width) | third.get(word(third)) }
        return out
    }

    /// The OHC-A word (OHC[0]), the first OHC word, and its variant for this TLP.
    public var ohcA: (kind: OHCKind, word: UInt32)? {
        guard ohcBits & 1 != 0 else { return nil }
        return (OHCKind.a(for: info), Self.readDW(bytes, 4 * (prefixCount + info.headerDWs)))
    }

    /// Length in DW as the TLP means it (a Length field of 0 means 1024).
    public var lengthDWs: Int {
        let raw = Int(
            mode == .flit ? FlitFields.length.get(word: header(0)) : NonFlitFields.length.get(word: header(0)))
        return raw == 0 ? 1024 : raw
    }

    /// First and last DW byte enables where carried (non-flit header, flit OHC-A1/A2/A3).
    public var byteEnables: (first: UInt8, last: UInt8)? {
        switch mode {
        case .nonFlit:
            guard let first = value(.firstBE), let last = value(.lastBE) else { return nil }
            return (UInt8(first), UInt8(last))
        case .flit:
            guard let (kind, word) = ohcA, let first = kind.layout[.firstBE], let last = kind.layout[.lastBE] else {
                return nil
            }
            return (UInt8(first.get(word: word)), UInt8(last.get(word: word)))
        }
    }

    /// Completion Status: non-flit DW1; flit OHC-A5, SC when OHC-A5 is absent.
    public var completionStatus: UInt32? {
        guard info.kind == .completion else { return nil }
        switch mode {
        case .nonFlit: return value(.status)
        case .flit: return ohcA.map { OHCFields.status.get(word: $0.word) } ?? 0
        }
    }

    /// Lower Address: non-flit DW2[6:0]; flit LA[6:2] from the base, LA[1:0] from OHC-A5.
    public var lowerAddress: UInt8? {
        guard let base = value(.lowerAddress) else { return nil }
        switch mode {
        case .nonFlit: return UInt8(truncatingIfNeeded: base)
        case .flit:
            let low = ohcA.map { OHCFields.lowerAddressLow.get(word: $0.word) } ?? 0
            return UInt8(truncatingIfNeeded: base << 2 | low)
        }
    }
}
