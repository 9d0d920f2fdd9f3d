import Foundation
import Testing

/// tshark with Tools/wireshark/tlpcheck.lua shows what tlpcheck decodes, on captures that
/// `tlpcheck convert` and `synth` write. Skipped (and shown as skipped) without tshark.
@Suite(.enabled(if: DocsAndToolsTests.tshark != nil, "tshark is not installed (Debian package tshark)"))
struct WiresharkDissectorTests {
    /// Flit TLPs: MRd32; LTR message; CfgRd0 with OHC-A3; CplD with OHC-A5 (LA[1:0] = 1);
    /// MWr64 with OHC-A1, B, C and one OHC-E; Cpl with OHC-A5 status CA; an ID-routed MsgD
    /// with OHC-A4; IOWr with OHC-A2.
    static let flit = """
        03000001 04000001 10000000
        30000000 04000010 00000000 00000000
        04010001 04000012 01000010 0000000F
        4A010001 01004012 04001004 00000008 DEADBEEF
        600F0001 04000001 00000001 10000000 4001230F 0000F090 01020511 12345678 CAFEF00D
        0A010000 01000012 04000000 00000004
        72010001 04000020 02000000 00000000 00008105 11111111
        42010001 04000013 00000CF8 00000003 22222222
        """

    /// Non-flit TLPs: MRd32; LTR message; ID-routed vendor-defined MsgD; CfgRd0; CplD; Cpl
    /// with UR; MWr32 with TH=1 behind a TPH prefix (ST 01F0h).
    static let nonFlit = """
        00000001 04000A0F 10000000
        30000000 04000010 00000000 00000000
        72000001 04000A7F 01001AF4 11223344 CAFEBABE
        04000001 0400120F 01000010
        4A000001 01000004 04001245 DEADBEEF
        0A000000 01002000 04001200
        90010000 40010001 0400F00F 10000002 11111111
        """

    /// The detailed view of each packet: `hex` converted (with `mode`) to `format`, read with
    /// the dissector and `options`; the TLP part of each frame.
    static func packets(_ hex: String, mode: String?, format: String = "pcapng", _ options: [String] = [])
        throws -> [String]
    {
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("tlpcheck-\(UUID()).\(format)")
            .path
        defer { try? FileManager.default.removeItem(atPath: capture) }
        let modeArguments = mode.map { ["--mode", $0] } ?? []
        let run = try CLI.run(["convert"] + modeArguments + ["-", "-o", capture], stdin: hex + "\n")
        #expect(run.status == 0, "\(run.stderr)")
        return try split(DocsAndToolsTests.tsharkView(capture, options))
    }

    /// The TLP part (from `PCI Express TLP` to the next frame) of each frame of `text`.
    static func split(_ text: String) -> [String] {
        text.components(separatedBy: "\nFrame ").dropFirst(0).compactMap { frame in
            frame.range(of: "PCI Express TLP").map { String(frame[$0.lowerBound...]) }
        }
    }

    static func expect(_ packet: String, _ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for line in lines {
            #expect(packet.contains(line), "missing '\(line)' in\n\(packet)", sourceLocation: sourceLocation)
        }
        for bad in ["Lua Error", "Dissector bug", "Malformed", "(reserved)"] {
            #expect(!packet.contains(bad), "'\(bad)' in\n\(packet)", sourceLocation: sourceLocation)
        }
    }

    @Test func flitFieldsAndEveryOHCWord() throws {
        let packets = try Self.packets(Self.flit, mode: "flit")
        try #require(packets.count == 8)
        Self.expect(packets[0], ["(flit mode)", "Type: MRd32 (0x03)", "Address: 0x0000000010000000"])
        Self.expect(
            packets[1],
            [
                "Type: Msg (0x30)", "Routing: routed to the Root Complex (RC, r[2:0]=0)",
                "Message Code: LTR (0x10)", "Bytes 12-15: 0x00000000",
            ])
        #expect(!packets[1].contains("DW BE"))
        Self.expect(
            packets[2],
            [
                "Type: CfgRd0 (0x04)", "Requester ID: 04:00.0", "Target ID: 01:00.0", "Register: 0x0010",
                "OHC-A3: 0x0000000f", "Destination Segment Valid (DSV): False", "First DW BE: 0x0f",
            ])
        Self.expect(
            packets[3],
            [
                "Type: CplD (0x4a)", "Completer ID: 01:00.0", "Requester ID: 04:00.0", "Byte Count: 4",
                "Lower Address: 0x45 (LA[1:0] from OHC-A5)", "OHC-A5: 0x00000008", "Lower Address[1:0]: 1",
                "Completion Status: SC (0) (OHC-A5)", "Payload: deadbeef",
            ])
        Self.expect(
            packets[4],
            [
                "Type: MWr64 (0x60)", "Address: 0x0000000110000000",
                "OHC-A1: 0x4001230f", "Privileged (PV): True", "PASID: 0x000123",
                "OHC-B: 0x0000f090", "Steering Tag: 0x00f0", "Processing Hint: target (2)",
                "Hints Valid (HV): 8-bit ST valid (1)",
                "OHC-C: 0x01020511", "Requester Segment: 0x01", "IDE Stream ID: 5", "IDE Sub-Stream: 1",
                "T (IDE TLP): True",
                "OHC-E: 0x12345678", "Entry Format: 1", "Entry Type (E): 0x02", "Data: 0x345678",
                "Payload: cafef00d",
            ])
        Self.expect(packets[5], ["Type: Cpl (0x0a)", "OHC-A5: 0x00000004", "Completion Status: CA (4) (OHC-A5)"])
        Self.expect(
            packets[6],
            [
                "Type: MsgD (0x72)", "Routing: routed by ID (ID, r[2:0]=2)", "Message Code: Assert_INTA (0x20)",
                "Target ID: 02:00.0", "OHC-A4: 0x00008105", "PASID: 0x010005",
                "Destination Segment Valid (DSV): True", "Payload: 11111111",
            ])
        Self.expect(packets[7], ["Type: IOWr (0x42)", "OHC-A2: 0x00000003", "Last DW BE: 0x00", "First DW BE: 0x03"])
    }

    /// A flit completion without OHC-A5 is successful (PCIe 6.x: the word is needed only for
    /// other statuses or a non-zero LA[1:0]).
    @Test func flitCompletionWithoutOHCA5IsSuccessful() throws {
        let packets = try Self.packets("0A000000 01000012 04000004", mode: "flit")
        try #require(packets.count == 1)
        Self.expect(packets[0], ["Completion Status: SC (0) (no OHC-A5)", "Byte Count: 4", "Lower Address: 0x00"])
    }

    @Test func nonFlitFields() throws {
        let packets = try Self.packets(Self.nonFlit, mode: "non-flit")
        try #require(packets.count == 7)
        Self.expect(packets[0], ["(non-flit mode)", "Fmt/Type: MRd32 (0x00)", "Tag: 0x000a", "First DW BE: 0x0f"])
        Self.expect(
            packets[1],
            ["Fmt/Type: Msg (0x30)", "Routing: routed to the Root Complex (RC, r[2:0]=0)", "Message Code: LTR (0x10)"])
        #expect(!packets[1].contains("DW BE"))
        Self.expect(
            packets[2],
            [
                "Message Code: Vendor_Defined_Type_1 (0x7f)", "Routing: routed by ID (ID, r[2:0]=2)",
                "Target ID: 01:00.0", "Vendor ID: 0x1af4", "Payload: cafebabe",
            ])
        Self.expect(packets[3], ["Fmt/Type: CfgRd0 (0x04)", "Target ID: 01:00.0", "Register: 0x0010"])
        Self.expect(
            packets[4],
            [
                "Fmt/Type: CplD (0x4a)", "Completer ID: 01:00.0", "Completion Status: SC (0)", "Byte Count: 4",
                "Requester ID: 04:00.0", "Tag: 0x0012", "Lower Address: 0x45", "Payload: deadbeef",
            ])
        Self.expect(packets[5], ["Fmt/Type: Cpl (0x0a)", "Completion Status: UR (1)"])
        Self.expect(
            packets[6],
            [
                "Prefix: 0x90010000 (TPH)", "ST[15:8] (TPH prefix): 0x01", "Fmt/Type: MWr32 (0x40)",
                "Steering Tag: 0x01f0 (16-bit, ST[15:8] from the TPH prefix)", "Processing Hint: target (2)",
                "Address: 0x0000000010000000",
            ])
    }

    /// The mode: a classic pcap has none and reads as non-flit (never flit, so a non-flit MRd32
    /// is not shown as a NOP); the preference overrides it; the pcapng interface block states it
    /// and wins over the assumption.
    @Test func modeIsNonFlitUnlessTheFileOrThePreferenceSaysOtherwise() throws {
        let classic = try Self.packets(Self.nonFlit, mode: nil, format: "pcap")
        try #require(classic.count == 7)
        Self.expect(classic[0], ["PCI Express TLP (non-flit mode assumed)", "Fmt/Type: MRd32 (0x00)"])
        #expect(!classic[0].contains("NOP"))
        let forced = try Self.packets(Self.flit, mode: "flit", format: "pcap", ["-o", "tlp.mode:flit"])
        Self.expect(forced[2], ["PCI Express TLP (flit mode)", "Target ID: 01:00.0"])
        let stated = try Self.packets(Self.flit, mode: "flit")
        Self.expect(stated[0], ["PCI Express TLP (flit mode)", "Type: MRd32 (0x03)"])
        let overridden = try Self.packets(Self.nonFlit, mode: "flit", ["-o", "tlp.mode:non-flit"])
        #expect(overridden[0].contains("PCI Express TLP (non-flit mode)"))
    }

    /// A synthetic capture in each mode (writes, reads, completions, a message), converted to
    /// convert's default output, dissects with no Lua error and no reserved type. (synth writes
    /// link type 125, which Wireshark has no dissector for; convert rewrites it as USER0.)
    @Test(arguments: ["flit", "non-flit"])
    func synthCapturesDissectCleanly(_ mode: String) throws {
        let directory = FileManager.default.temporaryDirectory
        let synthetic = directory.appendingPathComponent("tlpcheck-\(UUID()).pcapng").path
        let capture = directory.appendingPathComponent("tlpcheck-\(UUID()).pcapng").path
        defer {
            try? FileManager.default.removeItem(atPath: synthetic)
            try? FileManager.default.removeItem(atPath: capture)
        }
        let run = try CLI.run([
            "synth", "-o", synthetic, "--count", "200", "--mode", mode, "--format", "pcapng", "--payload", "full",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try CLI.run(["convert", synthetic, "-o", capture]).status == 0)
        let packets = Self.split(try DocsAndToolsTests.tsharkView(capture))
        #expect(packets.count == 200)
        for packet in packets { Self.expect(packet, ["(\(mode) mode)"]) }
        let all = packets.joined()
        #expect(all.contains("Completion Status: "))
        #expect(all.contains("Message Code: "))
        #expect(all.contains("Steering Tag: "))
    }
}
