/// One header field, defined once: its text label, its JSON key and where its bits are.
///
/// Decode (`get`), encode (`set`), the analyzer-style text and the JSON record all read the
/// same constant, so a bit position lives in exactly one place. A field whose bits are split
/// (non-flit Tag[9:8] in DW0, Attr[2] apart from Attr[1:0]) lists up to three ranges, most
/// significant first. The value holds no references: reading a field in the hot path costs no
/// reference counting.
public struct Field: Hashable, Sendable {
    /// What the field means; its raw value is the JSON key in raw-field objects.
    public let role: FieldRole
    /// Label in the analyzer-style text (`TC`, `RID`, `AddrH`).
    public let label: StaticString
    public let style: FieldStyle
    /// The DW whose text line shows this field.
    public let shownIn: Int
    @usableFromInline let first: BitRange
    @usableFromInline let second: BitRange?
    @usableFromInline let third: BitRange?

    public init(
        _ role: FieldRole, _ label: StaticString, _ ranges: [BitRange], _ style: FieldStyle = .decimal,
        shownIn: Int? = nil
    ) {
        precondition((1...3).contains(ranges.count) && ranges.reduce(0) { $0 + $1.width } <= 32, "bad field")
        self.role = role
        self.label = label
        self.style = style
        first = ranges[0]
        second = ranges.count > 1 ? ranges[1] : nil
        third = ranges.count > 2 ? ranges[2] : nil
        self.shownIn = shownIn ?? ranges[0].dw
    }

    /// A field held in one range.
    public init(
        _ role: FieldRole, _ label: StaticString, dw: Int, _ hi: Int, _ lo: Int, _ style: FieldStyle = .decimal
    ) {
        self.init(role, label, [BitRange(dw: dw, hi: hi, lo: lo)], style)
    }

    public static func == (a: Field, b: Field) -> Bool {
        a.role == b.role && a.ranges == b.ranges && a.style == b.style && a.shownIn == b.shownIn
            && a.label.description == b.label.description
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(role)
        hasher.combine(ranges)
    }

    /// The JSON key of the field in raw-field objects.
    public var key: String { role.rawValue }

    /// Bit ranges, most significant first.
    public var ranges: [BitRange] { [first] + [second, third].compactMap { $0 } }

    public var width: Int { first.width + (second?.width ?? 0) + (third?.width ?? 0) }

    /// The largest value the field can hold.
    public var maxValue: UInt32 { width == 32 ? .max : (UInt32(1) << UInt32(width)) &- 1 }

    /// The highest DW index the field touches, so callers can check the words are there.
    public var lastDW: Int { max(first.dw, second?.dw ?? 0, third?.dw ?? 0) }

    /// The DW of a field held in one range (hot-path accessors read that DW themselves).
    public var dw: Int { first.dw }

    /// FIELD_GET over the structure's words. Returns 0 for words that are not present.
    @inline(__always)
    public func get(_ words: [UInt32]) -> UInt32 {
        func word(_ range: BitRange) -> UInt32 { range.dw < words.count ? words[range.dw] : 0 }
        var value = first.get(word(first))
        if let second { value = value << UInt32(second.width) | second.get(word(second)) }
        if let third { value = value << UInt32(third.width) | third.get(word(third)) }
        return value
    }

    /// FIELD_GET over the header words of `words` (0 for a DW the header does not hold): how the
    /// accessors of ``TLPWords`` read a header in place.
    @inline(__always) public func get(header words: some TLPWords) -> UInt32 {
        var value = first.get(words.headerWord(first.dw))
        if let second { value = value << UInt32(second.width) | second.get(words.headerWord(second.dw)) }
        if let third { value = value << UInt32(third.width) | third.get(words.headerWord(third.dw)) }
        return value
    }

    /// FIELD_GET for a one-DW structure (OHC word, prefix), or for a field of one range read
    /// from the DW it lives in: every range is read from `word`.
    @inlinable @inline(__always) public func get(word: UInt32) -> UInt32 {
        guard second != nil else { return first.get(word) }
        var value = first.get(word)
        if let second { value = value << UInt32(second.width) | second.get(word) }
        if let third { value = value << UInt32(third.width) | third.get(word) }
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
        for range in [third, second, first].compactMap({ $0 }) {
            if range.dw < words.count { words[range.dw] = range.set(rest, in: words[range.dw]) }
            rest = range.width == 32 ? 0 : rest >> UInt32(range.width)
        }
    }

    /// Mask of the field's bits inside DW `dw`.
    public func mask(inDW dw: Int) -> UInt32 {
        [first, second, third].reduce(0) { mask, range in
            guard let range, range.dw == dw else { return mask }
            return mask | range.mask
        }
    }
}
