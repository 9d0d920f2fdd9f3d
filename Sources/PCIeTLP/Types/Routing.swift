/// How a TLP is routed; for messages this is Type[2:0] (r[2:0]).
public enum Routing: Hashable, Sendable {
    case address32
    case address64
    case id
    /// Message routing r[2:0] other than by address or ID.
    case toRootComplex, broadcast, local, gathered, reservedMessage
    /// Flit-mode local TLPs and prefixes that are not forwarded.
    case localTLP
    case none

    /// Message routing from r[2:0].
    public static func message(_ r: UInt8) -> Routing {
        switch r & 7 {
        case 0: .toRootComplex
        case 1: .address64
        case 2: .id
        case 3: .broadcast
        case 4: .local
        case 5: .gathered
        default: .reservedMessage
        }
    }

    /// Short name used in the text rendering (`Route=Local`).
    public var name: String {
        switch self {
        case .address32, .address64: "Addr"
        case .id: "ID"
        case .toRootComplex: "RC"
        case .broadcast: "Bcast"
        case .local: "Local"
        case .gathered: "Gather"
        case .reservedMessage: "Rsvd"
        case .localTLP: "LocalTLP"
        case .none: "None"
        }
    }

    public var isAddressRouted: Bool { self == .address32 || self == .address64 }
}
