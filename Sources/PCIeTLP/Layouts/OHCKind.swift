/// Which Orthogonal Header Content word a flit-mode OHC DW is.
public enum OHCKind: String, CaseIterable, Hashable, Sendable {
    case a1 = "OHC-A1", a2 = "OHC-A2", a3 = "OHC-A3", a4 = "OHC-A4", a5 = "OHC-A5"
    case b = "OHC-B", c = "OHC-C", e = "OHC-E"

    /// The JSON `kind` of the word in the `prefixes` array (`ohc-a1`, ..., `ohc-e`).
    public var jsonKind: String {
        switch self {
        case .a1: "ohc-a1"
        case .a2: "ohc-a2"
        case .a3: "ohc-a3"
        case .a4: "ohc-a4"
        case .a5: "ohc-a5"
        case .b: "ohc-b"
        case .c: "ohc-c"
        case .e: "ohc-e"
        }
    }

    public var layout: Layout {
        switch self {
        case .a1: OHCLayouts.a1
        case .a2: OHCLayouts.a2
        case .a3: OHCLayouts.a3
        case .a4: OHCLayouts.a4
        case .a5: OHCLayouts.a5
        case .b: OHCLayouts.b
        case .c: OHCLayouts.c
        case .e: OHCLayouts.e
        }
    }

    /// The OHC-A variant a TLP uses, chosen by its kind and routing (PCIe 6.x Table 2-6).
    public static func a(for info: TypeInfo) -> OHCKind {
        switch info.kind {
        case .memoryRead, .memoryWrite, .atomic, .deferrableWrite: .a1
        case .io: .a2
        case .configuration: .a3
        case .completion, .uioCompletion: .a5
        case .message: info.routing == .id ? .a4 : .a1
        case .nop, .prefix, .reserved: info.routing == .id ? .a4 : .a1
        }
    }

    /// OHC-E size in DWs from its size code (OHC[4:3]): 0, 1, 2 or 4.
    @inline(__always)
    static func eCount(code: UInt32) -> Int {
        switch code {
        case 0: 0
        case 1: 1
        case 2: 2
        default: 4
        }
    }

    /// The kinds of the OHC DWs that a flit header base with DW0 `dw0` announces, in wire
    /// order (A, B, C, E...). The presence bits come from ``FlitFields``.
    @inline(__always)
    public static func sequence(dw0: UInt32, info: TypeInfo) -> OHCKinds {
        var kinds = OHCKinds()
        let present = Presence.of(dw0)
        if present.a != 0 { kinds.append(a(for: info)) }
        if present.b != 0 { kinds.append(.b) }
        if present.c != 0 { kinds.append(.c) }
        for _ in 0..<present.e { kinds.append(.e) }
        return kinds
    }

    /// Number of OHC DWs that a flit header base with DW0 `dw0` announces.
    @inline(__always)
    public static func count(dw0: UInt32) -> Int {
        let present = Presence.of(dw0)
        return present.a + present.b + present.c + present.e
    }

    /// Where the OHC word of `kind` sits among the OHC DWs (the first, for OHC-E), if DW0 `dw0`
    /// announces it: no array is built, so the hot path can ask.
    @inline(__always)
    public static func position(of kind: OHCKind, dw0: UInt32, info: TypeInfo) -> Int? {
        let present = Presence.of(dw0)
        let (a, b, c) = (present.a, present.b, present.c)
        switch kind {
        case .b: return b != 0 ? a : nil
        case .c: return c != 0 ? a + b : nil
        case .e: return present.e > 0 ? a + b + c : nil
        default: return a != 0 && kind == OHCKind.a(for: info) ? 0 : nil
        }
    }
}

extension OHCKind {
    /// The presence bits of DW0 (``FlitFields`` `ohcA`, `ohcB`, `ohcC`, `ohcE`), read in one go:
    /// the bit ranges are copied out of the field constants once, so the per-TLP sizing and
    /// lookups do not fetch four lazily made constants each time.
    struct Presence {
        let a: BitRange
        let b: BitRange
        let c: BitRange
        let e: BitRange
        static let bits = Presence(
            a: FlitFields.ohcA.first, b: FlitFields.ohcB.first, c: FlitFields.ohcC.first, e: FlitFields.ohcE.first)

        /// OHC-A, -B and -C present (0 or 1 each) and the number of OHC-E DWs.
        @inline(__always)
        static func of(_ dw0: UInt32) -> (a: Int, b: Int, c: Int, e: Int) {
            let bits = bits
            return (
                Int(bits.a.get(dw0)), Int(bits.b.get(dw0)), Int(bits.c.get(dw0)),
                OHCKind.eCount(code: bits.e.get(dw0))
            )
        }
    }
}

/// The OHC kinds of one TLP, in wire order: at most seven (A, B, C and four OHC-E), held in
/// the value itself, so listing them allocates nothing.
public struct OHCKinds: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral {
    /// Kind `i` in bits 4i..4i+3, as its position in `OHCKind.allCases`.
    private var packed: UInt32 = 0
    public private(set) var count = 0

    public init() {}

    public init(arrayLiteral kinds: OHCKind...) {
        for kind in kinds { append(kind) }
    }

    @inline(__always)
    mutating func append(_ kind: OHCKind) {
        guard count < 8 else { return }
        packed |= UInt32(kind.ordinal) << UInt32(4 * count)
        count += 1
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(index: Int) -> OHCKind {
        precondition(index >= 0 && index < count, "OHC kind index out of range")
        return OHCKind(code: (packed >> UInt32(4 * index)) & 0xF)
    }
}

extension OHCKind {
    /// A small code for the kind (its place in `allCases`), and back.
    @inline(__always) var ordinal: Int {
        switch self {
        case .a1: 0
        case .a2: 1
        case .a3: 2
        case .a4: 3
        case .a5: 4
        case .b: 5
        case .c: 6
        case .e: 7
        }
    }

    init(code: UInt32) {
        switch code {
        case 0: self = .a1
        case 1: self = .a2
        case 2: self = .a3
        case 3: self = .a4
        case 4: self = .a5
        case 5: self = .b
        case 6: self = .c
        default: self = .e
        }
    }
}

enum OHCLayouts {
    typealias F = OHCFields
    static let a1 = Layout("OHC-A1", dwCount: 1, [F.nw, F.pv, F.pmr, F.er, F.pasid, F.lastBE, F.firstBE])
    static let a2 = Layout("OHC-A2", dwCount: 1, [F.lastBE, F.firstBE])
    static let a3 = Layout("OHC-A3", dwCount: 1, [F.destinationSegment, F.dsv, F.lastBE, F.firstBE])
    static let a4 = Layout("OHC-A4", dwCount: 1, [F.destinationSegment, F.dsv, F.a4PV, F.a4PASID])
    static let a5 = Layout(
        "OHC-A5", dwCount: 1, [F.destinationSegment, F.completerSegment, F.dsv, F.lowerAddressLow, F.status])
    static let b = Layout("OHC-B", dwCount: 1, [F.st, F.ph, F.hv, F.ama, F.av])
    static let c = Layout(
        "OHC-C", dwCount: 1, [F.requesterSegment, F.prSentCounter, F.streamID, F.subStream, F.rsv, F.k, F.t])
    static let e = Layout("OHC-E", dwCount: 1, [F.entryFormat, F.entryType, F.entryData])
}
