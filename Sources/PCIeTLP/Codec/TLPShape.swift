/// What the first bytes of a TLP's header fix, worked out once per key instead of per TLP: the
/// type row, the layout, and where the fields the hot paths read (address, requester, tag,
/// completer, ...) sit, as byte offsets into the header. The key is the type code with, in
/// non-flit mode, TH (which changes the memory request layouts). Every entry is derived from
/// the type tables and ``HeaderLayouts``, so a field is still defined once; this only moves the
/// lookups from the TLP to the table.
public struct TLPShape: Sendable {
    public let info: TypeInfo
    /// The header layout; nil for messages, whose layout also depends on the message code.
    let layout: Unmanaged<Layout>?
    /// A prefix DW, not a header.
    let isPrefix: Bool
    /// Flit headers that can announce OHC (everything but NOP and prefixes).
    let hasOHC: Bool
    let addressLow: FieldGetter
    let addressHigh: FieldGetter
    let requester: FieldGetter
    let tag: FieldGetter
    let completer: FieldGetter
    let target: FieldGetter
    let length: FieldGetter
    let byteCount: FieldGetter
    /// Byte enables: in the non-flit header, or (flit) in this type's OHC-A word, read as its
    /// DW 0; absent where that OHC-A variant has none.
    let firstBE: FieldGetter
    let lastBE: FieldGetter
    /// The OHC-A variant of this type (flit).
    let ohcA: OHCKind

    /// How to read one field role of a header in place.
    struct FieldGetter: Sendable {
        enum Kind: UInt8, Sendable {
            /// The layout has no such field: the accessor's nil.
            case absent
            /// One bit range in one header DW: `(DW at byte >> shift) & mask`.
            case simple
            /// Several ranges, or a layout that varies: read through the layout.
            case layout
        }
        let kind: Kind
        let byte: UInt8
        let shift: UInt8
        let mask: UInt32

        static let absent = FieldGetter(kind: .absent, byte: 0, shift: 0, mask: 0)
        static let viaLayout = FieldGetter(kind: .layout, byte: 0, shift: 0, mask: 0)

        /// The getter of `role` in `layout` for a header of `headerDWs` DWs.
        init(_ role: FieldRole, in layout: Layout, headerDWs: Int) {
            guard let field = layout[role] else {
                self = .absent
                return
            }
            guard field.second == nil, field.first.dw < headerDWs else {
                self = .viaLayout
                return
            }
            self.init(
                kind: .simple, byte: UInt8(4 * field.first.dw), shift: field.first.loByte, mask: field.first.valueMask)
        }

        /// The getter that reads `role` the same way in every one of `layouts`, else through
        /// the layout.
        init(_ role: FieldRole, in layouts: [Layout], headerDWs: Int) {
            let all = layouts.map { FieldGetter(role, in: $0, headerDWs: headerDWs) }
            self = all.dropFirst().allSatisfy { $0 == all[0] } ? all[0] : .viaLayout
        }

        private init(kind: Kind, byte: UInt8, shift: UInt8, mask: UInt32) {
            self.kind = kind
            self.byte = byte
            self.shift = shift
            self.mask = mask
        }

        static func == (a: FieldGetter, b: FieldGetter) -> Bool {
            a.kind == b.kind && a.byte == b.byte && a.shift == b.shift && a.mask == b.mask
        }
    }

    init(mode: LinkMode, code: UInt8, th: Bool) {
        let info = TypeInfo.row(mode, code)
        self.info = info
        isPrefix = TLPDecoder.isPrefix(code, mode: mode)
        hasOHC = mode == .flit && info.kind != .nop && info.kind != .prefix
        let dw0 = UInt32(code) << 24 | (th ? NonFlitFields.th.set(1, inWord: 0) : 0)
        // A message's layout varies with its code (vendor-defined or not); a getter is kept
        // only where every variant puts the field in the same place.
        let layouts: [Layout] =
            info.kind == .message
            ? [0x00, 0x7E].map { HeaderLayouts.layout(mode: mode, info: info, dw0: dw0, dw1: UInt32($0)) }
            : [HeaderLayouts.layout(mode: mode, info: info, dw0: dw0, dw1: 0)]
        layout = info.kind == .message ? nil : .passUnretained(layouts[0])
        let dws = info.headerDWs
        addressLow = FieldGetter(.addressLow, in: layouts, headerDWs: dws)
        addressHigh = FieldGetter(.addressHigh, in: layouts, headerDWs: dws)
        requester = FieldGetter(.requester, in: layouts, headerDWs: dws)
        tag = FieldGetter(.tag, in: layouts, headerDWs: dws)
        completer = FieldGetter(.completer, in: layouts, headerDWs: dws)
        target = FieldGetter(.target, in: layouts, headerDWs: dws)
        length = FieldGetter(.length, in: layouts, headerDWs: dws)
        byteCount = FieldGetter(.byteCount, in: layouts, headerDWs: dws)
        ohcA = OHCKind.a(for: info)
        if mode == .flit {
            firstBE = FieldGetter(.firstBE, in: ohcA.layout, headerDWs: 1)
            lastBE = FieldGetter(.lastBE, in: ohcA.layout, headerDWs: 1)
        } else {
            firstBE = FieldGetter(.firstBE, in: layouts, headerDWs: dws)
            lastBE = FieldGetter(.lastBE, in: layouts, headerDWs: dws)
        }
    }

    /// Flit rows by type code, then non-flit rows by byte 0, then non-flit rows with TH set, in
    /// one block that lives as long as the process (layouts are static, so the unretained
    /// references stay valid): a lookup per TLP is one address computation.
    nonisolated(unsafe) private static let table: UnsafeMutableBufferPointer<TLPShape> = {
        let rows = UnsafeMutableBufferPointer<TLPShape>.allocate(capacity: 768)
        var index = 0
        for (mode, th) in [(LinkMode.flit, false), (.nonFlit, false), (.nonFlit, true)] {
            for code in 0...255 {
                rows.initializeElement(at: index, to: TLPShape(mode: mode, code: UInt8(code), th: th))
                index += 1
            }
        }
        return rows
    }()

    /// The shape of the header whose first bytes are `byte0` and `byte1` (non-flit TH is DW0
    /// bit 16, the low bit of byte 1: ``NonFlitFields/th``).
    @inline(__always)
    static func of(_ mode: LinkMode, byte0: UInt8, byte1: UInt8) -> UnsafePointer<TLPShape> {
        let key = mode == .flit ? Int(byte0) : 256 + Int(byte1 & 1) << 8 + Int(byte0)
        return UnsafePointer(table.baseAddress.unsafelyUnwrapped + key)
    }

    /// What the flit DW0 OHC field (bits 20:16, the low five bits of byte 1: ``FlitFields/ohc``)
    /// announces, by that field's value: the number of OHC DWs, whether OHC-A (always the first)
    /// is among them, and where OHC-B sits (-1: absent).
    struct OHCPresence {
        let count: UInt8
        let hasA: Bool
        let b: Int8
    }

    nonisolated(unsafe) static let ohcTable: UnsafeMutableBufferPointer<OHCPresence> = {
        let rows = UnsafeMutableBufferPointer<OHCPresence>.allocate(capacity: 32)
        let memory = TypeInfo.row(.flit, 0x40)
        for bits in 0..<32 {
            let dw0 = UInt32(bits) << 16
            let b = OHCKind.position(of: .b, dw0: dw0, info: memory).map { Int8($0) } ?? -1
            let a = OHCKind.position(of: OHCKind.a(for: memory), dw0: dw0, info: memory)
            rows.initializeElement(at: bits, to: OHCPresence(count: UInt8(OHCKind.count(dw0: dw0)), hasA: a == 0, b: b))
        }
        return rows
    }()
}
