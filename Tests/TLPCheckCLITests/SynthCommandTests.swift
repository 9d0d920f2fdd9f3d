import Foundation
import Testing

/// `synth` makes traffic whose violations verify must find, one for one.
@Suite struct SynthCommandTests {
    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tlpcheck-\(UUID().uuidString)-\(name)").path
    }

    /// `injected st-mismatch=3 ph-mismatch=1 ...` from synth's standard error.
    static func injected(_ stderr: String) -> [String: Int] {
        guard let line = stderr.split(separator: "\n").first(where: { $0.hasPrefix("injected ") }) else { return [:] }
        var out: [String: Int] = [:]
        for pair in line.dropFirst("injected ".count).split(separator: " ") {
            let parts = pair.split(separator: "=")
            if parts.count == 2 { out[String(parts[0])] = Int(parts[1]) }
        }
        return out
    }

    /// synth's pcapng states the mode it synthesised in the interface block, so decode needs
    /// no --mode.
    @Test(arguments: ["flit", "non-flit"])
    func pcapngRecordsTheMode(_ mode: String) throws {
        let capture = Self.temporary("synth.pcapng")
        defer { try? FileManager.default.removeItem(atPath: capture) }
        #expect(try CLI.run(["synth", "-o", capture, "--count", "50", "--mode", mode, "-T", "pcapng"]).status == 0)
        let decode = try CLI.run(["decode", capture, "--output", "jsonl"])
        #expect(decode.status == 0, "\(decode.stderr)")
        #expect(!decode.stderr.contains("assumed"), "\(decode.stderr)")
        #expect(decode.stdout.contains("\"mode\":\"\(mode)\""))
    }

    @Test(arguments: ["flit", "non-flit"])
    func verifyFindsExactlyWhatSynthInjected(_ mode: String) throws {
        let capture = Self.temporary("synth.pcap")
        defer { try? FileManager.default.removeItem(atPath: capture) }
        let synth = try CLI.run([
            "synth", "-o", capture, "--count", "5000", "--mode", mode, "--tuples", "Fixtures/verify/tuples.yaml",
            "--mismatch-rate", "0.1", "--seed", "7",
        ])
        #expect(synth.status == 0, "\(synth.stderr)")
        let injected = Self.injected(synth.stderr)
        #expect(injected.values.reduce(0, +) > 300)
        let verify = try CLI.run([
            "verify", "--mode", mode, capture, "--tuples", "Fixtures/verify/tuples.yaml", "--report", "json",
        ])
        #expect(verify.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any])
        let checks = try #require(report["checks"] as? [[String: Any]])
        var found: [String: Int] = [:]
        for check in checks { found[check["id"] as? String ?? ""] = check["findings"] as? Int }
        for (check, count) in injected {
            #expect(found[check] == count, "\(check): injected \(count), verify found \(found[check] ?? -1)")
        }
        for check in ["unpublished-tph", "reserved-hv", "malformed", "tuple-not-exercised"] {
            #expect(found[check] == 0, "\(check)")
        }
        let totals = report["totals"] as? [String: Any]
        #expect(totals?["records"] as? Int == 5000)
    }

    @Test func cleanTrafficPasses() throws {
        let capture = Self.temporary("clean.pcap")
        defer { try? FileManager.default.removeItem(atPath: capture) }
        #expect(
            try CLI.run(["synth", "-o", capture, "--count", "2000", "--tuples", "Fixtures/verify/tuples.yaml"]).status
                == 0)
        let verify = try CLI.run(["verify", "--mode", "flit", capture, "--tuples", "Fixtures/verify/tuples.yaml"])
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    @Test func theSameSeedGivesTheSameBytes() throws {
        let a = Self.temporary("a.pcap")
        let b = Self.temporary("b.pcap")
        let c = Self.temporary("c.pcap")
        defer { for path in [a, b, c] { try? FileManager.default.removeItem(atPath: path) } }
        for (path, seed) in [(a, "3"), (b, "3"), (c, "4")] {
            _ = try CLI.run([
                "synth", "-o", path, "--count", "500", "--payload", "full", "--mismatch-rate", "0.2", "--seed", seed,
            ])
        }
        let first = try Data(contentsOf: URL(fileURLWithPath: a))
        #expect(first == (try Data(contentsOf: URL(fileURLWithPath: b))))
        #expect(first != (try Data(contentsOf: URL(fileURLWithPath: c))))
    }

    @Test func textOutputsReadBack() throws {
        let dump = Self.temporary("s.txt")
        defer { try? FileManager.default.removeItem(atPath: dump) }
        #expect(
            try CLI.run([
                "synth", "-o", dump, "-T", "analyzer", "--count", "200", "--mode", "non-flit", "--payload", "full",
            ]).status == 0)
        let decode = try CLI.run(["decode", "--output", "jsonl", dump])
        #expect(decode.status == 0)
        #expect(
            decode.stderr == "tlpcheck: read 200 records: 200 decoded, 0 errors; 199 other lines skipped (199 blank)\n")
        #expect(!decode.stdout.contains("warnings"))
    }
}
