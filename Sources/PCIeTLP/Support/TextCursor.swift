/// A write position inside a ``TextBuffer``: the writer reserves room for a bounded piece of
/// text once (``TextBuffer/cursor(room:)``), writes its bytes through the pointer with no
/// check per byte, and hands the position back (``TextBuffer/commit(_:)``).
struct TextCursor {
    var at: UnsafeMutablePointer<UInt8>

    static let upperDigits: StaticString = "0123456789ABCDEF"
    static let lowerDigits: StaticString = "0123456789abcdef"

    @inline(__always) mutating func byte(_ byte: UInt8) {
        at.pointee = byte
        at += 1
    }

    /// The bytes of a literal (labels, names): no call, and no loop for up to 16 bytes.
    @inline(__always) mutating func bytes(_ text: StaticString) {
        guard text.hasPointerRepresentation else {
            text.withUTF8Buffer { for byte in $0 { self.byte(byte) } }
            return
        }
        let count = text.utf8CodeUnitCount
        let start = UnsafeRawPointer(text.utf8Start)
        let to = UnsafeMutableRawPointer(at)
        // Two overlapping loads and stores of the widest size that fits, as memcpy does for
        // short copies: no loop, and no byte read outside the literal.
        if count >= 8, count <= 16 {
            to.storeBytes(of: start.loadUnaligned(as: UInt64.self), as: UInt64.self)
            (to + count - 8).storeBytes(of: (start + count - 8).loadUnaligned(as: UInt64.self), as: UInt64.self)
        } else if count >= 4, count < 8 {
            to.storeBytes(of: start.loadUnaligned(as: UInt32.self), as: UInt32.self)
            (to + count - 4).storeBytes(of: (start + count - 4).loadUnaligned(as: UInt32.self), as: UInt32.self)
        } else if count >= 2, count < 4 {
            to.storeBytes(of: start.loadUnaligned(as: UInt16.self), as: UInt16.self)
            (to + count - 2).storeBytes(of: (start + count - 2).loadUnaligned(as: UInt16.self), as: UInt16.self)
        } else if count == 1 {
            at.pointee = start.load(as: UInt8.self)
        } else {
            for index in 0..<count { at[index] = start.load(fromByteOffset: index, as: UInt8.self) }
        }
        at += count
    }

    /// The UTF-8 of `text`; the caller's room must hold it.
    mutating func string(_ text: String) {
        for byte in text.utf8 { self.byte(byte) }
    }

    /// Eight hex digits (upper-case unless asked), most significant first.
    @inline(__always) mutating func hexWord(_ word: UInt32, upper: Bool = true) {
        let digits = upper ? Self.upperDigits.utf8Start : Self.lowerDigits.utf8Start
        var rest = word
        var index = 7
        while index >= 0 {
            at[index] = digits[Int(rest & 0xF)]
            rest >>= 4
            index -= 1
        }
        at += 8
    }

    /// One byte as two hex digits.
    @inline(__always) mutating func hexByte(_ byte: UInt8, upper: Bool) {
        let digits = upper ? Self.upperDigits.utf8Start : Self.lowerDigits.utf8Start
        at[0] = digits[Int(byte >> 4)]
        at[1] = digits[Int(byte & 0xF)]
        at += 2
    }

    /// `value` in hex without leading zeros (`0` for zero).
    @inline(__always) mutating func hex(_ value: UInt64, upper: Bool) {
        let digits = upper ? Self.upperDigits.utf8Start : Self.lowerDigits.utf8Start
        if value < 16 {
            byte(digits[Int(value)])
            return
        }
        let count = (64 - value.leadingZeroBitCount + 3) / 4
        var rest = value
        var index = count - 1
        while index >= 0 {
            at[index] = digits[Int(rest & 0xF)]
            rest >>= 4
            index -= 1
        }
        at += count
    }

    /// Two ASCII digits for each of 00...99, so a number is written two digits per division.
    static let digitPairs: StaticString =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// `value` in decimal, at least `width` digits (zero-padded; at most 20 without padding,
    /// so the room must hold `max(width, 20)` bytes).
    @inline(__always) mutating func decimal(_ value: UInt64, width: Int = 1) {
        var digits = 1
        var power: UInt64 = 10
        while digits < 20, value >= power {
            digits &+= 1
            power = power &* 10
        }
        if width > digits { digits = width }
        let pairs = Self.digitPairs.utf8Start
        var index = digits
        var rest = value
        while rest >= 100 {
            let pair = Int(truncatingIfNeeded: rest % 100) &* 2
            rest /= 100
            index &-= 2
            at[index] = pairs[pair]
            at[index &+ 1] = pairs[pair &+ 1]
        }
        if rest >= 10 {
            let pair = Int(truncatingIfNeeded: rest) &* 2
            index &-= 2
            at[index] = pairs[pair]
            at[index &+ 1] = pairs[pair &+ 1]
        } else {
            index &-= 1
            at[index] = UInt8(truncatingIfNeeded: rest) &+ 0x30
        }
        while index > 0 {
            index &-= 1
            at[index] = 0x30
        }
        at += digits
    }

    /// A signed decimal (room: 21 bytes).
    @inline(__always) mutating func decimal(_ value: Int) {
        if value < 0 { byte(UInt8(ascii: "-")) }
        decimal(UInt64(value.magnitude))
    }

    /// `value` in decimal.
    @inline(__always) mutating func decimal(_ value: UInt32) {
        if value < 10 {
            byte(UInt8(truncatingIfNeeded: value) &+ 0x30)
            return
        }
        var count = 2
        var limit: UInt32 = 100
        while count < 10, value >= limit {
            count += 1
            limit &*= 10
        }
        var rest = value
        var index = count - 1
        while index >= 0 {
            at[index] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
            rest /= 10
            index -= 1
        }
        at += count
    }
}

extension TextBuffer {
    /// A cursor at the end of the contents with room for `room` more bytes.
    @inline(__always) func cursor(room: Int) -> TextCursor {
        reserve(room)
        return TextCursor(at: base + count)
    }

    /// Takes the bytes written through `cursor` (one from ``cursor(room:)``, within its room).
    @inline(__always) func commit(_ cursor: TextCursor) {
        count = base.distance(to: cursor.at)
    }
}

/// Names laid out once in one block of memory that lives as long as the process, written by
/// position (a case's ordinal) without touching a `String`: the text view's type and OHC names,
/// the JSON writer's `"key":` spellings.
struct TextNames: @unchecked Sendable {
    private let bytes: UnsafeMutablePointer<UInt8>
    private let offsets: UnsafeMutablePointer<Int>
    let count: Int
    /// The longest name, in bytes. A cursor that writes a name needs this much room, plus
    /// ``slack``.
    let longest: Int
    /// Names are copied eight bytes at a time, so a write may touch up to seven bytes past the
    /// name (in the block, which is padded, and in the cursor's room, which must allow them).
    static let slack = 8

    init(_ names: [String]) {
        let all = names.flatMap { Array($0.utf8) }
        bytes = .allocate(capacity: all.count + Self.slack)
        bytes.initialize(from: all + [UInt8](repeating: 0, count: Self.slack), count: all.count + Self.slack)
        offsets = .allocate(capacity: names.count + 1)
        var offset = 0
        for (index, name) in names.enumerated() {
            offsets[index] = offset
            offset += name.utf8.count
        }
        offsets[names.count] = offset
        count = names.count
        longest = names.map(\.utf8.count).max() ?? 0
    }

    /// Writes name `index`; nothing for an index outside the table. The cursor's room must
    /// hold ``longest`` + ``slack`` bytes.
    @inline(__always) func write(_ index: Int, to cursor: inout TextCursor) {
        guard index >= 0, index < count else { return }
        let start = offsets[index]
        let length = offsets[index &+ 1] &- start
        let from = UnsafeRawPointer(bytes + start)
        let to = UnsafeMutableRawPointer(cursor.at)
        var offset = 0
        while offset < length {
            to.storeBytes(
                of: from.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
            offset &+= 8
        }
        cursor.at += length
    }
}
