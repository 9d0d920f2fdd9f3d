import PCIeTLP

/// Plain hex as people paste it: 8-digit words or 2-digit bytes, separated by spaces or commas,
/// each with an optional `0x`.
///
/// Works on UTF-8 bytes, not `String`, so it serves the stream readers too.
public enum HexText {
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// 1-based column of the offending token.
        public let column: Int
        public let token: String
        public let reason: String

        public var description: String { "column \(column): \(reason): '\(token)'" }
    }

    /// What a line held: its wire bytes, and whether any token was an 8-digit word (only words
    /// are affected by word order).
    public struct Parsed: Hashable, Sendable {
        public var bytes: [UInt8]
        public var hadWords: Bool
    }

    /// Parses one line (or any text) of hex tokens into wire bytes.
    public static func parse(_ text: some StringProtocol, wordOrder: WordOrder) throws(ParseError) -> Parsed {
        var utf8 = Array(text.utf8)
        return try utf8.withUnsafeMutableBufferPointer { buffer throws(ParseError) in
            try parse(UnsafeBufferPointer(buffer), wordOrder: wordOrder)
        }
    }

    /// Parses UTF-8 bytes of hex tokens into wire bytes.
    public static func parse(_ text: UnsafeBufferPointer<UInt8>, wordOrder: WordOrder) throws(ParseError)
        -> Parsed
    {
        var out = Parsed(bytes: [], hadWords: false)
        var index = 0
        while index < text.count {
            let c = text[index]
            if isSeparator(c) {
                index += 1
                continue
            }
            var start = index
            while index < text.count, !isSeparator(text[index]) { index += 1 }
            let column = start + 1
            if index - start > 2, text[start] == UInt8(ascii: "0"),
                text[start + 1] | 0x20 == UInt8(ascii: "x")
            {
                start += 2
            }
            let count = index - start
            func fail(_ reason: String) -> ParseError {
                let shown = String(
                    decoding: UnsafeBufferPointer(rebasing: text[(column - 1)..<min(index, column - 1 + 40)]),
                    as: UTF8.self)
                return ParseError(column: column, token: shown, reason: reason)
            }
            // Words go straight into the output as their eighth digit is read (no array per
            // token): a token that turns out bad throws, and the output is dropped with it.
            let wordToken = count > 0 && count % 8 == 0
            var value: UInt64 = 0
            var digitsInWord = 0
            for position in start..<index {
                guard let nibble = hexNibble(text[position]) else { throw fail("not a hex digit") }
                value = value << 4 | UInt64(nibble)
                digitsInWord += 1
                if digitsInWord == 8 {
                    if wordToken {
                        let wire = wordOrder.wireDW(UInt32(truncatingIfNeeded: value))
                        out.bytes.append(UInt8(truncatingIfNeeded: wire >> 24))
                        out.bytes.append(UInt8(truncatingIfNeeded: wire >> 16))
                        out.bytes.append(UInt8(truncatingIfNeeded: wire >> 8))
                        out.bytes.append(UInt8(truncatingIfNeeded: wire))
                    }
                    value = 0
                    digitsInWord = 0
                }
            }
            if count == 2 {
                out.bytes.append(UInt8(truncatingIfNeeded: value))
            } else if wordToken {
                out.hadWords = true
            } else if count % 2 == 1 {
                throw fail("odd number of hex digits")
            } else {
                throw fail("expected an 8-digit word or a 2-digit byte")
            }
        }
        return out
    }

    @inline(__always)
    static func isSeparator(_ c: UInt8) -> Bool {
        c == UInt8(ascii: " ") || c == UInt8(ascii: ",") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r")
            || c == UInt8(ascii: "\n") || c == UInt8(ascii: ";")
    }

    @inline(__always)
    public static func hexNibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c &- UInt8(ascii: "A") &+ 10
        default: nil
        }
    }
}
