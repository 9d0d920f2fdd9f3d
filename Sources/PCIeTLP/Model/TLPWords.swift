/// The captured DWs of a TLP, as the semantic accessors read them. Both the decoded ``TLP``
/// (arrays of words) and the zero-copy ``TLPView`` (bytes in place) conform, so every accessor
/// (`tc`, `requester`, `address`, `tph`, ...) is written once, below, and reads through the
/// layouts and field constants: neither type knows a bit position.
public protocol TLPWords {
    var mode: LinkMode { get }
    /// The type-table row of header DW0.
    var info: TypeInfo { get }
    /// The header layout (depends on type, TH and message code); ``TLPView`` keeps it.
    var layout: Layout { get }
    /// The raw value of the header field that plays `role`, or nil when this TLP has none: what
    /// every accessor below reads. The default asks ``layout``; a conformer may read its layout
    /// without taking a reference to it.
    func fieldValue(_ role: FieldRole) -> UInt32?
    /// Header DW `index` (0 = DW0 after any prefixes); 0 for a DW the header does not hold.
    func headerWord(_ index: Int) -> UInt32
    var prefixWordCount: Int { get }
    /// Prefix DW `index`, in wire order.
    func prefixWord(_ index: Int) -> UInt32
    var ohcWordCount: Int { get }
    /// OHC DW `index`, in wire order.
    func ohcWord(at index: Int) -> UInt32

    // The accessors pairing and the checks read per TLP: the defaults below read them through
    // the layout; ``TLPView`` reads them through its shape, also from generic code.
    var requester: PCIID? { get }
    var completer: PCIID? { get }
    var target: PCIID? { get }
    var tag: UInt16? { get }
    var address: UInt64? { get }
    var byteCount: UInt16? { get }
    var lengthDWs: Int { get }
    var firstBE: UInt8? { get }
    var lastBE: UInt8? { get }
}

extension TLPWords {
    /// Payload DWs the header announces.
    public var declaredPayloadDWs: Int {
        info.hasData && info.kind != .nop ? lengthDWs : 0
    }

    /// Trailer DWs the header announces: flit TS, or the non-flit digest when TD=1.
    public var declaredTrailerDWs: Int {
        switch mode {
        case .flit: info.kind == .nop ? 0 : TLP.trailerDWs(ts: value(FlitFields.ts))
        case .nonFlit: value(NonFlitFields.td) != 0 ? 1 : 0
        }
    }

    /// Flit Type[7:0] or non-flit byte 0 (Fmt << 5 | Type).
    public var typeCode: UInt8 { UInt8(truncatingIfNeeded: FlitFields.type.get(word: headerWord(0))) }
    public var type: TLPType { info.type }

    /// The layout for these words, from the type table and, where they matter, TH and the
    /// message code.
    public var computedLayout: Layout {
        HeaderLayouts.layout(mode: mode, info: info, dw0: headerWord(0), dw1: headerWord(1))
    }

    /// The value of `field` in the header words.
    @inline(__always)
    public func value(_ field: Field) -> UInt32 { field.get(header: self) }

    /// The raw value of the header field that plays `role`, or nil when this TLP has none.
    public subscript(role: FieldRole) -> UInt32? { fieldValue(role) }

    public func fieldValue(_ role: FieldRole) -> UInt32? { layout.value(role, header: self) }

    // MARK: DW0 and the request fields

    /// Traffic class (0 where the header has none: a flit NOP).
    public var tc: UInt8 { UInt8(self[.tc] ?? 0) }
    /// Attributes as a 3-bit value: bit 2 IDO, bit 1 RO, bit 0 NS.
    public var attr: UInt8 { UInt8(self[.attr] ?? 0) }
    /// The raw Length field (0 means 1024 DW).
    public var length: UInt16 { UInt16(self[.length] ?? 0) }
    /// Length in DW as the TLP means it (a Length field of 0 means 1024; 1 where the header
    /// has no Length field, as in a flit NOP).
    public var lengthDWs: Int {
        guard let raw = self[.length] else { return 1 }
        return raw == 0 ? 1024 : Int(raw)
    }
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
        guard let low = self[.addressLow] else { return nil }
        let high = self[.addressHigh] ?? 0
        return UInt64(high) << 32 | UInt64(low) << 2
    }

    /// AT where the header carries it (non-flit DW0; flit: low bits of the last address DW).
    public var at: UInt8? { self[.at].map { UInt8($0) } }
    public var msgCode: UInt8? { self[.msgCode].map { UInt8($0) } }

    // MARK: OHC and prefixes

    /// The kinds of the OHC DWs this TLP announces (flit mode), in wire order.
    public var ohcKinds: OHCKinds {
        guard mode == .flit, info.kind != .nop, info.kind != .prefix else { return OHCKinds() }
        return OHCKind.sequence(dw0: headerWord(0), info: info)
    }

    /// The captured OHC word of `kind` (the first, for OHC-E), if present.
    public func ohcWord(_ kind: OHCKind) -> UInt32? {
        guard mode == .flit, info.kind != .nop, info.kind != .prefix,
            let index = OHCKind.position(of: kind, dw0: headerWord(0), info: info), index < ohcWordCount
        else { return nil }
        return ohcWord(at: index)
    }

    /// The OHC-A word (whichever variant this TLP uses) and its kind.
    private var ohcA: (kind: OHCKind, word: UInt32)? {
        let kind = OHCKind.a(for: info)
        return ohcWord(kind).map { (kind, $0) }
    }

    public var prefixKinds: [PrefixKind] {
        (0..<prefixWordCount).map { PrefixKind(word: prefixWord($0), mode: mode) }
    }

    /// The first prefix of `kind`, if present.
    public func prefix(_ kind: PrefixKind) -> UInt32? {
        for index in 0..<prefixWordCount where PrefixKind(word: prefixWord(index), mode: mode) == kind {
            return prefixWord(index)
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
            guard let (kind, word) = ohcA, let value = kind.layout.value(role, word: word) else { return nil }
            return UInt8(value)
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
            guard NonFlitFields.th.get(word: headerWord(0)) != 0, let low = self[.st], let ph = self[.ph]
            else { return nil }
            let high = prefix(.tph).map { PrefixFields.stHigh.get(word: $0) } ?? 0
            guard high != 0 else { return TPH(st: UInt16(low), width: 8, ph: UInt8(ph)) }
            return TPH(st: UInt16(high << 8 | low), width: 16, ph: UInt8(ph))
        }
    }
}
