import PCIeTLP
import TLPCapture
import Testing

@Suite struct HexTextTests {
    @Test(arguments: [
        "08000260 F0000004",
        "0x08000260, 0xF0000004",
        "08000260,F0000004",
        "  08000260\tF0000004  ",
        "08000260F0000004",
    ])
    func wordsInEveryPastedForm(_ text: String) throws {
        let parsed = try HexText.parse(text, wordOrder: .wire)
        #expect(parsed.bytes == [0x08, 0x00, 0x02, 0x60, 0xF0, 0x00, 0x00, 0x04])
        #expect(parsed.hadWords)
    }

    @Test func swappedWordsAreLittleEndianIntegers() throws {
        let parsed = try HexText.parse("08000260 90F00000", wordOrder: .swapped)
        #expect(parsed.bytes == [0x60, 0x02, 0x00, 0x08, 0x00, 0x00, 0xF0, 0x90])
    }

    @Test func byteRunsIgnoreWordOrder() throws {
        for order in WordOrder.allCases {
            let parsed = try HexText.parse("60 02 00 08", wordOrder: order)
            #expect(parsed.bytes == [0x60, 0x02, 0x00, 0x08])
            #expect(!parsed.hadWords)
        }
    }

    @Test(arguments: [
        ("0800026", "column 1: odd number of hex digits: '0800026'"),
        ("08000260 zz", "column 10: not a hex digit: 'zz'"),
        ("080002", "column 1: expected an 8-digit word or a 2-digit byte: '080002'"),
        ("0x", "column 1: not a hex digit: '0x'"),
    ])
    func badTokensNameTheirColumn(_ text: String, _ message: String) {
        do {
            _ = try HexText.parse(text, wordOrder: .wire)
            Issue.record("no error for \(text)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func emptyTextIsNoBytes() throws {
        #expect(try HexText.parse("   ", wordOrder: .wire).bytes.isEmpty)
    }
}
