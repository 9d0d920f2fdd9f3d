/// Which Orthogonal Header Content word a flit-mode OHC DW is.
public enum OHCKind: String, CaseIterable, Hashable, Sendable {
    case a1 = "OHC-A1", a2 = "OHC-A2", a3 = "OHC-A3", a4 = "OHC-A4", a5 = "OHC-A5"
    case b = "OHC-B", c = "OHC-C", e = "OHC-E"

    /// The JSON `kind` of the word in the `prefixes` array (`ohc-a1`, ..., `ohc-e`).
    public var jsonKind: String { rawValue.lowercased() }

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

    /// OHC-E size in DWs from OHC[4:3]: 0, 1, 2 or 4.
    public static func eCount(_ ohc: UInt32) -> Int {
        switch (ohc >> 3) & 3 {
        case 0: 0
        case 1: 1
        case 2: 2
        default: 4
        }
    }

    /// The kinds of the OHC DWs that follow the header base, in wire order (A, B, C, E...).
    public static func sequence(ohc: UInt32, info: TypeInfo) -> [OHCKind] {
        var kinds: [OHCKind] = []
        if ohc & 1 != 0 { kinds.append(a(for: info)) }
        if ohc & 2 != 0 { kinds.append(.b) }
        if ohc & 4 != 0 { kinds.append(.c) }
        kinds.append(contentsOf: repeatElement(.e, count: eCount(ohc)))
        return kinds
    }

    /// Number of OHC DWs that OHC[4:0] announces.
    public static func count(_ ohc: UInt32) -> Int {
        Int(ohc & 1) + Int((ohc >> 1) & 1) + Int((ohc >> 2) & 1) + eCount(ohc)
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
