/// Everything the decoder needs to know about one type code, looked up in a 256-entry table.
///
/// Reserved codes still carry a header size and a payload flag so a stream can be walked past
/// them.
public struct TypeInfo: Hashable, Sendable {
    public let code: UInt8
    public let type: TLPType
    /// Header base DWs (flit) or header DWs (non-flit), not counting prefixes or OHC.
    public let headerDWs: Int
    /// True when the TLP carries Length DWs of payload.
    public let hasData: Bool
    public let routing: Routing
    /// A code the spec reserves (the row still tells how to skip it).
    public let isReserved: Bool
    /// The type's family, kept in the row: every accessor asks it.
    public let kind: TLPKind

    public init(code: UInt8, type: TLPType, headerDWs: Int, hasData: Bool, routing: Routing, isReserved: Bool) {
        self.code = code
        self.type = type
        self.headerDWs = headerDWs
        self.hasData = hasData
        self.routing = routing
        self.isReserved = isReserved
        kind = type.kind
    }
}
