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

    /// Per role (by ``FieldRole/ordinal``), the index of the field that plays it here, or -1: a
    /// role is found with one load, as the hot path asks for several per TLP.
    private let slots: [Int8]
    /// Per DW, the bits no field covers.
    private let reservedMasks: [UInt32]

    public init(_ name: String, dwCount: Int, _ fields: [Field]) {
        precondition(fields.allSatisfy { $0.lastDW < dwCount }, "field outside its structure")
        precondition(fields.count < Int(Int8.max), "too many fields for a role slot")
        self.name = name
        self.dwCount = dwCount
        self.fields = fields
        var slots = [Int8](repeating: -1, count: FieldRole.allCases.count)
        for (index, field) in fields.enumerated().reversed() { slots[field.role.ordinal] = Int8(index) }
        self.slots = slots
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
        let slot = slots[role.ordinal]
        return slot < 0 ? nil : fields[Int(slot)]
    }

    /// The value of `role` in the header words of `words`, or nil when this layout has no such
    /// field. The field is read where it is stored, not copied out: the accessors of
    /// ``TLPWords`` call this several times per TLP.
    @inline(__always)
    public func value(_ role: FieldRole, header words: some TLPWords) -> UInt32? {
        let slot = slots[role.ordinal]
        return slot < 0 ? nil : fields[Int(slot)].get(header: words)
    }

    /// The value of `role` in the one-DW structure `word` (an OHC word, a prefix), or nil when
    /// this layout has no such field.
    @inline(__always)
    public func value(_ role: FieldRole, word: UInt32) -> UInt32? {
        let slot = slots[role.ordinal]
        return slot < 0 ? nil : fields[Int(slot)].get(word: word)
    }

    /// The value of `role` in `words`, or nil when this layout has no such field.
    public func value(_ role: FieldRole, in words: [UInt32]) -> UInt32? {
        let slot = slots[role.ordinal]
        return slot < 0 ? nil : fields[Int(slot)].get(words)
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
