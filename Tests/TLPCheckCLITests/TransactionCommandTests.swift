import Foundation
import Testing

/// Transactions end to end on synthetic captures: `synth --transactions` says what it made,
/// `stats` and `verify` must find it, `decode` names each completion's request.
@Suite struct TransactionCommandTests {
    /// `transactions: 48 split reads, 19 reads never answered (2 of them cut off by --count), 16 stray completions`
    static func made(_ stderr: String) -> (split: Int, missing: Int, stray: Int)? {
        guard let line = stderr.split(separator: "\n").first(where: { $0.hasPrefix("transactions: ") }) else {
            return nil
        }
        let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard numbers.count == 4 else { return nil }
        return (numbers[0], numbers[1], numbers[3])
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test(arguments: ["flit", "non-flit"])
    func statsAndVerifyFindWhatSynthMade(_ mode: String) throws {
        let capture = SynthCommandTests.temporary("tx.pcap")
        defer { try? FileManager.default.removeItem(atPath: capture) }
        let synth = try CLI.run([
            "synth", "-o", capture, "--count", "3000", "--mode", mode, "--transactions", "--seed", "9",
        ])
        #expect(synth.status == 0, "\(synth.stderr)")
        let made = try #require(Self.made(synth.stderr))
        #expect(made.split > 0 && made.missing > 0 && made.stray > 0)

        let stats = try CLI.run(["stats", "--mode", mode, "--output", "json", capture])
        #expect(stats.status == 0)
        let transactions = try #require(try Self.json(stats.stdout)["transactions"] as? [String: Any])
        #expect(transactions["unanswered"] as? Int == made.missing)
        #expect(transactions["completions_without_request"] as? Int == made.stray)
        #expect(transactions["byte_count_mismatches"] as? Int == 0)
        #expect(transactions["lower_address_mismatches"] as? Int == 0)
        #expect(transactions["tags_reused"] as? Int == 0)
        let group = try #require((transactions["groups"] as? [[String: Any]])?.first)
        let latency = try #require(group["latency_ns"] as? [String: Int])
        #expect((latency["min"] ?? 0) >= 2000 && (latency["max"] ?? 0) <= 7000)

        let text = try CLI.run(["stats", "--mode", mode, capture])
        #expect(text.stdout.contains("transactions (completion latency)"))
        #expect(text.stdout.contains("requests never completed"))

        let verify = try CLI.run([
            "verify", "--mode", mode, capture, "--tuples", "Fixtures/seed/tuples.yaml", "--report", "json",
        ])
        #expect(verify.status == 0, "warnings by default")
        let checks = try #require(try Self.json(verify.stdout)["checks"] as? [[String: Any]])
        let findings = Dictionary(
            uniqueKeysWithValues: checks.map { ($0["id"] as? String ?? "", $0["findings"] as? Int ?? -1) })
        #expect(findings["completion-timeout"] == made.missing)
        #expect(findings["unexpected-completion"] == made.stray)
    }

    @Test func aRulesFilePromotesTheTransactionChecks() throws {
        let capture = SynthCommandTests.temporary("tx.pcap")
        let rules = SynthCommandTests.temporary("rules.yaml")
        defer {
            try? FileManager.default.removeItem(atPath: capture)
            try? FileManager.default.removeItem(atPath: rules)
        }
        _ = try CLI.run(["synth", "-o", capture, "--count", "500", "--transactions"])
        try "checks:\n  completion-timeout: error\n".write(toFile: rules, atomically: true, encoding: .utf8)
        let run = try CLI.run([
            "verify", "--mode", "flit", capture, "--tuples", "Fixtures/seed/tuples.yaml", "--rules", rules,
        ])
        #expect(run.status == 1)
        let short = try CLI.run([
            "verify", "--mode", "flit", capture, "--tuples", "Fixtures/seed/tuples.yaml", "--completion-timeout", "1ns",
            "--report", "json",
        ])
        #expect(short.stdout.contains("none within 1 ns"))
    }

    @Test func decodeNamesEachCompletionsRequest() throws {
        let capture = SynthCommandTests.temporary("tx.pcap")
        defer { try? FileManager.default.removeItem(atPath: capture) }
        _ = try CLI.run(["synth", "-o", capture, "--count", "200", "--transactions", "--seed", "5"])
        let run = try CLI.run(["decode", "--mode", "flit", "--output", "jsonl", capture])
        let records = try run.stdout.split(separator: "\n").map { try Self.json(String($0)) }
        let paired = records.filter { $0["request"] != nil }
        #expect(!paired.isEmpty)
        for completion in paired {
            let request = try #require(completion["request"] as? Int)
            let asked = try #require(records.first { $0["record"] as? Int == request })
            #expect((asked["type"] as? String)?.hasPrefix("MRd") == true)
            #expect(asked["tag"] as? Int == completion["tag"] as? Int)
            #expect((completion["latency_ns"] as? Int ?? 0) > 0)
        }
    }
}
