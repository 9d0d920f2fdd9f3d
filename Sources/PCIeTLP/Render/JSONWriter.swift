/// A small JSON object writer: keys in the order written, no Foundation, no reflection.
public struct JSONWriter: Sendable {
    public private(set) var text = ""
    private var needsComma = false

    public init() {}

    public mutating func beginObject() {
        text.append("{")
        needsComma = false
    }

    public mutating func endObject() {
        text.append("}")
        needsComma = true
    }

    public mutating func beginArray(_ key: String) {
        self.key(key)
        text.append("[")
        needsComma = false
    }

    public mutating func endArray() {
        text.append("]")
        needsComma = true
    }

    /// Starts an object member or array element.
    public mutating func key(_ key: String?) {
        if needsComma { text.append(",") }
        needsComma = true
        if let key {
            Self.appendString(key, to: &text)
            text.append(":")
        }
    }

    public mutating func field(_ key: String?, _ value: Int) {
        self.key(key)
        text.append(String(value))
    }

    public mutating func field(_ key: String?, _ value: Bool) {
        self.key(key)
        text.append(value ? "true" : "false")
    }

    public mutating func field(_ key: String?, _ value: String) {
        self.key(key)
        Self.appendString(value, to: &text)
    }

    /// Writes `value` when it is not nil; absent fields are omitted.
    public mutating func optional(_ key: String, _ value: (some BinaryInteger)?) {
        if let value { field(key, Int(value)) }
    }

    public mutating func optional(_ key: String, _ value: String?) {
        if let value { field(key, value) }
    }

    static func appendString(_ value: String, to text: inout String) {
        text.append("\"")
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text.append("\\\"")
            case "\\": text.append("\\\\")
            case "\n": text.append("\\n")
            case "\r": text.append("\\r")
            case "\t": text.append("\\t")
            case let c where c.value < 0x20:
                text.append("\\u00" + hex(UInt8(c.value), width: 2))
            default: text.unicodeScalars.append(scalar)
            }
        }
        text.append("\"")
    }
}
