import Foundation
import PCIeTLP
import TLPCapture
import Testing

/// Each encapsulation takes packets apart as its format says; packets that hold no TLP are
/// other packets, never errors.
@Suite struct EncapsulationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func unwrap(linkType: Int32, _ packet: [UInt8], hardware: String? = nil) -> (Unwrapped, CaptureRecord) {
        var layer = LinkLayer(linkType: linkType, skipBytes: 0, hardware: hardware)
        var record = CaptureRecord(source: RecordSource(path: "t", packet: 1), bytes: [])
        let result = packet.withUnsafeBytes { raw in
            layer?.unwrap(raw, into: &record) ?? .failed("no layer")
        }
        return (result, record)
    }

    static func hex(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var chars = Array(text.filter { !$0.isWhitespace })
        while chars.count >= 2 {
            out.append(UInt8(String(chars[0..<2]), radix: 16) ?? 0)
            chars.removeFirst(2)
        }
        return out
    }

    /// Ethernet, optional VLAN tag, IPv4, UDP between `port`s, NetTLP header, TLP, padding.
    static func netTLP(_ tlp: [UInt8], port: Int = 0x3002, vlan: Bool = false, padding: Int = 0) -> [UInt8] {
        let udpLength = 8 + 6 + tlp.count
        var frame = hex("ffffffffffff001122334455") + (vlan ? hex("81000064") : []) + hex("0800")
        frame += [0x45, 0, UInt8((20 + udpLength) >> 8), UInt8((20 + udpLength) & 0xFF), 0, 0, 0, 0, 64, 17, 0, 0]
        frame += [192, 168, 10, 1, 192, 168, 10, 3]
        frame += [UInt8(port >> 8), UInt8(port & 0xFF), UInt8(port >> 8), UInt8(port & 0xFF)]
        frame += [UInt8(udpLength >> 8), UInt8(udpLength & 0xFF), 0, 0]
        frame += [0x01, 0xB2, 0x52, 0x71, 0xFD, 0x19] + tlp
        return frame + [UInt8](repeating: 0, count: padding)
    }

    static let mrd32 = hex("00002010 190002ff 90000000")

    @Test(arguments: [false, true])
    func netTLPGivesTheTLPAndItsHeaderWithoutPadding(_ vlan: Bool) {
        let packet = Self.netTLP(Self.mrd32, vlan: vlan, padding: 6)
        let (result, record) = Self.unwrap(linkType: 1, packet)
        guard case .tlp(let range, let declared) = result else {
            Issue.record("not a TLP: \(result)")
            return
        }
        #expect(Array(packet[range]) == Self.mrd32)
        #expect(declared == nil)
        #expect(record.encapsulation == .netTLP)
        #expect(record.mode == .nonFlit)
        #expect(JSONRecord.render(record.layerEntries) == #"{"nettlp":{"seq":434,"timestamp":1383202073}}"#)
    }

    @Test func netTLPCutBySnapshotLengthKeepsTheDeclaredSize() {
        let tlp = Self.hex("4a000020 1b000080 19000500") + [UInt8](repeating: 7, count: 128)
        let packet = Array(Self.netTLP(tlp).prefix(128))
        guard case .tlp(let range, let declared) = Self.unwrap(linkType: 1, packet).0 else {
            Issue.record("not a TLP")
            return
        }
        #expect(range.upperBound == 128)
        #expect(declared == tlp.count)
    }

    @Test func otherNetworkTrafficIsAnOtherPacket() {
        let arp = Self.hex("ffffffffffff001122334455 0806") + [UInt8](repeating: 0, count: 46)
        let dns = Self.netTLP(Self.mrd32, port: 53)
        for (packet, kind) in [(arp, "arp"), (dns, "udp")] {
            guard case .other(let other) = Self.unwrap(linkType: 1, packet).0 else {
                Issue.record("\(kind) not an other packet")
                continue
            }
            #expect(other.kind == kind)
        }
    }

    @Test func brokenFramesAreErrors() {
        for packet in [Self.hex("ffff"), Array(Self.netTLP(Self.mrd32).prefix(40))] {
            guard case .failed = Self.unwrap(linkType: 1, packet).0 else {
                Issue.record("not an error: \(packet.count) bytes")
                continue
            }
        }
    }

    /// pad2pcapng's pseudo-header (record number, timestamp, LFSR, metadata info, flags), then `frame`.
    static func analyzer(_ frame: [UInt8], upstream: Bool = false, metadata: [UInt8] = []) -> [UInt8] {
        func le(_ value: UInt64, _ bytes: Int) -> [UInt8] {
            (0..<bytes).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        }
        let info = metadata.isEmpty ? 0 : UInt64(frame.count)
        return le(1000, 4) + le(5_000_000_000, 8) + le(0, 2) + le(info, 2) + le(upstream ? 1 << 28 : 0, 4) + frame
            + metadata
    }

    @Test func analyzerTLPFrameGivesTheTLPAlone() {
        let frame = [0xFB, 0x00, 0x10] + Self.mrd32 + [1, 2, 3, 4, 0xFD]
        let packet = Self.analyzer(frame, upstream: true, metadata: [9, 9, 9, 9])
        let (result, record) = Self.unwrap(linkType: 158, packet)
        guard case .tlp(let range, _) = result else {
            Issue.record("not a TLP: \(result)")
            return
        }
        #expect(Array(packet[range]) == Self.mrd32)
        #expect(record.direction == .inbound)
        #expect(record.encapsulation == .pcieCapture)
        #expect(
            JSONRecord.render(record.layerEntries)
                == #"{"pseudo_header":{"record":1000,"timestamp_ns":5000000000,"flags":268435456},"link_seq":16}"#)
    }

    @Test(arguments: [
        ("00000010", #"{"type":"Ack","code":0,"seq":16,"bytes":"000000100000"}"#),
        ("100007a0", #"{"type":"Nak","code":16,"seq":1952,"bytes":"100007a00000"}"#),
        (
            "80020040",
            #"{"type":"UpdateFC-P","code":128,"vc":0,"hdr_scale":0,"hdr_fc":8,"data_scale":0,"data_fc":64,"bytes":"800200400000"}"#
        ),
        (
            "51040000",
            #"{"type":"InitFC1-NP","code":81,"vc":1,"hdr_scale":0,"hdr_fc":16,"data_scale":0,"data_fc":0,"bytes":"510400000000"}"#
        ),
        (
            "e3c00000",
            #"{"type":"InitFC2-Cpl","code":227,"vc":3,"hdr_scale":3,"hdr_fc":0,"data_scale":0,"data_fc":0,"bytes":"e3c000000000"}"#
        ),
        ("20000000", #"{"type":"PM_Enter_L1","code":32,"bytes":"200000000000"}"#),
    ])
    func analyzerDLLPsAreDecodedOtherPackets(_ dllp: String, _ json: String) {
        let frame = [0x5C] + Self.hex(dllp) + [0, 0, 0xFD]
        guard case .other(let other) = Self.unwrap(linkType: 158, Self.analyzer(frame)).0 else {
            Issue.record("not an other packet")
            return
        }
        #expect(other.kind == "dllp")
        #expect(JSONRecord.render(other.entries) == #"{"dllp":"# + json + "}")
    }

    @Test func analyzerOrderedSetsAndNullifiedTLPsAreOtherPackets() {
        let skp: [UInt8] = [0xBC, 0x1C, 0x1C, 0x1C]
        let nullified = [0xFB, 0x00, 0x10] + Self.mrd32 + [1, 2, 3, 4, 0xFE]
        var layer = LinkLayer(linkType: 158, skipBytes: 0, hardware: "AGT_MODULE_ONEPORT_PCIEXPRESS_X8")
        for (frame, kind) in [(skp, "ordered-set"), (nullified, "nullified-tlp")] {
            var record = CaptureRecord(source: RecordSource(path: "t"), bytes: [])
            let result = Self.analyzer(frame).withUnsafeBytes { layer?.unwrap($0, into: &record) }
            guard case .other(let other)? = result else {
                Issue.record("\(kind): \(String(describing: result))")
                continue
            }
            #expect(other.kind == kind)
        }
    }

    @Test func analyzerFrameWithoutENDIsAnError() {
        let frame = [0xFB, 0x00, 0x10] + Self.mrd32 + [1, 2, 3, 4, 0x00]
        guard case .failed(let message) = Self.unwrap(linkType: 158, Self.analyzer(frame)).0 else {
            Issue.record("not an error")
            return
        }
        #expect(message.contains("does not end with END"))
    }

    @Test func user11WithoutFramingIsABareTLP() {
        let packet = Self.hex("60020008 040000f0 000020e0 06000800 0000f090 00000000")
        guard case .tlp(let range, _) = Self.unwrap(linkType: 158, packet).0 else {
            Issue.record("not a TLP")
            return
        }
        #expect(range == 0..<packet.count)
    }

    static func all(_ reader: inout some CaptureReader) throws -> [CaptureRecord] {
        var out: [CaptureRecord] = []
        while let record = try reader.next() { out.append(record) }
        return out
    }

    @Test func pcapngReaderMatchesLibpcap() throws {
        let path = Self.root.appendingPathComponent("Fixtures/pcap/flit-125-ns.pcapng").path
        var own = try PcapngReader(try ByteSource(path: path), skipBytes: 0)
        var reference = try PcapReader(try ByteSource(path: path), skipBytes: 0)
        let mine = try Self.all(&own)
        let theirs = try Self.all(&reference)
        #expect(mine.count == 4)
        #expect(mine.map(\.bytes) == theirs.map(\.bytes))
        #expect(mine.map(\.time) == theirs.map(\.time))
        #expect(mine.map(\.originalLength) == theirs.map(\.originalLength))
    }

    @Test func pcapngWithMixedLinkTypesReadsEachInterfaceAsItself() throws {
        let path = Self.root.appendingPathComponent("Fixtures/encap/mixed-linktypes.pcapng").path
        // libpcap stops at the first packet of an interface whose link type differs.
        var libpcap = try PcapReader(try ByteSource(path: path), skipBytes: 0)
        let stopped = try Self.all(&libpcap)
        #expect(stopped.contains { $0.error?.hasPrefix("cannot read packet") == true })
        var reader = try PcapngReader(try ByteSource(path: path), skipBytes: 0)
        let records = try Self.all(&reader)
        #expect(
            records.map { $0.other?.kind ?? $0.mode?.rawValue } == ["flit", "non-flit", "dllp", "non-flit", "flit"])
        #expect(records.map(\.direction) == [.outbound, .outbound, .inbound, .inbound, .inbound])
        #expect(reader.interfaces.map(\.linkType) == [158, 125])
    }

    @Test func pcapngWriterRecordsModeDirectionAndSource() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tlpcheck-\(UUID()).pcapng").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = Self.hex("03000001 04000001 06000800")
        let tlp = try TLPDecoder.decode(bytes, mode: .flit).tlp
        var writer = try CaptureOutput.open(path, format: .pcapng, linkType: 147)
        for direction in [Direction.inbound, .outbound, nil] {
            var record = CaptureRecord(source: RecordSource(path: "in.txt", line: 3), bytes: bytes, mode: .flit)
            record.direction = direction
            try writer.write(record, tlp: tlp)
        }
        try writer.finish()
        var reader = try PcapngReader(try ByteSource(path: path), skipBytes: 0)
        let records = try Self.all(&reader)
        #expect(records.map(\.bytes) == [bytes, bytes, bytes])
        #expect(records.map(\.mode) == [.flit, .flit, .flit])
        #expect(records.map(\.direction) == [.inbound, .outbound, nil])
        #expect(reader.interfaces.first?.description == "tlpcheck link-mode=flit")
        // libpcap reads it too.
        var reference = try PcapReader(try ByteSource(path: path), skipBytes: 0)
        #expect(try Self.all(&reference).map(\.bytes) == [bytes, bytes, bytes])
        let raw = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(raw.range(of: Data("in.txt:3".utf8)) != nil)
    }
}
