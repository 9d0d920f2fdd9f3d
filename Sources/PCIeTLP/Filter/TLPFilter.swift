/// A display filter over the record keys (Docs/filters.md): compiled once from its text, then
/// evaluated on any ``TLPWords`` (the decoded ``TLP`` or the zero-copy ``TLPView``) without
/// building a record.
///
///     type == MWr64 && address in 0x20e006000000/0x1000000
///     requester == 04:00.0 || (tph && ohc_b.ph == 2)
public struct TLPFilter: Sendable {
    /// The text the filter was compiled from.
    public let text: String
    let root: FilterNode
    /// True when the filter reads the `source` key (the caller then has to say it).
    public let usesSource: Bool

    /// Compiles `text`; a filter that does not parse throws the column of the problem.
    public init(_ text: String) throws(FilterError) {
        var parser = FilterParser(text)
        root = try parser.parse()
        self.text = text
        usesSource = root.usesSource
    }

    /// True when the TLP `words` (record number `record`, from `source`) passes the filter.
    public func matches(_ words: some TLPWords, record: Int = 0, source: @autoclosure () -> String = "") -> Bool {
        withoutActuallyEscaping(source) { source in
            root.evaluate(FilterSubject(words: words, record: record, source: source))
        }
    }
}

/// Why a filter did not compile: a message and the 1-based column it points at.
public struct FilterError: Error, Sendable, Equatable {
    public var column: Int
    public var message: String

    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    /// `column 9: expected a value`, the expression, and a caret under the column.
    public func explain(_ text: String) -> String {
        let caret = String(repeating: " ", count: max(0, column - 1)) + "^"
        return "column \(column): \(message)\n  \(text)\n  \(caret)"
    }
}

/// What one evaluation reads.
struct FilterSubject<Words: TLPWords> {
    let words: Words
    let record: Int
    let source: () -> String
}

/// A value a key has on one TLP, or a literal of the filter.
enum FilterValue: Sendable, Equatable {
    case int(UInt64)
    case string(String)

    var truthy: Bool {
        switch self {
        case .int(let v): v != 0
        case .string(let s): !s.isEmpty
        }
    }

    static func compare(_ a: FilterValue, _ b: FilterValue) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): x < y ? -1 : x == y ? 0 : 1
        case (.string(let x), .string(let y)):
            x.lowercased() < y.lowercased() ? -1 : x.lowercased() == y.lowercased() ? 0 : 1
        default: nil
        }
    }
}

enum FilterOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case contains = "~"

    func holds(_ order: Int) -> Bool {
        switch self {
        case .equal: order == 0
        case .notEqual: order != 0
        case .less: order < 0
        case .lessEqual: order <= 0
        case .greater: order > 0
        case .greaterEqual: order >= 0
        case .contains: false
        }
    }
}

indirect enum FilterNode: Sendable {
    case and(FilterNode, FilterNode)
    case or(FilterNode, FilterNode)
    case not(FilterNode)
    case truthy(FilterKey)
    case compare(FilterKey, FilterOperator, FilterValue)
    case member(FilterKey, [FilterValue])
    /// Inclusive range.
    case range(FilterKey, UInt64, UInt64)

    var usesSource: Bool {
        switch self {
        case .and(let a, let b), .or(let a, let b): a.usesSource || b.usesSource
        case .not(let a): a.usesSource
        case .truthy(let key), .compare(let key, _, _), .member(let key, _), .range(let key, _, _): key == .source
        }
    }

    func evaluate<W: TLPWords>(_ subject: FilterSubject<W>) -> Bool {
        switch self {
        case .and(let a, let b): return a.evaluate(subject) && b.evaluate(subject)
        case .or(let a, let b): return a.evaluate(subject) || b.evaluate(subject)
        case .not(let a): return !a.evaluate(subject)
        case .truthy(let key): return key.value(subject)?.truthy ?? false
        case .compare(let key, let op, let literal):
            guard let value = key.value(subject) else { return false }
            if op == .contains {
                guard case .string(let have) = value, case .string(let want) = literal else { return false }
                return have.lowercased().contains(want.lowercased())
            }
            guard let order = FilterValue.compare(value, literal) else { return false }
            return op.holds(order)
        case .member(let key, let set):
            guard let value = key.value(subject) else { return false }
            return set.contains { FilterValue.compare(value, $0) == 0 }
        case .range(let key, let low, let high):
            guard case .int(let v) = key.value(subject) else { return false }
            return low <= v && v <= high
        }
    }
}
