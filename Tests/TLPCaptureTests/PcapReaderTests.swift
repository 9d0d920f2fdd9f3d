import Foundation
import PCIeTLP
import TLPCapture
import Testing

/// The classic pcap reader gives exactly what libpcap gives, header included.
@Suite struct PcapReaderTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/pcap")

    struct Seen: Equatable {
        var bytes: [UInt8]
        var time: Timestamp?
        var originalLength: Int?
        var error: String?
        var source: String
    }

    static func records(_ reader: inout some CaptureReader) throws -> [Seen] {
        var out: [Seen] = []
        while let record = try reader.next() {
            out.append(
                Seen(
                    bytes: record.bytes, time: record.time, originalLength: record.originalLength,
                    error: record.error.map { String($0.prefix(40)) }, source: record.source.description))
        }
        return out
    }

    @Test(arguments: ["flit-125-us.pcap", "flit-125-be.pcap", "flit-user0-skip4.pcap"])
    func classicReaderMatchesLibpcap(_ name: String) throws {
        let path = Self.fixtures.appendingPathComponent(name).path
        let skip = name.contains("skip4") ? 4 : 0
        var mapped = try #require(try ClassicPcapReader(try ByteSource(path: path), skipBytes: skip))
        var reference = try PcapReader(try ByteSource(path: path), skipBytes: skip)
        let fromMap = try Self.records(&mapped)
        #expect(fromMap.count == 4)
        #expect(fromMap == (try Self.records(&reference)))
        #expect(mapped.header == reference.header)
    }

    /// Found by the pcap fuzzer: seconds past 2^31 (libpcap reads them signed from native-order
    /// files and unsigned from swapped ones; both readers here read them unsigned), and a packet
    /// behind an impossible capture length.
    @Test func fuzzFoundDisagreementsStayFixed() throws {
        let path = Self.fixtures.deletingLastPathComponent().appendingPathComponent(
            "malformed/pcap-fuzz-signed-seconds.pcap"
        ).path
        var mapped = try #require(try ClassicPcapReader(try ByteSource(path: path), skipBytes: 0))
        var reference = try PcapReader(try ByteSource(path: path), skipBytes: 0)
        let a = try Self.records(&mapped)
        let b = try Self.records(&reference)
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) where x.error == nil && y.error == nil {
            #expect(x.bytes == y.bytes)
            #expect(x.time == y.time)
        }
        #expect(a[1].time == b[1].time)
        #expect((a[1].time?.seconds ?? -1) >= 0)
    }

    /// Found by the pcap fuzzer: a version 2.0 file, which libpcap reads with old quirks.
    @Test func filesOtherThanVersion2Point4AreLeftToLibpcap() throws {
        let path = Self.fixtures.deletingLastPathComponent().appendingPathComponent(
            "malformed/pcap-fuzz-version-2-0.pcap"
        ).path
        #expect(try ClassicPcapReader(try ByteSource(path: path), skipBytes: 0) == nil)
    }

    @Test func pcapngIsLeftToLibpcap() throws {
        let path = Self.fixtures.appendingPathComponent("flit-125-ns.pcapng").path
        #expect(try ClassicPcapReader(try ByteSource(path: path), skipBytes: 0) == nil)
    }

    @Test func cutFilesEndInTheSameErrorRecord() throws {
        let whole = try Data(contentsOf: Self.fixtures.appendingPathComponent("flit-125-us.pcap"))
        for cut in [30, 50, 62, whole.count - 3] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent(
                "tlpcheck-\(UUID().uuidString).pcap"
            ).path
            defer { try? FileManager.default.removeItem(atPath: path) }
            try whole.prefix(cut).write(to: URL(fileURLWithPath: path))
            var mapped = try #require(try ClassicPcapReader(try ByteSource(path: path), skipBytes: 0))
            var reference = try PcapReader(try ByteSource(path: path), skipBytes: 0)
            let a = try Self.records(&mapped)
            let b = try Self.records(&reference)
            #expect(a.count == b.count, "cut \(cut)")
            #expect(a.last?.error?.hasPrefix("cannot read packet: truncated dump file") == true, "cut \(cut)")
            #expect(a.dropLast() == b.dropLast())
        }
    }

    @Test func withNextHandsOutTheBytesInPlace() throws {
        let path = Self.fixtures.appendingPathComponent("flit-125-us.pcap").path
        let mapped = try #require(try ClassicPcapReader(try ByteSource(path: path), skipBytes: 0))
        var first: (Int, [UInt8])?
        #expect(try mapped.withNext { record, bytes in first = (record.bytes.count, Array(bytes)) })
        #expect(first?.0 == 0)
        #expect(first?.1.prefix(4) == [0x60, 0x02, 0x00, 0x08])
    }

    static func malformed(_ name: String) -> String {
        fixtures.deletingLastPathComponent().appendingPathComponent("malformed/\(name)").path
    }

    /// A file cut shorter while it is read (log rotation, a capture restarted under the same
    /// name) ends in a truncation record: reads see the end of the file, where a memory map
    /// would have raised SIGBUS.
    @Test func aFileThatShrinksWhileReadEndsInATruncationRecord() throws {
        let packet = Data([
            0x60, 0x02, 0x00, 0x08, 0x04, 0x00, 0x00, 0xF0, 0, 0, 0x20, 0xE0, 6, 0, 8, 0, 0, 0, 0xF0, 0x90,
        ])
        var file = Data([0x4D, 0x3C, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 125, 0, 0, 0])
        for index in 0..<40_000 {
            file += Data([UInt8(index & 0xFF), 0, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0, 20, 0, 0, 0]) + packet
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tlpcheck-\(UUID().uuidString).pcap")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try file.write(to: URL(fileURLWithPath: path))
        let reader = try #require(try ClassicPcapReader(try ByteSource(path: path), skipBytes: 0))
        #expect(try reader.next()?.error == nil)
        // Cut the file in the middle of a packet, far past what the reader has buffered.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 24 + 36 * 30_000 + 7)
        try handle.close()
        var records = 1
        var last: CaptureRecord?
        while let record = try reader.next() {
            records += 1
            last = record
        }
        #expect(records == 30_001)
        #expect(last?.error?.hasPrefix("cannot read packet: truncated dump file") == true, "\(last?.error ?? "")")
    }

    @Test func reservedLinkTypeBitsAreRefusedByBothReaders() throws {
        let path = Self.malformed("pcap-linktype-reserved-bits.pcap")
        #expect(throws: CaptureError.self) { _ = try ClassicPcapReader(try ByteSource(path: path), skipBytes: 0) }
        #expect(throws: CaptureError.self) { _ = try PcapReader(try ByteSource(path: path), skipBytes: 0) }
    }

    @Test func anOutOfRangeFractionIsAWarningAndBothReadersAgree() throws {
        let path = Self.malformed("pcap-fraction-out-of-range.pcap")
        let classic = try #require(try ClassicPcapReader(try ByteSource(path: path), skipBytes: 0))
        let reference = try PcapReader(try ByteSource(path: path), skipBytes: 0)
        #expect(classic.header == reference.header)
        let a = [try classic.next(), try classic.next()]
        let b = [try reference.next(), try reference.next()]
        #expect(a.map { $0?.time } == b.map { $0?.time })
        #expect(a.map { $0?.notes ?? [] } == b.map { $0?.notes ?? [] })
        #expect(a[0]?.time?.description == "1718122260.999999999")
        #expect(a[1]?.time?.description == "1718122261.000000000")
        #expect(a[0]?.notes.isEmpty == true)
        #expect(a[1]?.notes.first?.contains("out of range") == true)
    }

    /// Found by the pcap fuzzer once it compared headers: a snapshot length above libpcap's
    /// maximum is kept as the file says, as libpcap keeps it.
    @Test func aSnapshotLengthAboveTheMaximumIsReadAsLibpcapReadsIt() throws {
        let path = Self.malformed("pcap-fuzz-snaplen-above-maximum.pcap")
        let classic = try #require(try ClassicPcapReader(try ByteSource(path: path), skipBytes: 0))
        let reference = try PcapReader(try ByteSource(path: path), skipBytes: 0)
        #expect(classic.header == reference.header)
        #expect(classic.header.snapLength == 262_148)
    }
}
