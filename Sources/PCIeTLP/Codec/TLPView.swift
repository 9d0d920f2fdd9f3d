/// A TLP read in place from its wire bytes: the sizes are checked once (prefixes, header, OHC,
/// exactly as ``TLPDecoder`` needs them) and fields are read on demand with the same field
/// constants, with no allocation. The verifier's hot path reads TLPs through it; ``TLP`` is
/// built only where a whole value is needed (rendering, custom rules).
public struct TLPView {
    public let mode: LinkMode
    public let bytes: UnsafeRawBufferPointer
    public let info: TypeInfo
    /// Number of one-DW prefixes in front of the header.
    public let prefixCount: Int
    /// OHC[4:0] (0 in non-flit mode).
    public let ohcBits: UInt32
    /// Bytes of prefixes, header and OHC: where the payload starts.
    public let headerEnd: Int

    /// Sizes the TLP at the start of `bytes`; throws when the bytes end inside the prefixes,
    /// the header or the OHC.
    public init(_ bytes: UnsafeRawBufferPointer, mode: LinkMode) throws(DecodeError) {
        guard !bytes.isEmpty else { throw DecodeError(code: .empty, needed: 4, available: 0, part: "header") }
        var offset = 0
        // Prefixes: non-flit Fmt=100b (0x80..0x9F); flit local prefixes Type 0x80..0x8F.
        while offset < bytes.count, TLPDecoder.isPrefix(bytes[offset], mode: mode) {
            guard bytes.count - offset >= 4 else {
                throw .truncated("prefix", needed: offset + 4, available: bytes.count)
            }
            offset += 4
        }
        guard offset < bytes.count else { throw .truncated("header", needed: offset + 4, available: bytes.count) }
        let info = mode == .flit ? TypeInfo.flit[Int(bytes[offset])] : TypeInfo.nonFlit[Int(bytes[offset])]
        let headerEnd = offset + 4 * info.headerDWs
        guard headerEnd <= bytes.count else { throw .truncated("header", needed: headerEnd, available: bytes.count) }
        var ohcBits: UInt32 = 0
        var ohcCount = 0
        if mode == .flit, info.kind != .nop, info.kind != .prefix {
            ohcBits = FlitFields.ohc.get(word: Self.readDW(bytes, offset))
            ohcCount = OHCKind.count(ohcBits)
        }
        let end = headerEnd + 4 * ohcCount
        guard end <= bytes.count else { throw .truncated("OHC", needed: end, available: bytes.count) }
        self.mode = mode
        self.bytes = bytes
        self.info = info
        self.prefixCount = offset / 4
        self.ohcBits = ohcBits
        self.headerEnd = end
    }

    @inline(__always)
    static func readDW(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }

    /// Header DW `index` (0 = DW0 of the header, after any prefixes).
    @inline(__always)
    public func header(_ index: Int) -> UInt32 { Self.readDW(bytes, 4 * (prefixCount + index)) }

    /// Header base DWs (flit) or header DWs (non-flit).
    public var headerDWs: Int { info.headerDWs }

    public var type: TLPType { info.type }

    /// Traffic class (0 for a NOP, whose other fields are reserved).
    public var tc: UInt8 {
        switch mode {
        case .flit: info.kind == .nop ? 0 : UInt8(FlitFields.tc.get(word: header(0)))
        case .nonFlit: UInt8(NonFlitFields.tc.get(word: header(0)))
        }
    }

    /// The OHC-B word, if OHC[1] says it is there.
    public var ohcB: UInt32? {
        guard ohcBits & 2 != 0 else { return nil }
        return Self.readDW(bytes, 4 * (prefixCount + info.headerDWs) + (ohcBits & 1 != 0 ? 4 : 0))
    }

    /// Requester ID of requests (memory, IO, configuration); nil for other kinds.
    public var requester: PCIID? {
        switch info.kind {
        case .memoryRead, .memoryWrite, .atomic, .deferrableWrite, .io, .configuration:
            let field = mode == .flit ? FlitFields.requester : NonFlitFields.requester
            return PCIID(UInt16(truncatingIfNeeded: field.get(word: header(field.dw))))
        default:
            return nil
        }
    }

    /// Address of memory and IO requests, PH/AT bits cleared.
    public var address: UInt64? {
        switch info.kind {
        case .memoryRead, .memoryWrite, .atomic, .deferrableWrite, .io: break
        default: return nil
        }
        if info.routing == .address64 {
            let high = mode == .flit ? FlitFields.addressHigh : NonFlitFields.addressHigh
            let low = mode == .flit ? FlitFields.addressLow64 : NonFlitFields.addressLow64
            return UInt64(high.get(word: header(high.dw))) << 32 | UInt64(low.get(word: header(low.dw))) << 2
        }
        let low = mode == .flit ? FlitFields.address32 : NonFlitFields.address32
        return UInt64(low.get(word: header(low.dw))) << 2
    }

    /// Valid TPH, as ``TLP/tph`` reads it: memory requests only; flit OHC-B with HV 01/11;
    /// non-flit TH=1, ST[7:0] in the Tag byte (writes) or byte-enable byte, ST[15:8] from a TPH
    /// prefix (16-bit only when it is not zero).
    public var tph: TPH? {
        guard info.kind.isMemoryRequest else { return nil }
        switch mode {
        case .flit:
            return ohcB.flatMap { TPH(ohcB: $0) }
        case .nonFlit:
            guard NonFlitFields.th.get(word: header(0)) != 0 else { return nil }
            let stField = info.kind == .memoryWrite ? NonFlitFields.stInTag : NonFlitFields.stInByteEnables
            let phField = info.routing == .address64 ? NonFlitFields.ph64 : NonFlitFields.ph32
            let low = UInt16(stField.get(word: header(stField.dw)))
            let ph = UInt8(phField.get(word: header(phField.dw)))
            for index in 0..<prefixCount {
                let word = Self.readDW(bytes, 4 * index)
                if word >> 24 == 0x90 {
                    let high = UInt16(PrefixFields.stHigh.get(word: word))
                    return high == 0 ? TPH(st: low, width: 8, ph: ph) : TPH(st: high << 8 | low, width: 16, ph: ph)
                }
            }
            return TPH(st: low, width: 8, ph: ph)
        }
    }
}
