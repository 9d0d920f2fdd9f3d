import Foundation
import PCIeTLP
import Testing

@testable import TLPCapture

/// The analyzer reader reads lines in place, eight hex digits at once, and looks at the
/// annotation only for `STP`, framing tokens and the mode; these tests hold it to the reader it
/// replaced (``ReferenceAnalyzerReader``, kept in this target) on random dumps: real TLPs in
/// both modes and word orders, mixed with every kind of line the reader tells apart.
@Suite struct AnalyzerReaderTests {
    /// A random TLP that decodes, as analyzer text lines.
    static func tlpLines(_ rng: inout SplitMix64) -> [String] {
        while true {
            let mode: LinkMode = Bool.random(using: &rng) ? .flit : .nonFlit
            let count = Int.random(in: 4...40, using: &rng)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            bytes[0] =
                [0x00, 0x03, 0x20, 0x30, 0x34, 0x40, 0x60, 0x4A, 0x0A, 0x74, 0x90, 0x91, 0x8D, 0x04, 0x6C]
                .randomElement(using: &rng) ?? 0
            guard let tlp = try? TLPDecoder.decode(bytes, mode: mode).tlp else { continue }
            let order: WordOrder = Int.random(in: 0..<4, using: &rng) == 0 ? .swapped : .wire
            return AnalyzerText.lines(tlp, wordOrder: order)
        }
    }

    static let otherLines = [
        "", "   ", "\t", "# comment", "random text", "Time -> 12", "->", " -> STP", "STP", "00000000 -> SDP",
        "00000000 -> END", "00000000 -> EDB", "00000000 -> IDL x", "00000000 -> SKP", "1234 -> EDS",
        "60020008 040000F0 000020E0", "0x60020008 0x040000F0", "O8000260 -> STP MWr64", "0800026G -> RID=1",
        "123 -> Data", "1234567890 -> Data", "AB -> Data (partial)", "ABCD -> Data", "ABCDEF -> Data",
        "  60020008 -> STP MWr64 TC=0 OHC=2", "60020008  ->  STP  MWr64 OHC=1", "60020008\t-> STP MWr64 TH=0",
        "60020008 ->STP MWr64", "60020008 -> STPMWr64 OHC=0", "60020008 -> ", "60020008 ->", "60020008 -X",
        "6002000 -> STP", "60020008 -> Data OHC=1", "60020008 -> Data TH=1", "60020008 -> OHC-B TH=1 OHC=2",
        "aabbccdd -> Data", "AaBbCcDd -> STP Msg TH=0 Code=10h", "6002000\u{FFFD} -> STP", "60020008 -> STP\tCplD TH=0",
        "60020008 -> STP EPrfx TPH", "GGGGGGGG -> Data", "60020008 -> SKPx", "60020008 -> S", "60020008 -> ST",
        "ffffffff -> =OHC=", "00000000 -> xTH=", "00000000 -> OHC =", "00000000 -> O H C=", "ZZZZZZZZ ZZ",
    ]

    /// A random dump: TLPs, other lines, CR line ends, and maybe no newline at the end.
    static func dump(_ rng: inout SplitMix64, lines count: Int) -> String {
        var lines: [String] = []
        while lines.count < count {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<5: lines += tlpLines(&rng)
            case 5: lines += tlpLines(&rng).dropFirst()
            case 6:
                var tlp = tlpLines(&rng)
                if tlp.count > 1 { tlp.remove(at: Int.random(in: 1..<tlp.count, using: &rng)) }
                lines += tlp
            default: lines.append(otherLines.randomElement(using: &rng) ?? "")
            }
        }
        var text = ""
        for line in lines {
            text += line
            text += Int.random(in: 0..<8, using: &rng) == 0 ? "\r\n" : "\n"
        }
        if Bool.random(using: &rng) { text.removeLast() }
        return text
    }

    struct Read: Equatable {
        var records: [String]
        var skipped: SkippedLines
        var progress: Int64
    }

    static func describe(_ record: CaptureRecord) -> String {
        "\(record.source) \(record.bytes) \(String(describing: record.mode)) \(String(describing: record.wordOrder)) "
            + "\(String(describing: record.annotationType)) \(String(describing: record.error)) \(record.notes)"
    }

    static func readNew(_ source: ByteSource, wordOrder: WordOrder?, mode: LinkMode?) throws -> Read {
        var reader = AnalyzerReader(source, wordOrder: wordOrder, mode: mode)
        var records: [String] = []
        while let record = try reader.next() { records.append(describe(record)) }
        return Read(records: records, skipped: reader.skippedLines, progress: reader.progress.done)
    }

    static func readOld(_ source: ByteSource, wordOrder: WordOrder?, mode: LinkMode?) throws -> Read {
        var reader = ReferenceAnalyzerReader(source, wordOrder: wordOrder, mode: mode)
        var records: [String] = []
        while let record = try reader.next() { records.append(describe(record)) }
        return Read(records: records, skipped: reader.skippedLines, progress: reader.progress.done)
    }

    @Test func randomDumpsReadAsBefore() throws {
        var rng = SplitMix64(seed: 21)
        for round in 0..<400 {
            let text = Self.dump(&rng, lines: Int.random(in: 1...60, using: &rng))
            let bytes = Array(text.utf8)
            let order: WordOrder? = [nil, .wire, .swapped][round % 3]
            let mode: LinkMode? = [nil, .flit, .nonFlit][(round / 3) % 3]
            let new = try Self.readNew(ByteSource(bytes: bytes, name: "t.txt"), wordOrder: order, mode: mode)
            let old = try Self.readOld(ByteSource(bytes: bytes, name: "t.txt"), wordOrder: order, mode: mode)
            #expect(new == old, "\(text)")
        }
    }

    /// Through a file, so lines cross the source's 256 KiB reads, and through the default
    /// record path (`withNext`).
    @Test func largeDumpFromAFileReadsAsBefore() throws {
        var rng = SplitMix64(seed: 22)
        let text = Self.dump(&rng, lines: 40_000)
        #expect(text.utf8.count > 3 * ByteSource.chunk)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tlpcheck-\(UUID().uuidString).txt")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let new = try Self.readNew(ByteSource(path: path), wordOrder: nil, mode: nil)
        let old = try Self.readOld(ByteSource(path: path), wordOrder: nil, mode: nil)
        #expect(new.records.count == old.records.count)
        #expect(new == old)
        #expect(new.progress == Int64(text.utf8.count))
        // Records lent in place carry the same bytes as the records `next()` returns.
        var reader = AnalyzerReader(try ByteSource(path: path), wordOrder: nil, mode: nil)
        var lent: [String] = []
        while try reader.withNext({ record, bytes in
            var copy = record
            copy.bytes = Array(bytes)
            lent.append(Self.describe(copy))
        }) {}
        #expect(lent == new.records)
    }

    /// Lines longer than the line reader keeps, between and inside TLPs.
    @Test func overlongLinesReadAsBefore() throws {
        var rng = SplitMix64(seed: 23)
        let long = String(repeating: "0123456789ABCDEF", count: (1 << 20) / 16 + 100)
        for _ in 0..<3 {
            var text = Self.dump(&rng, lines: 30)
            text +=
                long + "\n" + Self.dump(&rng, lines: 30) + "\n60020008 -> " + long + "\n" + Self.dump(&rng, lines: 5)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("tlpcheck-\(UUID().uuidString)")
                .path
            defer { try? FileManager.default.removeItem(atPath: path) }
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let new = try Self.readNew(ByteSource(path: path), wordOrder: nil, mode: .flit)
            let old = try Self.readOld(ByteSource(path: path), wordOrder: nil, mode: .flit)
            #expect(new == old)
        }
    }

    @Test func eightHexDigitsAtOnce() {
        var rng = SplitMix64(seed: 24)
        let alphabet =
            Array("0123456789abcdefABCDEFgG/:@`xX \u{7F}".utf8) + [0x00, 0x80, 0xC3, 0xFF, 0x10, 0x19, 0x40, 0x47]
        for _ in 0..<100_000 {
            var bytes = (0..<8).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if Int.random(in: 0..<4, using: &rng) != 0 {
                let hex = Array("0123456789abcdefABCDEF".utf8)
                bytes = (0..<8).map { _ in hex.randomElement(using: &rng) ?? 0 }
                if Bool.random(using: &rng) {
                    bytes[Int.random(in: 0..<8, using: &rng)] = alphabet.randomElement(using: &rng) ?? 0
                }
            }
            bytes.withUnsafeBufferPointer { text in
                let expected = ByteText.hexValue(text, 0..<8).map { UInt32(truncatingIfNeeded: $0) }
                #expect(ByteText.hexWord(text.baseAddress!) == expected, "\(bytes)")
            }
        }
        // Every byte value in every position.
        for position in 0..<8 {
            for byte in 0...255 {
                var bytes = Array("60020008".utf8)
                bytes[position] = UInt8(byte)
                bytes.withUnsafeBufferPointer { text in
                    let expected = ByteText.hexValue(text, 0..<8).map { UInt32(truncatingIfNeeded: $0) }
                    #expect(ByteText.hexWord(text.baseAddress!) == expected)
                }
            }
        }
    }

    @Test func payloadLineConstantIsItsText() {
        let text = AnalyzerReader.arrowDataText
        #expect(text.utf8CodeUnitCount == 8)
        let value = UnsafeRawPointer(text.utf8Start).loadUnaligned(as: UInt64.self)
        #expect(value == AnalyzerReader.arrowData)
    }

    @Test func lineEndsFoundSixteenBytesAtATime() {
        var rng = SplitMix64(seed: 26)
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...70, using: &rng)
            let bytes = (0..<count).map { _ in
                Int.random(in: 0..<12, using: &rng) == 0 ? 0x0A : UInt8.random(in: 0...255, using: &rng)
            }
            let from = Int.random(in: 0...max(0, count), using: &rng)
            bytes.withUnsafeBufferPointer { text in
                guard let base = text.baseAddress else { return }
                let expected = (from..<count).first { text[$0] == 0x0A }
                #expect(ByteText.newline(in: base, from: from, count: count) == expected)
            }
        }
    }

    @Test func modeAnnotationAsBefore() {
        var rng = SplitMix64(seed: 25)
        let pieces = ["OHC=", "TH=", "=", "O", "H", "C", "T", " ", "TC=0", "Attr=1", "OH", "HC=", "xx", "OHC", "TH"]
        for _ in 0..<50_000 {
            let note = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }
                .joined()
            let bytes = Array(note.utf8)
            bytes.withUnsafeBufferPointer { text in
                let expected: LinkMode? =
                    ByteText.find("OHC=", in: text) != nil
                    ? .flit : ByteText.find("TH=", in: text) != nil ? .nonFlit : nil
                #expect(ByteText.modeAnnotation(text) == expected, "\(note)")
            }
        }
    }
}
