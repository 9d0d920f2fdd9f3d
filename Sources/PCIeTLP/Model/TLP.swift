/// One TLP as it was on the wire, in either mode.
///
/// The value keeps the captured DWs themselves and reads every field through the layouts, so
/// decoding and encoding are exact inverses even for reserved bits, and a field's position is
/// written down once (in `Fields/`). Semantic accessors (`address`, `tph`, `requester`, ...)
/// live in `TLP+Fields.swift`; mutation in `TLP+Building.swift`.
public struct TLP: Hashable, Sendable {
    public var mode: LinkMode
    /// One-DW prefixes in front of the header: non-flit local and end-to-end prefixes, or
    /// flit-mode local prefixes. Each DW is held in the spec's big-endian view.
    public var prefixes: [UInt32]
    /// The header (non-flit) or header base (flit) DWs.
    public var header: [UInt32]
    /// Flit mode: the OHC DWs that follow the header base, in wire order (A, B, C, E...).
    public var ohc: [UInt32]
    /// Captured payload bytes; fewer than Length announces when the capture was cut short.
    public var payload: [UInt8]
    /// Captured trailer bytes: flit TS trailer (ECRC, IDE MAC/PCRC) or the non-flit ECRC digest.
    public var trailer: [UInt8]

    public init(
        mode: LinkMode, prefixes: [UInt32] = [], header: [UInt32], ohc: [UInt32] = [], payload: [UInt8] = [],
        trailer: [UInt8] = []
    ) {
        self.mode = mode
        self.prefixes = prefixes
        self.header = header
        self.ohc = ohc
        self.payload = payload
        self.trailer = trailer
    }

    /// A TLP of type `code` (flit Type[7:0], or non-flit byte 0) with every other field zero.
    public init(mode: LinkMode, code: UInt8) {
        let info = TypeInfo.table(mode)[Int(code)]
        var header = [UInt32](repeating: 0, count: info.headerDWs)
        header[0] = UInt32(code) << 24
        self.init(mode: mode, header: header)
    }

    // MARK: type

    /// The type-table row of DW0 (``TLPWords`` reads every other field).
    public var info: TypeInfo { TypeInfo.table(mode)[Int(typeCode)] }

    // MARK: sizes

    /// Payload DWs the header announces.
    public var declaredPayloadDWs: Int {
        info.hasData && info.kind != .nop ? lengthDWs : 0
    }

    /// Trailer DWs the header announces: flit TS, or the non-flit digest when TD=1.
    public var declaredTrailerDWs: Int {
        switch mode {
        case .flit: info.kind == .nop ? 0 : TLP.trailerDWs(ts: FlitFields.ts.get(header))
        case .nonFlit: NonFlitFields.td.get(header) != 0 ? 1 : 0
        }
    }

    /// Trailer size in DW for TS[2:0] (PCIe 6.x, reference §2.3).
    public static func trailerDWs(ts: UInt32) -> Int {
        switch ts & 7 {
        case 0: 0
        case 1, 2: 1
        case 3, 4: 2
        case 5: 3
        case 6: 4
        default: 5
        }
    }

    /// True when the captured bytes end before the payload or trailer the header announces.
    public var isTruncated: Bool {
        payload.count < declaredPayloadDWs * 4 || trailer.count < declaredTrailerDWs * 4
    }

    /// Total size in bytes that the header announces.
    public var declaredSize: Int {
        4 * (prefixes.count + header.count + ohc.count + declaredPayloadDWs + declaredTrailerDWs)
    }
}

extension TypeInfo {
    /// The 256-entry type table of `mode`.
    public static func table(_ mode: LinkMode) -> [TypeInfo] {
        mode == .flit ? flit : nonFlit
    }
}
