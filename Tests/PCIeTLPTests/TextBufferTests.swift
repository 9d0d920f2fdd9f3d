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
    }
}
