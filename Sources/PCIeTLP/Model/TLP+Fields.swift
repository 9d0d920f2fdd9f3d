/// Semantic accessors: every one reads through a layout, none knows a bit position.
extension TLP {
    public var tc: UInt8 { UInt8(self[.tc] ?? 0) }
    /// Attributes as a 3-bit value: bit 2 IDO, bit 1 RO, bit 0 NS.
    public var attr: UInt8 { UInt8(self[.attr] ?? 0) }
    /// The raw Length field (0 means 1024 DW).
    public var length: UInt16 { UInt16(self[.length] ?? 0) }

    /// Poisoned: non-flit DW0, flit DW1.
    public var ep: Bool { (self[.ep] ?? 0) != 0 }

    public var requester: PCIID? { self[.requester].map { PCIID(UInt16(truncatingIfNeeded: $0)) } }
    public var completer: PCIID? { self[.completer].map { PCIID(UInt16(truncatingIfNeeded: $0)) } }
    /// Configuration destination, or the destination ID of an ID-routed message.
    public var target: PCIID? { self[.target].map { PCIID(UInt16(truncatingIfNeeded: $0)) } }
    /// Configuration register byte offset (DW number × 4, extended register number included).
    public var registerOffset: Int? { self[.register].map { Int($0) * 4 } }

    /// The Tag as carried; nil where the header has none (flit messages, non-flit MWr with TH=1).
    public var tag: UInt16? { self[.tag].map { UInt16(truncatingIfNeeded: $0) } }

    /// The address of memory, IO and address-routed message TLPs, with PH/AT bits cleared.
    public var address: UInt64? {
        let layout = layout
        guard let low = layout.value(.addressLow, in: header) else { return nil }
        let high = layout.value(.addressHigh, in: header) ?? 0
        return UInt64(high) << 32 | UInt64(low) << 2
    }

    /// AT where the header carries it (non-flit DW0; flit: low bits of the last address DW).
    public var at: UInt8? { self[.at].map { UInt8($0) } }

    public var msgCode: UInt8? { self[.msgCode].map { UInt8($0) } }

    // MARK: OHC and prefixes

    /// The kinds of the OHC DWs this TLP announces (flit mode), in wire order.
    public var ohcKinds: [OHCKind] {
        guard mode == .flit, info.kind != .nop, info.kind != .prefix else { return [] }
        return OHCKind.sequence(ohc: FlitFields.ohc.get(header), info: info)
    }

    /// The captured OHC word of `kind` (the first, for OHC-E), if present.
    public func ohcWord(_ kind: OHCKind) -> UInt32? {
        for (index, k) in ohcKinds.enumerated() where k == kind && index < ohc.count {
            return ohc[index]
        }
        return nil
    }

    /// True when the OHC word of kind `kind` is any OHC-A variant.
    private var ohcA: (kind: OHCKind, word: UInt32)? {
        for (index, kind) in ohcKinds.enumerated() where index < ohc.count {
            switch kind {
            case .a1, .a2, .a3, .a4, .a5: return (kind, ohc[index])
            default: continue
            }
        }
        return nil
    }

    public var prefixKinds: [PrefixKind] {
        prefixes.map { PrefixKind(code: UInt8(truncatingIfNeeded: $0 >> 24), mode: mode) }
    }

    /// The first prefix of `kind`, if present.
    public func prefix(_ kind: PrefixKind) -> UInt32? {
        for word in prefixes where PrefixKind(code: UInt8(truncatingIfNeeded: word >> 24), mode: mode) == kind {
            return word
        }
        return nil
    }

    // MARK: byte enables, completion fields

    /// First DW byte enables where the TLP carries them (non-flit header, flit OHC-A1/A2/A3).
    public var firstBE: UInt8? { byteEnable(.firstBE) }
    /// Last DW byte enables where the TLP carries them.
    public var lastBE: UInt8? { byteEnable(.lastBE) }

    private func byteEnable(_ role: FieldRole) -> UInt8? {
        switch mode {
        case .nonFlit: return self[role].map { UInt8($0) }
        case .flit:
            guard let (kind, word) = ohcA, let field = kind.layout[role] else { return nil }
            return UInt8(field.get(word: word))
        }
    }

    /// Completion Status: non-flit DW1; flit OHC-A5, SC when OHC-A5 is absent.
    public var completionStatus: UInt32? {
        switch (mode, info.kind) {
        case (.nonFlit, .completion): return self[.status]
        case (.flit, .completion), (.flit, .uioCompletion):
            return ohcWord(.a5).map { OHCFields.status.get(word: $0) } ?? 0
        default: return nil
        }
    }

    public var byteCount: UInt16? { self[.byteCount].map { UInt16($0) } }

    /// Lower Address: non-flit DW2[6:0]; flit LA[6:2] from the base, LA[1:0] from OHC-A5.
    public var lowerAddress: UInt8? {
        guard let base = self[.lowerAddress] else { return nil }
        switch mode {
        case .nonFlit: return UInt8(base)
        case .flit:
            let low = ohcWord(.a5).map { OHCFields.lowerAddressLow.get(word: $0) } ?? 0
            return UInt8(truncatingIfNeeded: base << 2 | low)
        }
    }

    // MARK: TPH

    /// Valid TPH carried by the TLP: a memory request with non-flit TH=1, or flit OHC-B with
    /// HV=01/11 (OHC-B bits are reserved on other TLPs). A non-flit ST is 16 bits wide only when
    /// a TPH prefix carries a non-zero ST[15:8] (the prefix may carry AMA alone).
    public var tph: TPH? {
        guard info.kind.isMemoryRequest else { return nil }
        switch mode {
        case .flit:
            return ohcWord(.b).flatMap { TPH(ohcB: $0) }
        case .nonFlit:
            let layout = layout
            guard NonFlitFields.th.get(header) != 0, let low = layout.value(.st, in: header),
                let ph = layout.value(.ph, in: header)
            else { return nil }
            let high = prefix(.tph).map { PrefixFields.stHigh.get(word: $0) } ?? 0
            guard high != 0 else { return TPH(st: UInt16(low), width: 8, ph: UInt8(ph)) }
            return TPH(st: UInt16(high << 8 | low), width: 16, ph: UInt8(ph))
        }
    }
}
