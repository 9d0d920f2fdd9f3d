/// One TLP as it was on the wire, in either mode.
///
/// The value keeps the captured DWs themselves and reads every field through the layouts, so
/// decoding and encoding are exact inverses even for reserved bits, and a field's position is
/// written down once (in `Fields/`). Semantic accessors (`address`, `tph`, `requester`, ...)
/// live in `TLP+Fields.swift`; mutation in `TLP+Building.swift`.
public struct TLP: Hashable, Sendable {
    public var mode: LinkMode { didSet { refreshType() } }
    /// One-DW prefixes in front of the header: non-flit local and end-to-end prefixes, or
    /// flit-mode local prefixes. Each DW is held in the spec's big-endian view.
    public var prefixes: [UInt32]
    /// The header (non-flit) or header base (flit) DWs.
    public var header: [UInt32] { didSet { refreshType() } }
    /// Flit mode: the OHC DWs that follow the header base, in wire order (A, B, C, E...).
    public var ohc: [UInt32]
    /// Captured payload bytes; fewer than Length announces when the capture was cut short.
    public var payload: [UInt8]
    /// Captured trailer bytes: flit TS trailer (ECRC, IDE MAC/PCRC) or the non-flit ECRC digest.
    public var trailer: [UInt8]

    /// The type-table row of DW0 and the header layout, kept with the words they are read from
    /// (every accessor asks for them) and refreshed when `mode` or `header` changes.
    public private(set) var info: TypeInfo
    /// Held without reference counting: layouts come from ``HeaderLayouts``' static tables.
    private var headerLayout: Unmanaged<Layout>

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
        (info, headerLayout) = Self.typeAndLayout(mode: mode, header: header)
    }

    private static func typeAndLayout(mode: LinkMode, header: [UInt32]) -> (TypeInfo, Unmanaged<Layout>) {
        let dw0 = header.first ?? 0
        let info = TypeInfo.row(mode, UInt8(truncatingIfNeeded: dw0 >> 24))
        let dw1 = header.count > 1 ? header[1] : 0
        return (info, .passUnretained(HeaderLayouts.layout(mode: mode, info: info, dw0: dw0, dw1: dw1)))
    }

    private mutating func refreshType() {
        (info, headerLayout) = Self.typeAndLayout(mode: mode, header: header)
    }

    /// The header layout for the words as they are now.
    public var layout: Layout { headerLayout.takeUnretainedValue() }

    /// A header field read through the layout borrowed in place: no reference is taken.
    @inline(__always)
    public func fieldValue(_ role: FieldRole) -> UInt32? {
        headerLayout._withUnsafeGuaranteedRef { $0.value(role, in: header) }
    }

    // Equality and hashing are those of the captured words; the type row and layout follow
    // from them.
    public static func == (a: TLP, b: TLP) -> Bool {
        a.mode == b.mode && a.prefixes == b.prefixes && a.header == b.header && a.ohc == b.ohc
            && a.payload == b.payload && a.trailer == b.trailer
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(mode)
        hasher.combine(prefixes)
        hasher.combine(header)
        hasher.combine(ohc)
        hasher.combine(payload)
        hasher.combine(trailer)
    }

    /// A TLP of type `code` (flit Type[7:0], or non-flit byte 0) with every other field zero.
    public init(mode: LinkMode, code: UInt8) {
        let info = TypeInfo.row(mode, code)
        var header = [UInt32](repeating: 0, count: info.headerDWs)
        header[0] = UInt32(code) << 24
        self.init(mode: mode, header: header)
    }

    // MARK: type

    // MARK: sizes

    // The payload and trailer the header announces: `declaredPayloadDWs` and
    // `declaredTrailerDWs` (TLPWords.swift), shared with the view that sizes a TLP.

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

    /// Both tables in one block of memory that lives as long as the process (flit rows first):
    /// a lookup per TLP is one load, with no reference counting of the arrays.
    nonisolated(unsafe) private static let rows: UnsafeMutableBufferPointer<TypeInfo> = {
        let rows = UnsafeMutableBufferPointer<TypeInfo>.allocate(capacity: 512)
        _ = rows.initialize(from: flit + nonFlit)
        return rows
    }()

    /// The row of type code `code` (flit Type[7:0], or non-flit byte 0) in `mode`'s table.
    @inline(__always)
    public static func row(_ mode: LinkMode, _ code: UInt8) -> TypeInfo {
        rows[(mode == .flit ? 0 : 256) | Int(code)]
    }
}
