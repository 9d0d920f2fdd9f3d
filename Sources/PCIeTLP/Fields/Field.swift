/// One header field, defined once: its text label, its JSON key and where its bits are.
///
/// Decode (`get`), encode (`set`), the analyzer-style text and the JSON record all read the
/// same constant, so a bit position lives in exactly one place. A field whose bits are split
/// (non-flit Tag[9:8] in DW0, Attr[2] apart from Attr[1:0]) lists its ranges most significant
/// first.
public struct Field: Hashable, Sendable {
    /// What the field means; its raw value is the JSON key in raw-field objects.
    public let role: FieldRole
    /// Label in the analyzer-style text (`TC`, `RID`, `AddrH`).
    public let label: String
    /// Bit ranges, most significant first.
    public let ranges: [BitRange]
    public let style: FieldStyle
    /// The DW whose text line shows this field.
    public let shownIn: Int

    public init(
        _ role: FieldRole, _ label: String, _ ranges: [BitRange], _ style: FieldStyle = .decimal,
        shownIn: Int? = nil
    ) {
        precondition(!ranges.isEmpty && ranges.reduce(0) { $0 + $1.width } <= 32, "bad field")
        self.role = role
        self.label = label
        self.ranges = ranges
        self.style = style
        self.shownIn = shownIn ?? ranges[0].dw
    }

    /// A field held in one range.
    public init(
        _ role: FieldRole, _ label: String, dw: Int, _ hi: Int, _ lo: Int, _ style: FieldStyle = .decimal
    ) {
        self.init(role, label, [BitRange(dw: dw, hi: hi, lo: lo)], style)
    }

    /// The JSON key of the field in raw-field objects.
    public var key: String { role.rawValue }

    public var width: Int { ranges.reduce(0) { $0 + $1.width } }

    /// The largest value the field can hold.
    public var maxValue: UInt32 { width == 32 ? .max : (UInt32(1) << UInt32(width)) &- 1 }

    /// The highest DW index the field touches, so callers can check the words are there.
    public var lastDW: Int { ranges.reduce(0) { max($0, $1.dw) } }

    /// FIELD_GET over the structure's words. Returns 0 for words that are not present.
    public func get(_ words: [UInt32]) -> UInt32 {
        var value: UInt32 = 0
        for range in ranges {
            let word = range.dw < words.count ? words[range.dw] : 0
            value = (range.width == 32 ? 0 : value << UInt32(range.width)) | range.get(word)
        }
        return value
    }

    /// FIELD_GET for a one-DW structure (OHC word, prefix): every range is read from `word`.
    public func get(word: UInt32) -> UInt32 {
        var value: UInt32 = 0
        for range in ranges {
            value = (range.width == 32 ? 0 : value << UInt32(range.width)) | range.get(word)
        }
        return value
    }

    /// FIELD_PREP for a one-DW structure: `word` with the field replaced by `value`.
    public func set(_ value: UInt32, inWord word: UInt32) -> UInt32 {
        var words = [word]
        set(value, in: &words)
        return words[0]
    }

    /// FIELD_PREP into the structure's words; bits of `value` above the field's width are dropped.
    public func set(_ value: UInt32, in words: inout [UInt32]) {
        var rest = value
        for range in ranges.reversed() {
            let index = range.dw
            guard index < words.count else { continue }
            words[index] = range.set(rest, in: words[index])
            rest = range.width == 32 ? 0 : rest >> UInt32(range.width)
        }
    }

    /// True when `value` fits in the field (FIELD_FIT).
    public func fits(_ value: UInt32) -> Bool { value <= maxValue }

    /// Mask of the field's bits inside DW `dw`.
    public func mask(inDW dw: Int) -> UInt32 {
        ranges.reduce(0) { $1.dw == dw ? $0 | $1.mask : $0 }
    }
}
