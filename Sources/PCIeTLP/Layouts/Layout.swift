/// The fields of one structure (a header, an OHC word, a prefix), in the order text shows them.
///
/// A layout is the single place that says where a field lives for a given TLP kind; the
/// semantic accessors on ``TLP``, the encoder, the text renderer and the JSON writer all ask it.
/// A class, so that handing a layout around (a ``TLPView`` keeps one) costs one reference count,
/// not one per array.
public final class Layout: Hashable, Sendable {
    /// Name used as the head of text lines for non-header structures (`OHC-B`, `TPH`).
    public let name: String
    public let dwCount: Int
    public let fields: [Field]

    /// The fields' roles, in field order: a compact array to search (one byte per field).
    private let roles: [FieldRole]
    /// Per DW, the bits no field covers.
    private let reservedMasks: [UInt32]

    public init(_ name: String, dwCount: Int, _ fields: [Field]) {
        precondition(fields.allSatisfy { $0.lastDW < dwCount }, "field outside its structure")
        self.name = name
        self.dwCount = dwCount
        self.fields = fields
        roles = fields.map(\.role)
        reservedMasks = (0..<dwCount).map { dw in ~fields.reduce(UInt32(0)) { $0 | $1.mask(inDW: dw) } }
    }

    public static func == (a: Layout, b: Layout) -> Bool {
        a === b || (a.name == b.name && a.dwCount == b.dwCount && a.fields == b.fields)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(fields)
    }

    /// The field that plays `role` here, if the structure has one.
    public subscript(role: FieldRole) -> Field? {
        guard let index = roles.firstIndex(of: role) else { return nil }
        return fields[index]
    }

    /// The value of `role` in `words`, or nil when this layout has no such field.
    public func value(_ role: FieldRole, in words: [UInt32]) -> UInt32? {
        self[role]?.get(words)
    }

    /// Bits of DW `dw` that no field covers: reserved bits that a transmitter must leave zero.
    public func reservedMask(inDW dw: Int) -> UInt32 {
        dw < reservedMasks.count ? reservedMasks[dw] : .max
    }

    /// Raw whole-DW fields for DWs `from..<dwCount`, for structures whose layout is unknown.
    static func rawWords(from first: Int, to count: Int) -> [Field] {
        let labels: [StaticString] = ["DW1", "DW2", "DW3", "DW4", "DW5", "DW6"]
        return (first..<count).map { dw in
            let index = min(dw - 1, labels.count - 1)
            return Field(FieldRole.rawWords[index], labels[index], dw: dw, 31, 0, .hex32)
        }
    }
}
