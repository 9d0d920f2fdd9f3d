import Foundation
import Testing

/// Behaviour found wrong once, kept right.
@Suite struct RegressionTests {
    static func temporary(_ name: String, _ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tlpcheck-\(UUID().uuidString)-\(name)"
        ).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aRefusedPcapOnStandardInputExitsTwoNotBySignal() throws {
        // Large enough that the feeder is still writing when libpcap gives up.
        var data = Data([0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 105, 0, 0, 0])
        let packet = Data([1, 0, 0, 0, 0, 0, 0, 0, 60, 0, 0, 0, 60, 0, 0, 0]) + Data(repeating: 0xAB, count: 60)
        for _ in 0..<20_000 { data += packet }
        let run = try CLI.run(["decode", "-"], stdinData: data)
        #expect(run.status == 2)
        #expect(run.stderr.contains("unsupported link type 105"))
    }

    @Test func anAnalyzerTLPWithTooManyLinesIsAnErrorAndTheNextOneDecodes() throws {
        var text = "60020008 -> STP MWr64 TC=0 OHC=2 TS=0 Attr=0 L=8\n"
        text += String(repeating: "00000000 -> Data\n", count: 3000)
        text +=
            "60020008 -> STP MWr64 TC=0 OHC=2 TS=0 Attr=0 L=8\n040000f0 -> RID\n000020e0 -> A\n06000800 -> A\n0000f090 -> B\n"
        let path = try Self.temporary("long.txt", text)
        let run = try CLI.run(["decode", "--output", "jsonl", path])
        #expect(run.status == 1)
        #expect(run.stderr.contains(":1: error: 3001 DW lines in one TLP: more than one TLP can hold (2048)"))
        #expect(run.stdout.contains("\"st\":240"))
        #expect(run.stderr.contains("read 2 records: 1 decoded, 1 errors"))
    }

    @Test func givenModeDecidesTheWordOrderOfAnUnannotatedDump() throws {
        // Swapped words of a flit MRd32 (03000001 ...) with a plain annotation: only flit mode
        // makes the swapped decode an MRd32.
        let text = "01000003 -> STP MRd32\n00000001 -> x\n00000010 -> x\n"
        let path = try Self.temporary("mrd.txt", text)
        let run = try CLI.run(["decode", "--mode", "flit", "--output", "jsonl", path])
        #expect(run.stdout.contains("\"type\":\"MRd32\""))
        #expect(!run.stdout.contains("warnings"), "\(run.stdout)")
    }

    @Test func hexOnStandardInputHonoursModeLines() throws {
        let run = try CLI.run(["hex", "--output", "jsonl"], stdin: "# mode: flit\n03000001 01000000 10000000\n")
        #expect(run.stdout.contains("\"type\":\"MRd32\""))
        #expect(run.stdout.contains("\"mode\":\"flit\""))
    }

    @Test func verifySaysWhenItAssumedTheMode() throws {
        let pcap = FileManager.default.temporaryDirectory.appendingPathComponent("tlpcheck-\(UUID().uuidString).pcap")
            .path
        defer { try? FileManager.default.removeItem(atPath: pcap) }
        #expect(try CLI.run(["convert", "Fixtures/seed/seed.analyzer.txt", "-o", pcap]).status == 0)
        let run = try CLI.run(["verify", pcap, "--tuples", "Fixtures/seed/tuples.yaml"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("Note: 1 record decoded in non-flit mode, assumed"))
        #expect(run.stderr.contains("pass --mode flit"))
        #expect(try CLI.run(["verify", "--mode", "flit", pcap, "--tuples", "Fixtures/seed/tuples.yaml"]).status == 0)
    }

    @Test func nonFlitPrefixWithAMAOnlyKeepsAnEightBitTag() throws {
        // TPH prefix with ST[15:8]=0 and AMA=1, AV=1: the ST is F0h, 8 bits.
        let run = try CLI.run(["hex", "--output", "jsonl", "90003000", "60010001", "0400F00F", "000020E0", "06000802"])
        #expect(run.stdout.contains("\"st\":240,\"st_width\":8"))
    }

    @Test func flitOHCBOnACompletionCarriesNoTPH() throws {
        let run = try CLI.run([
            "hex", "--mode", "flit", "--output", "jsonl", "0A020000", "01000012", "02000004", "0000F090",
        ])
        #expect(run.stdout.contains("\"tph\":false"))
        #expect(run.stdout.contains("not address-routed"))
    }

    @Test func noPHMismatchWhenTheNamespaceIsNotPublished() throws {
        let tuples = try Self.temporary(
            "t.yaml",
            "tuples:\n  - {name: a, flags: [st], steering_tag: 0xf0, ph: 0, ranges: [{base: 0x20e006000000, size: 0x1000000}]}\n"
        )
        let dump = try Self.temporary(
            "d.hex", "# mode: flit\n60020001 04000000 000020e0 06000800 0001f0b0\n")  // HV=11: 16-bit, PH=2
        let run = try CLI.run(["verify", dump, "--tuples", tuples, "--report", "json"])
        #expect(run.stdout.contains("\"check\":\"namespace-not-published\""))
        #expect(!run.stdout.contains("\"check\":\"ph-mismatch\""))
    }

    @Test func smallNonFlitTagMatchesTheExtendedNamespaceWhenOnlyItIsPublished() throws {
        let tuples = try Self.temporary(
            "t.yaml",
            "tuples:\n  - {name: a, flags: [st_ext], steering_tag_ext: 0x00f0, ph: 2, ranges: [{base: 0x20e006000000, size: 0x1000000}]}\n"
        )
        let dump = try Self.temporary("d.hex", "60010001 0400F00F 000020E0 06000802\n")
        let run = try CLI.run(["verify", "--mode", "non-flit", dump, "--tuples", tuples])
        #expect(run.status == 0, "\(run.stdout)")
    }
}
