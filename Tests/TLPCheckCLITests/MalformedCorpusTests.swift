import Foundation
import Testing

/// Fixtures/malformed/: each broken input ends in time, with its exit code and a message that
/// names the file and line or packet. And on every capture fixture, read = decoded + errors,
/// and verify passes nothing that held a malformed record.
@Suite struct MalformedCorpusTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        let arguments: [String]
        let exit: Int32
        let message: String
        var testDescription: String { file }
    }

    static let cases: [Case] = {
        guard let text = try? CLI.fixture("malformed/cases.txt") else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let parts = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 4, let exit = Int32(parts[2]) else { return nil }
            let path = "Fixtures/malformed/" + parts[0]
            let arguments = parts[1].split(separator: " ").map { $0 == "{}" ? path : String($0) }
            return Case(file: parts[0], arguments: arguments, exit: exit, message: parts[3])
        }
    }()

    @Test func everyFileHasACase() throws {
        let files = try FileManager.default.contentsOfDirectory(
            atPath: CLI.fixtures.appendingPathComponent("malformed").path)
        let named = Set(Self.cases.map(\.file))
        #expect(Set(files.filter { $0 != "cases.txt" }) == named)
        #expect(Self.cases.count >= 15)
    }

    @Test(arguments: cases)
    func malformedInputEndsWithItsExitCodeAndMessage(_ item: Case) throws {
        let started = Date()
        let run = try CLI.run(item.arguments)
        #expect(Date().timeIntervalSince(started) < 20, "took too long")
        #expect(run.status == item.exit, "\(run.stderr)")
        #expect(run.stderr.contains(item.message), "\(run.stderr)")
    }

    /// Every capture fixture: the counters add up, and a capture with a malformed record
    /// never verifies as a pass (unless a rules file re-grades `malformed`).
    @Test func countersAddUpAndMalformedNeverPasses() throws {
        let folders = ["seed", "logs", "pcap", "verify", "malformed"]
        var checked = 0
        for folder in folders {
            let directory = CLI.fixtures.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
                guard !name.contains(".expected."), !name.hasSuffix(".yaml"), name != "cases.txt",
                    !name.hasSuffix(".md")
                else { continue }
                let path = "Fixtures/\(folder)/\(name)"
                let mode = folder == "pcap" ? ["--mode", "flit"] : []
                let decode = try CLI.run(["decode", "--output", "jsonl"] + mode + [path])
                if decode.status == 2 { continue }  // unusable as a whole: no records
                let summary = try #require(
                    decode.stderr.split(separator: "\n").last { $0.hasPrefix("tlpcheck: read ") })
                let counts = summary.split(separator: ";")[0]
                let numbers = counts.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
                #expect(numbers.count == 3 && numbers[0] == numbers[1] + numbers[2], "\(path): \(summary)")
                let errors = numbers.count == 3 ? numbers[2] : 0
                let verify = try CLI.run(["verify"] + mode + [path, "--tuples", "Fixtures/seed/tuples.yaml"])
                if errors > 0 { #expect(verify.status != 0, "\(path) passed with \(errors) malformed records") }
                checked += 1
            }
        }
        #expect(checked >= 20)
    }
}
