import Foundation
import Testing

/// Captures written by other tools (NetTLP, pad2pcapng) and pcapng with metadata, end to end.
@Suite struct EncapsulationCommandTests {
    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tlpcheck-\(UUID())-\(name)").path
    }

    @Test func netTLPCaptureDecodesWithOtherTrafficCounted() throws {
        let run = try CLI.run(["decode", "--output", "jsonl", "Fixtures/encap/nettlp-nvme.pcap"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("read 5 records: 5 decoded, 0 errors; 2 other packets (1 arp, 1 udp)"))
        #expect(!run.stderr.contains("warning"))
        let records = CaptureCommandTests.records(run.stdout).filter { $0["record"] != nil }
        #expect(records.map { $0["type"] as? String } == ["MRd32", "CplD", "MRd64", "CplD", "MWr32"])
        #expect(records.allSatisfy { $0["mode_assumed"] == nil && $0["encapsulation"] as? String == "nettlp" })
        #expect(records[3]["truncated"] as? Bool == true)
    }

    @Test func analyzerTraceDecodesTLPsWithoutWarningsAndDLLPsAsDLLPs() throws {
        let run = try CLI.run(["decode", "--output", "jsonl", "Fixtures/encap/user11-pad2pcapng.pcapng"])
        #expect(run.status == 0)
        #expect(!run.stderr.contains("warning"))
        #expect(run.stderr.contains("read 3 records: 3 decoded, 0 errors; 5 other packets (4 dllp, 1 ordered-set)"))
        let lines = CaptureCommandTests.records(run.stdout)
        let dllps = lines.compactMap { $0["dllp"] as? [String: Any] }.compactMap { $0["type"] as? String }
        #expect(dllps == ["Ack", "UpdateFC-P", "Nak", "InitFC1-NP"])
        let tlps = lines.filter { $0["record"] != nil }
        #expect(tlps.map { $0["direction"] as? String } == ["outbound", "inbound", "outbound"])
        #expect(tlps.last?["st"] as? Int == 0xF0)
    }

    @Test func convertToPcapngKeepsModeAndDirection() throws {
        let out = Self.temporary("seed.pcapng")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let convert = try CLI.run(["convert", "Fixtures/seed/seed.analyzer.txt", "-o", out])
        #expect(convert.status == 0)
        #expect(!convert.stderr.contains("--mode flit"))
        let decode = try CLI.run(["decode", "--output", "jsonl", out])
        let record = try #require(CaptureCommandTests.records(decode.stdout).first)
        #expect(record["mode"] as? String == "flit")
        #expect(record["mode_assumed"] == nil)

        let analyzer = Self.temporary("analyzer.pcapng")
        defer { try? FileManager.default.removeItem(atPath: analyzer) }
        _ = try CLI.run(["convert", "Fixtures/encap/user11-pad2pcapng.pcapng", "-o", analyzer])
        let again = try CLI.run(["decode", "--output", "jsonl", analyzer])
        let directions = CaptureCommandTests.records(again.stdout).map { $0["direction"] as? String }
        #expect(directions == ["outbound", "inbound", "outbound"])
    }

    @Test func statsCountPacketsPerEncapsulation() throws {
        let run = try CLI.run(["stats", "--output", "json", "Fixtures/encap/user11-pad2pcapng.pcapng"])
        let stats = try #require(CaptureCommandTests.records(run.stdout).first)
        let encapsulations = try #require(stats["encapsulations"] as? [String: Any])
        let analyzer = try #require(encapsulations["pcie-capture"] as? [String: Any])
        #expect(analyzer["tlps"] as? Int == 3)
        #expect((analyzer["other"] as? [String: Int]) == ["dllp": 4, "ordered-set": 1])
        #expect((analyzer["directions"] as? [String: Int]) == ["outbound": 5, "inbound": 3])
    }
}
