import Testing

@testable import PCIeTLP

/// The output buffer writes what `String` formatting would, and the key tables are in case order.
@Suite struct TextBufferTests {
    @Test func numbersMatchStringFormatting() {
        let out = TextBuffer(capacity: 16)
        for value in [0, 7, 10, 99, 1_000_000, -1, -1234, Int.max, Int.min] {
            out.removeAll()
            out.decimal(value)
            #expect(out.string == String(value))
        }
        for value: UInt64 in [0, 0xA, 0xFF, 0x1234_5678_9ABC, .max] {
            out.removeAll()
            out.hex(value, upper: true)
            #expect(out.string == String(value, radix: 16, uppercase: true))
            out.removeAll()
            out.hex(value, width: 16, upper: false)
            #expect(out.string == Hex.lower(value, width: 16))
        }
        out.removeAll()
        out.decimal(UInt(42), width: 9)
        #expect(out.string == "000000042")
    }

    /// Every digit count and padding width, and the words' hex digits, against `String`.
    @Test func decimalsOfEveryLengthAndPaddedWidthAndWords() {
        let out = TextBuffer(capacity: 4)
        var rng = SplitMix64(seed: 5)
        var values: [UInt] = [0, 9, 10, 99, 100, 101, 999, 1000, UInt.max, UInt.max / 10]
        var power: UInt = 1
        for _ in 0..<19 {
            values += [power, power - 1, power + 1]
            power *= 10
        }
        for _ in 0..<2000 { values.append(UInt(truncatingIfNeeded: rng.next()) >> (rng.next() % 64)) }
        for value in values {
            for width in [1, 2, 3, 9, 12, 25] {
                out.removeAll()
                out.decimal(value, width: width)
                let plain = String(value)
                #expect(out.string == String(repeating: "0", count: max(0, width - plain.count)) + plain)
            }
            let word = UInt32(truncatingIfNeeded: value)
            out.removeAll()
            out.hexWord(word, upper: false)
            #expect(out.string == Hex.lower(UInt64(word), width: 8))
        }
    }

    @Test func growsPastItsCapacity() {
        let out = TextBuffer(capacity: 16)
        let text = String(repeating: "abc\u{e9}", count: 1000)
        out.append(text)
        out.append("tail" as StaticString)
        #expect(out.string == text + "tail")
    }

    @Test func ordinalsArePositionsInAllCases() {
        for (index, key) in RecordKey.allCases.enumerated() { #expect(key.ordinal == index) }
        for (index, role) in FieldRole.allCases.enumerated() { #expect(role.ordinal == index) }
        for (index, type) in TLPType.allCases.enumerated() { #expect(type.ordinal == index) }
    }
}
