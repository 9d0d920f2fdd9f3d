/// Building and changing TLPs: the encoder side of every field. Each setter writes through the
/// same layout fields that the accessors read.
extension TLP {
    /// The type code of `type` in `mode`; `routing` is r[2:0] for messages.
    public static func code(for type: TLPType, mode: LinkMode, routing: UInt8 = 0) -> UInt8? {
        if type == .msg || type == .msgd {
            return (type == .msg ? 0x30 : 0x70) | (routing & 7)
        }
        return TypeInfo.table(mode).first { $0.type == type && !$0.isReserved }?.code
    }

    /// A TLP of `type` with every other field zero; nil when `mode` has no such type
    /// (UIO types exist only in flit mode, NOP only in flit mode).
    public init?(mode: LinkMode, type: TLPType, routing: UInt8 = 0) {
        guard let code = TLP.code(for: type, mode: mode, routing: routing) else { return nil }
        self.init(mode: mode, code: code)
    }

    /// Writes `value` into the header field that plays `role`. Returns false when this TLP's
    /// layout has no such field (the TLP is then unchanged).
    @discardableResult
    public mutating func set(_ role: FieldRole, _ value: UInt32) -> Bool {
        guard let field = layout[role] else { return false }
        field.set(value, in: &header)
        return true
    }

    /// Sets the address fields (and keeps PH/AT, which live in separate fields).
    public mutating func setAddress(_ address: UInt64) {
        let layout = layout
        layout[.addressHigh]?.set(UInt32(truncatingIfNeeded: address >> 32), in: &header)
        layout[.addressLow]?.set(UInt32(truncatingIfNeeded: address) >> 2, in: &header)
    }

    // MARK: OHC (flit mode)

    /// Adds, replaces or (with nil) removes the OHC word of `kind`, keeping OHC[4:0] and the
    /// wire order A, B, C, E in step. OHC-A must be the variant that this TLP type uses.
    public mutating func setOHC(_ kind: OHCKind, _ word: UInt32?) {
        precondition(kind != .e, "use setOHCE for OHC-E entries")
        var words: [OHCKind: UInt32] = [:]
        var entries: [UInt32] = []
        for (index, k) in ohcKinds.enumerated() where index < ohc.count {
            if k == .e { entries.append(ohc[index]) } else { words[k] = ohc[index] }
        }
        let slot = kind == .b || kind == .c ? kind : OHCKind.a(for: info)
        words[slot] = word
        rebuildOHC(words, entries)
    }

    /// Sets the OHC-E entries; the count must be 0, 1, 2 or 4 (OHC[4:3]).
    public mutating func setOHCE(_ entries: [UInt32]) {
        precondition([0, 1, 2, 4].contains(entries.count), "OHC-E holds 0, 1, 2 or 4 DWs")
        var words: [OHCKind: UInt32] = [:]
        for (index, k) in ohcKinds.enumerated() where index < ohc.count && k != .e { words[k] = ohc[index] }
        rebuildOHC(words, entries)
    }

    private mutating func rebuildOHC(_ words: [OHCKind: UInt32], _ entries: [UInt32]) {
        let a = OHCKind.a(for: info)
        var bits: UInt32 = 0
        var out: [UInt32] = []
        if let word = words[a] {
            bits |= 1
            out.append(word)
        }
        if let word = words[.b] {
            bits |= 2
            out.append(word)
        }
        if let word = words[.c] {
            bits |= 4
            out.append(word)
        }
        let eBits: [Int: UInt32] = [0: 0, 1: 1, 2: 2, 4: 3]
        bits |= (eBits[entries.count] ?? 0) << 3
        out.append(contentsOf: entries)
        FlitFields.ohc.set(bits, in: &header)
        ohc = out
    }

    /// Sets `role` inside the OHC word of `kind`, adding the word when it is missing.
    public mutating func setOHCField(_ kind: OHCKind, _ role: FieldRole, _ value: UInt32) {
        guard let field = kind.layout[role] else { return }
        setOHC(kind, field.set(value, inWord: ohcWord(kind) ?? 0))
    }

    // MARK: byte enables, completion fields

    /// Byte enables: non-flit header, or flit OHC-A1/A2/A3 (added when missing).
    public mutating func setByteEnables(first: UInt8, last: UInt8) {
        switch mode {
        case .nonFlit:
            set(.firstBE, UInt32(first))
            set(.lastBE, UInt32(last))
        case .flit:
            let kind = OHCKind.a(for: info)
            guard kind.layout[.firstBE] != nil else { return }
            setOHCField(kind, .firstBE, UInt32(first))
            setOHCField(kind, .lastBE, UInt32(last))
        }
    }

    /// Completion Status: non-flit DW1; flit OHC-A5 (added only when not SC).
    public mutating func setCompletionStatus(_ status: UInt32) {
        switch mode {
        case .nonFlit: set(.status, status)
        case .flit:
            if status != 0 || ohcWord(.a5) != nil { setOHCField(.a5, .status, status) }
        }
    }

    /// Lower Address: non-flit DW2; flit LA[6:2] in the base and LA[1:0] in OHC-A5.
    public mutating func setLowerAddress(_ value: UInt8) {
        switch mode {
        case .nonFlit: set(.lowerAddress, UInt32(value))
        case .flit:
            set(.lowerAddress, UInt32(value) >> 2)
            if value & 3 != 0 || ohcWord(.a5) != nil { setOHCField(.a5, .lowerAddressLow, UInt32(value & 3)) }
        }
    }

    // MARK: TPH

    /// Places TPH the way the mode and TLP kind require, or removes it with nil.
    ///
    /// Non-flit: TH, ST[7:0] in the Tag byte (writes) or byte-enable byte (reads, AtomicOps,
    /// DMWr), PH in the last address DW, ST[15:8] in a TPH prefix for 16-bit tags. Flit: OHC-B
    /// with HV=01 (8-bit) or HV=11 (16-bit); AMA/AV already in OHC-B are kept.
    public mutating func setTPH(_ tph: TPH?) {
        switch mode {
        case .flit:
            guard let tph else {
                setOHC(.b, nil)
                return
            }
            var word = ohcWord(.b) ?? 0
            word = OHCFields.st.set(UInt32(tph.st), inWord: word)
            word = OHCFields.ph.set(UInt32(tph.ph), inWord: word)
            word = OHCFields.hv.set(tph.width == 16 ? 3 : 1, inWord: word)
            setOHC(.b, word)
        case .nonFlit:
            guard let tph else {
                set(.ph, 0)
                NonFlitFields.th.set(0, in: &header)
                prefixes.removeAll { PrefixKind(word: $0, mode: mode) == .tph }
                return
            }
            NonFlitFields.th.set(1, in: &header)
            set(.st, UInt32(tph.st & 0xFF))
            set(.ph, UInt32(tph.ph))
            let high = UInt32(tph.st >> 8)
            if tph.width == 16 {
                let empty = PrefixFields.code.set(UInt32(PrefixKind.tphCode), inWord: 0)
                let word = PrefixFields.stHigh.set(high, inWord: prefix(.tph) ?? empty)
                if let index = prefixes.firstIndex(where: { PrefixKind(word: $0, mode: mode) == .tph }) {
                    prefixes[index] = word
                } else {
                    prefixes.append(word)
                }
            } else {
                prefixes.removeAll { PrefixKind(word: $0, mode: mode) == .tph }
            }
        }
    }

    // MARK: encode

    /// The wire bytes: prefixes, header, OHC, payload, trailer.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4 * (prefixes.count + header.count + ohc.count) + payload.count + trailer.count)
        encode(into: &out)
        return out
    }

    /// Appends the wire bytes to `out`.
    public func encode(into out: inout [UInt8]) {
        for words in [prefixes, header, ohc] {
            for word in words {
                out.append(UInt8(truncatingIfNeeded: word >> 24))
                out.append(UInt8(truncatingIfNeeded: word >> 16))
                out.append(UInt8(truncatingIfNeeded: word >> 8))
                out.append(UInt8(truncatingIfNeeded: word))
            }
        }
        out.append(contentsOf: payload)
        out.append(contentsOf: trailer)
    }
}
