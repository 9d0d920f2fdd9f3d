import Foundation
import Testing

/// decode, convert and stats over every input format, end to end.
@Suite struct CaptureCommandTests {
    static func records(_ jsonl: String) -> [[String: Any]] {
        jsonl.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// Records without the keys that name where they came from.
    static func content(_ jsonl: String) -> [NSDictionary] {
        records(jsonl).map { record in
            var record = record
            for key in ["record", "source", "time"] { record[key] = nil }
            return record as NSDictionary
        }
    }

    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tlpcheck-\(UUID().uuidString)-\(name)").path
    }

    @Test func seedDumpDecodesInFlitModeAndSwappedOrderFromItsAnnotations() throws {
        let run = try CLI.run(["decode", "--output", "jsonl", "Fixtures/seed/seed.analyzer.txt"])
        #expect(run.status == 0)
        let record = try #require(Self.records(run.stdout).first)
        #expect(record["mode"] as? String == "flit")
        #expect(record["st"] as? Int == 0xF0)
        #expect(record["source"] as? String == "Fixtures/seed/seed.analyzer.txt:1")
        #expect(run.stderr == "tlpcheck: read 1 record: 1 decoded, 0 errors\n")
    }

    @Test func everyKernelDialectIsRead() throws {
        let expectations: [(String, [(type: String, mode: String, source: String)])] = [
            ("aer-2.6-two-line.log", [("CfgRd0", "non-flit", "aer-2.6-two-line.log:5 (0000:00:1c.0)")]),
            ("aer-5.x-plain.log", [("MWr32", "non-flit", "aer-5.x-plain.log:5 (0000:05:00.0)")]),
            (
                "aer-6.x-0x-prefixes.log",
                [
                    ("MWr64", "non-flit", "aer-6.x-0x-prefixes.log:4 (0000:04:00.0)"),
                    ("MRd32", "non-flit", "aer-6.x-0x-prefixes.log:6 (0000:00:01.0)"),
                ]
            ),
            (
                "aer-6.15-flit.log",
                [
                    ("MWr64", "flit", "aer-6.15-flit.log:3 (0000:04:00.0)"),
                    ("MWr64", "flit", "aer-6.15-flit.log:4 (0000:04:00.0)"),
                ]
            ),
            (
                "lspci-vv-3.14-fltmode.txt",
                [
                    ("CfgRd0", "non-flit", "lspci-vv-3.14-fltmode.txt:10 (00:1c.0)"),
                    ("MRd32", "flit", "lspci-vv-3.14-fltmode.txt:20 (00:1c.0/05:00.0)"),
                    ("MWr32", "non-flit", "lspci-vv-3.14-fltmode.txt:28 (06:00.0)"),
                ]
            ),
        ]
        for (file, expected) in expectations {
            let run = try CLI.run(["decode", "--output", "jsonl", "Fixtures/logs/\(file)"])
            #expect(run.status == 0, "\(file): \(run.stderr)")
            let records = Self.records(run.stdout)
            #expect(records.count == expected.count, "\(file)")
            for (record, want) in zip(records, expected) {
                #expect(record["type"] as? String == want.type, "\(file)")
                #expect(record["mode"] as? String == want.mode, "\(file)")
                #expect(record["source"] as? String == "Fixtures/logs/" + want.source)
                #expect(record["warnings"] == nil, "\(file): \(record["warnings"] ?? "")")
            }
        }
    }

    @Test func tphPrefixFromTheAERPrefixLogWidensTheSteeringTag() throws {
        let run = try CLI.run(["decode", "--output", "jsonl", "Fixtures/logs/aer-6.x-0x-prefixes.log"])
        let record = try #require(Self.records(run.stdout).first)
        #expect(record["st"] as? Int == 0x01F0)
        #expect(record["st_width"] as? Int == 16)
        #expect(record["ph"] as? Int == 2)
    }

    @Test func pcapFromAnIndependentWriterDecodesWithTimestamps() throws {
        let run = try CLI.run(["decode", "--mode", "flit", "--output", "jsonl", "Fixtures/pcap/flit-125-ns.pcapng"])
        #expect(run.status == 0)
        let records = Self.records(run.stdout)
        #expect(records.map { $0["type"] as? String } == ["MWr64", "MWr32", "Cpl", "MRd64"])
        #expect(records.first?["time"] as? String == "1718122260.123456789")
        #expect(records.first?["truncated"] as? Bool == true)
        #expect(records.first?["source"] as? String == "Fixtures/pcap/flit-125-ns.pcapng#1")
        #expect(records[2]["status"] as? String == "UR")
        #expect(records[3]["st_width"] as? Int == 16)
    }

    @Test func pcapAndPcapngAndByteOrdersAgree() throws {
        let files = ["flit-125-us.pcap", "flit-125-be.pcap", "flit-125-ns.pcapng"]
        let outputs = try files.map {
            Self.content(try CLI.run(["decode", "--mode", "flit", "--output", "jsonl", "Fixtures/pcap/\($0)"]).stdout)
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0] == outputs[2])
        #expect(outputs[0].count == 4)
    }

    @Test func userLinkTypeWithPseudoHeaderNeedsSkipBytes() throws {
        let skipped = try CLI.run([
            "decode", "--mode", "flit", "--skip-bytes", "4", "--output", "jsonl", "Fixtures/pcap/flit-user0-skip4.pcap",
        ])
        let plain = try CLI.run(["decode", "--mode", "flit", "--output", "jsonl", "Fixtures/pcap/flit-125-us.pcap"])
        #expect(Self.content(skipped.stdout) == Self.content(plain.stdout))
    }

    @Test func otherLinkTypesAreRefusedByNumberAndName() throws {
        let run = try CLI.run(["decode", "Fixtures/pcap/wlan.pcap"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("Fixtures/pcap/wlan.pcap: unsupported link type 105 (IEEE802_11)"))
        #expect(run.stderr.contains("125 (DLT_PCI_EXP), USER0..USER15"))
    }

    @Test func pcapOnStandardInput() throws {
        let data = try Data(contentsOf: CLI.fixtures.appendingPathComponent("pcap/flit-125-ns.pcapng"))
        let run = try CLI.run(["decode", "--mode", "flit", "--output", "jsonl", "-"], stdinData: data)
        #expect(run.status == 0)
        #expect(Self.records(run.stdout).count == 4)
        #expect(Self.records(run.stdout).first?["source"] as? String == "-#1")
    }

    @Test func inputOverrideBeatsSniffing() throws {
        // Forced hex: the analyzer lines are not hex, so each is an error record.
        let run = try CLI.run(["decode", "--input", "hex", "--output", "jsonl", "Fixtures/seed/seed.analyzer.txt"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("Fixtures/seed/seed.analyzer.txt:1: error: column 10: not a hex digit: '->'"))
        #expect(run.stderr.hasSuffix("tlpcheck: read 5 records: 0 decoded, 5 errors\n"))
    }

    @Test func roundTripThroughPcapKeepsEveryRecord() throws {
        for dump in ["Fixtures/seed/seed.analyzer.txt", "Fixtures/logs/aer-6.15-flit.log"] {
            let pcap = Self.temporary("roundtrip.pcap")
            defer { try? FileManager.default.removeItem(atPath: pcap) }
            let convert = try CLI.run(["convert", dump, "-o", pcap])
            #expect(convert.status == 0, "\(convert.stderr)")
            #expect(convert.stderr.contains("decode \(pcap) with --mode flit"))
            let direct = try CLI.run(["decode", "--output", "jsonl", dump])
            let viaPcap = try CLI.run(["decode", "--mode", "flit", "--output", "jsonl", pcap])
            #expect(Self.content(viaPcap.stdout) == Self.content(direct.stdout), "\(dump)")
        }
    }

    @Test(arguments: ["hex", "analyzer"])
    func roundTripThroughTextKeepsModeAndRecords(_ format: String) throws {
        let out = Self.temporary("roundtrip.\(format)")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let source = "Fixtures/pcap/flit-125-ns.pcapng"
        let convert = try CLI.run(["convert", "--mode", "flit", source, "-o", out, "-T", format])
        #expect(convert.status == 0, "\(convert.stderr)")
        let direct = try CLI.run(["decode", "--mode", "flit", "--output", "jsonl", source])
        // No --mode: the hex '# mode:' line or the annotations must carry it.
        let back = try CLI.run(["decode", "--output", "jsonl", out])
        #expect(Self.content(back.stdout) == Self.content(direct.stdout))
    }

    @Test func convertWritesTheUserLinkTypeAsked() throws {
        let out = Self.temporary("user5.pcap")
        defer { try? FileManager.default.removeItem(atPath: out) }
        #expect(
            try CLI.run(["convert", "Fixtures/seed/seed.analyzer.txt", "-o", out, "--linktype", "user5"]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(bytes.count > 24)
        #expect(bytes[20] == 152)  // link type in the global header (little-endian): 147 + 5
        let bad = try CLI.run(["convert", "Fixtures/seed/seed.analyzer.txt", "-o", out, "--linktype", "1"])
        #expect(bad.status == 2)
    }

    @Test func statsCountsTypesRequestersAndCoverage() throws {
        let run = try CLI.run(["stats", "--mode", "flit", "--output", "json", "Fixtures/pcap/flit-125-us.pcap"])
        #expect(run.status == 0)
        let stats = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(stats["records"] as? Int == 4)
        #expect(stats["truncated"] as? Int == 1)
        let tph = stats["tph"] as? [String: Any]
        #expect(tph?["memory_requests"] as? Int == 3)
        #expect(tph?["with_tph"] as? Int == 2)
    }

    @Test func severalFilesAreDecodedInOrderWithPerFileRecordNumbers() throws {
        let run = try CLI.run([
            "decode", "--output", "jsonl", "Fixtures/logs/aer-6.15-flit.log", "Fixtures/seed/seed.analyzer.txt",
        ])
        let records = Self.records(run.stdout)
        #expect(records.map { $0["record"] as? Int } == [1, 2, 1])
        #expect(run.stderr == "tlpcheck: read 3 records: 3 decoded, 0 errors; 2 other lines skipped\n")
    }

    @Test func text2pcapUser0CaptureDecodes() throws {
        let candidates = ["/usr/bin/text2pcap", "/usr/local/bin/text2pcap"]
        guard let text2pcap = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            print("skipped: text2pcap is not installed (Debian package wireshark-common or tshark)")
            return
        }
        let dump = Self.temporary("t2p.txt")
        let pcap = Self.temporary("t2p.pcap")
        defer {
            try? FileManager.default.removeItem(atPath: dump)
            try? FileManager.default.removeItem(atPath: pcap)
        }
        try "0000 60 02 00 08 04 00 00 f0 00 00 20 e0 06 00 08 00 00 00 f0 90\n".write(
            toFile: dump, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: text2pcap)
        process.arguments = ["-q", "-l", "147", dump, pcap]
        try process.run()
        process.waitUntilExit()
        let run = try CLI.run(["decode", "--mode", "flit", "--output", "jsonl", pcap])
        #expect(run.status == 0)
        #expect(Self.records(run.stdout).first?["st"] as? Int == 0xF0)
    }
}
