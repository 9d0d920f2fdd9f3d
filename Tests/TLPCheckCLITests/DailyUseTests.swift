import Foundation
import Testing

/// Everyday selection: `--filter`, `-c/--count`.
@Suite struct DailyUseTests {
    /// A 200-TLP synthetic flit capture, made once.
    static let capture: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tlpcheck-daily-\(UUID().uuidString).pcap"
        ).path
        _ = try? CLI.run(["synth", "-o", path, "--count", "200", "--seed", "3"])
        return path
    }()

    static func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    @Test func filterOnDecodeKeepsOnlyMatchingRecords() throws {
        let all = try CLI.run(["decode", "--output", "jsonl", Self.capture])
        #expect(all.status == 0, "\(all.stderr)")
        let writes = try CLI.run(["decode", "--output", "jsonl", "--filter", "type ~ MWr && tph", Self.capture])
        #expect(writes.status == 0)
        let kept = Self.lines(writes.stdout)
        #expect(!kept.isEmpty && kept.count < Self.lines(all.stdout).count)
        #expect(kept.allSatisfy { $0.contains("\"type\":\"MWr") && $0.contains("\"tph\":true") })
        let none = try CLI.run(["decode", "--output", "csv", "--filter", "type == CfgWr1", Self.capture])
        #expect(Self.lines(none.stdout).count == 1)  // the header only
    }

    @Test func filterOnStatsConvertAndVerify() throws {
        let stats = try CLI.run(["stats", "--output", "json", "--filter", "type == mem_read", Self.capture])
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(!stats.stdout.contains("\"MWr64\""))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("daily-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let convert = try CLI.run(["convert", Self.capture, "-o", out, "--to", "hex", "--filter", "type == mem_read"])
        #expect(convert.status == 0, "\(convert.stderr)")
        let verify = try CLI.run([
            "verify", Self.capture, "--tuples", "Fixtures/seed/tuples.yaml", "--report", "json", "--filter",
            "type == Cpl",
        ])
        let unfiltered = try CLI.run([
            "verify", Self.capture, "--tuples", "Fixtures/seed/tuples.yaml", "--report", "json",
        ])
        // Only the TLPs the filter accepts are checked.
        #expect(verify.stdout.contains("\"totals\":{\"records\":"), "\(verify.stderr)")
        #expect(!unfiltered.stdout.contains("\"totals\":{\"records\":0,"))
        #expect(verify.stdout != unfiltered.stdout)
    }

    @Test func badFilterShowsTheColumnAndExits2() throws {
        for command in ["decode", "stats", "verify"] {
            var arguments = [command, "--filter", "type == && tph", Self.capture]
            if command == "verify" { arguments += ["--tuples", "Fixtures/seed/tuples.yaml"] }
            let run = try CLI.run(arguments)
            #expect(run.status == 2, "\(command)")
            #expect(run.stderr.contains("column 9: expected a value\n  type == && tph\n          ^"), "\(run.stderr)")
        }
    }

    @Test func countStopsReading() throws {
        let run = try CLI.run(["decode", "--output", "jsonl", "-c", "5", Self.capture])
        #expect(run.status == 0)
        #expect(Self.lines(run.stdout).count == 5)
        #expect(run.stderr.contains("read 5 records"), "\(run.stderr)")
        let filtered = try CLI.run(["decode", "--output", "jsonl", "--count", "3", "--filter", "tph", Self.capture])
        #expect(Self.lines(filtered.stdout).count == 3)
        #expect(Self.lines(filtered.stdout).allSatisfy { $0.contains("\"tph\":true") })
        let verify = try CLI.run([
            "verify", "-c", "1", Fixtures.seed, "--tuples", "Fixtures/seed/tuples.yaml",
        ])
        #expect(verify.stderr.contains("read 1 record"), "\(verify.stderr)")
        let bad = try CLI.run(["decode", "-c", "0", Self.capture])
        #expect(bad.status != 0)
    }
}

enum Fixtures {
    static let seed = "Fixtures/seed/seed.analyzer.txt"
}
