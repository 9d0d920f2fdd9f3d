import PCIeTLP

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

    /// Eight bytes of `lanes`, each `byte`.
    @inline(__always) private static func lanes(_ byte: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(byte) }

    /// The high bit of each byte of `x` (all below 0x80) that lies in `low...high`.
    @inline(__always) private static func inRange(_ x: UInt64, _ low: UInt8, _ high: UInt8) -> UInt64 {
        let atLeastLow = (x &+ lanes(0x80 - low)) & lanes(0x80)
        let aboveHigh = (x &+ lanes(0x7F - high)) & lanes(0x80)
        return atLeastLow & ~aboveHigh
    }

    /// The value of the eight hex digits at `text` (either case), or nil if any of the eight
    /// bytes is not a hex digit: all eight checked and converted at once (SWAR), no loop.
    @inline(__always) static func hexWord(_ text: UnsafePointer<UInt8>) -> UInt32? {
        // Byte 0 (the first digit) is the low byte.
        let v = UnsafeRawPointer(text).loadUnaligned(as: UInt64.self)
        guard v & lanes(0x80) == 0 else { return nil }
        // A digit, or a letter a-f in either case (setting bit 5 makes A-F a-f, and only them).
        let hex = inRange(v, 0x30, 0x39) | inRange(v | lanes(0x20), 0x61, 0x66)
        guard hex == lanes(0x80) else { return nil }
        // Digit values: the low nibble, plus 9 for letters (bit 6 set).
        let nibbles = (v & lanes(0x0F)) &+ ((v >> 6) & lanes(0x01)) &* 9
        // The first digit most significant: pack the eight nibbles pairwise.
        var packed = nibbles.byteSwapped
        packed = (packed | packed >> 4) & 0x00FF_00FF_00FF_00FF
        packed = (packed | packed >> 8) & 0x0000_FFFF_0000_FFFF
        packed = (packed | packed >> 16) & 0xFFFF_FFFF
        return UInt32(truncatingIfNeeded: packed)
    }

    /// The index of the first `\n` in `text[from..<count]`, sixteen bytes at a time (one
    /// vector compare, the two halves of its mask read as words); nil when there is none.
    @inline(__always) static func newline(in text: UnsafePointer<UInt8>, from: Int, count: Int) -> Int? {
        var index = from
        let newlines = SIMD16<UInt8>(repeating: 0x0A)
        while index &+ 16 <= count {
            let chunk = UnsafeRawPointer(text + index).loadUnaligned(as: SIMD16<UInt8>.self)
            let found = unsafeBitCast(chunk .== newlines, to: SIMD2<UInt64>.self)
            if found[0] != 0 { return index &+ found[0].trailingZeroBitCount / 8 }
            if found[1] != 0 { return index &+ 8 &+ found[1].trailingZeroBitCount / 8 }
            index &+= 16
        }
        while index < count {
            if text[index] == 0x0A { return index }
            index &+= 1
        }
        return nil
    }

    /// The mode an analyzer annotation shows: flit when it holds `OHC=` (a flit-only field),
    /// else non-flit when it holds `TH=`, else nil. Looks at the `=` signs only, found eight
    /// bytes at a time.
    static func modeAnnotation(_ note: UnsafeBufferPointer<UInt8>) -> LinkMode? {
        guard let base = note.baseAddress else { return nil }
        let count = note.count
        var sawTH = false
        /// The `=` at `index` ends `OHC=` (true), `TH=` (sets `sawTH`), or neither.
        @inline(__always) func endsOHC(_ index: Int) -> Bool {
            if index >= 3, base[index - 3] == UInt8(ascii: "O"), base[index - 2] == UInt8(ascii: "H"),
                base[index - 1] == UInt8(ascii: "C")
            {
                return true
            }
            if index >= 2, base[index - 2] == UInt8(ascii: "T"), base[index - 1] == UInt8(ascii: "H") { sawTH = true }
            return false
        }
        var index = 0
        while index + 8 <= count {
            // Bytes equal to `=` become zero; the high bit marks each zero byte exactly.
            let x = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) ^ lanes(UInt8(ascii: "="))
            var found = ~(((x & lanes(0x7F)) &+ lanes(0x7F)) | x | lanes(0x7F))
            while found != 0 {
                if endsOHC(index + found.trailingZeroBitCount / 8) { return .flit }
                found &= found &- 1
            }
            index += 8
        }
        while index < count {
            if base[index] == UInt8(ascii: "="), endsOHC(index) { return .flit }
            index += 1
        }
        return sawTH ? .nonFlit : nil
    }
}
