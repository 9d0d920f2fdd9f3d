import Foundation
import Testing

/// Inputs broken on purpose: each ends in a message naming the file and line or packet, an exit
/// code (1 for a bad record, 2 for an unusable input), and read = decoded + errors.
@Suite struct MalformedInputTests {
    static func file(_ name: String, _ data: Data) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tlpcheck-\(UUID().uuidString)-\(name)"
        ).path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    static func pcapHeader(linkType: UInt32 = 125) -> Data {
        var data = Data()
        for value: UInt32 in [0xA1B2_C3D4] { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        for value: UInt16 in [2, 4] { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        for value: UInt32 in [0, 0, 262_144, linkType] {
            withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    static func packetHeader(caplen: UInt32, len: UInt32) -> Data {
        var data = Data()
        for value: UInt32 in [1, 0, caplen, len] {
            withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    /// Checks the counters line and returns the run.
    static func decode(_ path: String, _ extra: [String] = []) throws -> CLI.Run {
        let run = try CLI.run(["decode", "--output", "jsonl"] + extra + [path])
        if let line = run.stderr.split(separator: "\n").last, line.hasPrefix("tlpcheck: read ") {
            let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            #expect(numbers.count == 3 && numbers[0] == numbers[1] + numbers[2], "\(line)")
        } else {
            Issue.record("no counters line: \(run.stderr)")
        }
        return run
    }

    @Test func pcapCutInsideARecordBody() throws {
        var data = Self.pcapHeader()
        data += Self.packetHeader(caplen: 20, len: 52)
        data += Data([0x60, 0x02, 0x00, 0x08, 0x04, 0x00])
        let run = try Self.decode(try Self.file("cut-body.pcap", data))
        #expect(run.status == 1)
        #expect(run.stderr.contains("cut-body.pcap#1: error: cannot read packet: truncated dump file"))
    }

    @Test func pcapCutInsideARecordHeader() throws {
        var data = Self.pcapHeader()
        data += Data([1, 0, 0, 0, 0, 0])
        let run = try Self.decode(try Self.file("cut-header.pcap", data))
        #expect(run.status == 1)
        #expect(run.stderr.contains("cut-header.pcap#1: error: cannot read packet"))
    }

    @Test func pcapCutInsideTheFileHeader() throws {
        let path = try Self.file("cut-global.pcap", Self.pcapHeader().prefix(10))
        let run = try Self.decode(path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("cut-global.pcap: not a readable pcap/pcapng file"))
    }

    @Test func pcapWithAHugeCaptureLength() throws {
        var data = Self.pcapHeader()
        data += Self.packetHeader(caplen: 1 << 31, len: 1 << 31)
        data += Data(repeating: 0, count: 64)
        let run = try Self.decode(try Self.file("huge-caplen.pcap", data))
        #expect(run.status == 1)
        #expect(run.stderr.contains("huge-caplen.pcap#1: error: cannot read packet"))
    }

    @Test func zeroLengthPacket() throws {
        var data = Self.pcapHeader()
        data += Self.packetHeader(caplen: 0, len: 0)
        let run = try Self.decode(try Self.file("zero.pcap", data), ["--mode", "flit"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("zero.pcap#1: error: zero-length packet"))
    }

    @Test func wrongMagicAsPcap() throws {
        let run = try Self.decode(try Self.file("magic.pcap", Data(repeating: 0x55, count: 64)), ["--input", "pcap"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("magic.pcap: not a readable pcap/pcapng file"))
    }

    @Test func fiveMegabyteLineWithoutNewline() throws {
        let path = try Self.file("long-line.txt", Data(repeating: UInt8(ascii: "0"), count: 5 << 20))
        let run = try Self.decode(path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("long-line.txt:1: error: line of 5242880 bytes is too long to hold a TLP"))
    }

    @Test func longLineThenAGoodOneKeepsTheGoodOne() throws {
        var data = Data(repeating: UInt8(ascii: "a"), count: 3 << 20)
        data += Data("\n00000001 0100000f 10000000\n".utf8)
        let run = try Self.decode(try Self.file("long-then-good.txt", data))
        #expect(run.status == 1)
        #expect(run.stdout.contains("\"type\":\"MRd32\""))
        #expect(run.stderr.contains("read 2 records: 1 decoded, 1 errors"))
    }

    @Test func nonUTF8Bytes() throws {
        let path = try Self.file("binary.txt", Data([0xFF, 0xFE, 0x80, 0x0A, 0xC3, 0x28, 0x0A]))
        let run = try Self.decode(path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("binary.txt:1: error: column 1: not a hex digit"))
        #expect(run.stderr.contains("binary.txt:2: error"))
    }

    @Test func oddLengthHex() throws {
        let run = try Self.decode(try Self.file("odd.txt", Data("0000001 0100000f\n".utf8)))
        #expect(run.status == 1)
        #expect(run.stderr.contains("odd.txt:1: error: column 1: odd number of hex digits: '0000001'"))
    }

    @Test func aLineOfOneHundredThousandWords() throws {
        let line = Array(repeating: "40000001", count: 100_000).joined(separator: " ") + "\n"
        let run = try Self.decode(try Self.file("many-words.txt", Data(line.utf8)))
        #expect(run.status == 1)
        #expect(
            run.stderr.contains("many-words.txt:1: error: 400000 bytes on one line: more than one TLP can hold (8192)"))
    }

    @Test func headerCutShortInAHexLine() throws {
        let run = try Self.decode(try Self.file("short.txt", Data("60000001 01000000\n".utf8)))
        #expect(run.status == 1)
        #expect(run.stderr.contains("short.txt:1: error: TLP header cut short: need 16 bytes, have 8"))
        #expect(run.stdout.contains(#""error":"TLP header cut short: need 16 bytes, have 8""#))
    }

    @Test func missingFileAndDirectory() throws {
        let missing = try CLI.run(["decode", "/nonexistent/capture.pcap"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/capture.pcap: cannot open: No such file or directory"))
        let folder = try CLI.run(["decode", "Fixtures"])
        #expect(folder.status == 2)
        #expect(folder.stderr.contains("Fixtures: is a directory"))
    }

    @Test func aBadFileDoesNotStopTheOthers() throws {
        let run = try CLI.run(["decode", "--output", "jsonl", "/nonexistent", "Fixtures/seed/seed.analyzer.txt"])
        #expect(run.status == 2)
        #expect(run.stdout.contains("MWr64"))
    }
}
