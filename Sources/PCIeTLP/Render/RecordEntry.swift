/// One key of a decoded record and its value. The record is built once (``TLPRecord``) and
/// written as JSON or CSV, so both formats have the same keys and values.
public struct RecordEntry: Sendable {
    public var key: String
    public var value: RecordValue

    public init(_ key: String, _ value: RecordValue) {
        self.key = key
        self.value = value
    }
}

public enum RecordValue: Sendable {
    case int(Int)
    /// A decimal number (a percentage); written as JSON `null` when not finite.
    case number(Double)
    case bool(Bool)
    case string(String)
    case object([RecordEntry])
    case array([RecordValue])
}

/// Builds the entries of a record, omitting absent values.
struct RecordBuilder {
    var entries: [RecordEntry] = []

    mutating func add(_ key: String, _ value: RecordValue) { entries.append(RecordEntry(key, value)) }
    mutating func add(_ key: String, _ value: Int) { add(key, .int(value)) }
    mutating func add(_ key: String, _ value: Bool) { add(key, .bool(value)) }
    mutating func add(_ key: String, _ value: String) { add(key, .string(value)) }
    mutating func add(_ key: String, _ value: (some BinaryInteger)?) { if let value { add(key, .int(Int(value))) } }
    mutating func add(_ key: String, _ value: String?) { if let value { add(key, .string(value)) } }
}
