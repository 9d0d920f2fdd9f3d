/// Byte-level helpers for the text readers: no `String` work per line.
enum ByteText {
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")

    static func isSpace(_ c: UInt8) -> Bool { c == space || c == tab }

    /// Index of the first occurrence of `needle` in `text` at or after `from`.
    static func find(_ needle: StaticString, in text: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        let count = needle.utf8CodeUnitCount
        guard count > 0, text.count >= count else { return nil }
        let first = needle.utf8Start[0]
        var index = from
        while index <= text.count - count {
            if text[index] == first {
                var match = true
                for k in 1..<count where text[index + k] != needle.utf8Start[k] {
                    match = false
                    break
                }
                if match { return index }
            }
            index += 1
        }
        return nil
    }

    static func hasPrefix(_ prefix: StaticString, _ text: UnsafeBufferPointer<UInt8>, at index: Int = 0) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard text.count - index >= count else { return false }
        for k in 0..<count where text[index + k] != prefix.utf8Start[k] { return false }
        return true
    }

    static func skipSpaces(_ text: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var index = from
        while index < text.count, isSpace(text[index]) { index += 1 }
        return index
    }

    /// The hex value of `text[range]` (at most 16 digits), or nil if any byte is not a digit.
    static func hexValue(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64? {
        guard !range.isEmpty, range.count <= 16 else { return nil }
        var value: UInt64 = 0
        for index in range {
            guard let nibble = HexText.hexNibble(text[index]) else { return nil }
            value = value << 4 | UInt64(nibble)
        }
        return value
    }

    /// Appends the wire bytes of 8-digit hex words found from `from` on: tokens separated by
    /// spaces, each with an optional `0x`, up to the first token that is not a word.
    /// Returns the index where reading stopped.
    static func appendWords(_ text: UnsafeBufferPointer<UInt8>, from: Int, to bytes: inout [UInt8]) -> Int {
        var index = from
        while true {
            let tokenStart = skipSpaces(text, from: index)
            var digits = tokenStart
            if hasPrefix("0x", text, at: digits) { digits += 2 }
            var end = digits
            while end < text.count, HexText.hexNibble(text[end]) != nil { end += 1 }
            let terminated = end == text.count || isSpace(text[end]) || text[end] == UInt8(ascii: ",")
            guard end - digits == 8, terminated, let word = hexValue(text, digits..<end) else { return index }
            bytes.append(UInt8(truncatingIfNeeded: word >> 24))
            bytes.append(UInt8(truncatingIfNeeded: word >> 16))
            bytes.append(UInt8(truncatingIfNeeded: word >> 8))
            bytes.append(UInt8(truncatingIfNeeded: word))
            index = end < text.count && text[end] == UInt8(ascii: ",") ? end + 1 : end
        }
    }
}
