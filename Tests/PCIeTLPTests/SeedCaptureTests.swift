import Foundation
import PCIeTLP
import Testing

/// The capture in the patch series' cover letter: a flit-mode MWr64 whose OHC-B carries
/// ST=F0h PH=2, printed by an analyzer that shows each DW as a little-endian integer.
@Suite struct SeedCaptureTests {
    let seed = wire("08000260 F0000004 E0200000 00080006 90F00000", swapped: true)

    @Test func wireBytesAreTheSwappedWords() {
        #expect(seed.prefix(4) == [0x60, 0x02, 0x00, 0x08])
        #expect(seed.suffix(4) == [0x00, 0x00, 0xF0, 0x90])
    }

    @Test func rendersTheAnalyzerLinesByteForByte() throws {
        let tlp = try decode(seed, .flit)
        let expected = try String(
            contentsOf: fixturesURL.appendingPathComponent("seed/seed.analyzer.txt"), encoding: .utf8)
        #expect(AnalyzerText.render(tlp, wordOrder: .swapped) == expected)
    }

    @Test func decodesEveryField() throws {
        let tlp = try decode(seed, .flit)
        #expect(tlp.type == .mwr64)
        #expect(tlp.requester == PCIID(bus: 4, device: 0, function: 0))
        #expect(tlp.address == 0x0000_20E0_0600_0800)
        #expect(tlp.ohcKinds == [.b])
        #expect(tlp.length == 8)
        #expect(tlp.tag == 0xF0)
        #expect(tlp.tph == TPH(st: 0xF0, width: 8, ph: 2))
        #expect(tlp.isTruncated)
        #expect(tlp.warnings.isEmpty)
        #expect(tlp.declaredSize == 52)
    }

    @Test func jsonRecordHasTheContractKeys() throws {
        let json = try jsonObject(try decode(seed, .flit))
        #expect(json["type"] as? String == "MWr64")
        #expect(json["mode"] as? String == "flit")
        #expect(json["requester"] as? String == "04:00.0")
        #expect(json["address"] as? String == "0x000020e006000800")
        #expect(json["ohc"] as? Int == 2)
        #expect(json["length"] as? Int == 8)
        #expect(json["tph"] as? Bool == true)
        #expect(json["st"] as? Int == 240)
        #expect(json["st_width"] as? Int == 8)
        #expect(json["ph"] as? Int == 2)
        #expect(json["truncated"] as? Bool == true)
        #expect(json["bytes"] as? String == "60020008040000f0000020e0060008000000f090")
        let ohcB = json["ohc_b"] as? [String: Any]
        #expect(ohcB?["st"] as? Int == 240)
        #expect(ohcB?["hv"] as? Int == 1)
        #expect(ohcB?["av"] as? Bool == false)
    }

    @Test func encodesBackToTheCapturedBytes() throws {
        #expect(try decode(seed, .flit).bytes == seed)
    }

    @Test func buildingTheSameTLPGivesTheSameBytes() throws {
        var tlp = try #require(TLP(mode: .flit, type: .mwr64))
        tlp.set(.length, 8)
        tlp.set(.requester, 0x0400)
        tlp.set(.tag, 0xF0)
        tlp.setAddress(0x0000_20E0_0600_0800)
        tlp.setTPH(TPH(st: 0xF0, width: 8, ph: 2))
        #expect(tlp.bytes == seed)
    }
}
