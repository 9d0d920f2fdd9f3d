import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `tlpcheck verify` end to end: the seed passes; the scenario fires every check exactly once.
@Suite struct VerifyCommandTests {
    static let scenario = ["verify", "Fixtures/verify/scenario.hex", "--tuples", "Fixtures/verify/tuples.yaml"]

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func seedCapturePassesAgainstItsPublishedTuple() throws {
        let run = try CLI.run(["verify", "Fixtures/seed/seed.analyzer.txt", "--tuples", "Fixtures/seed/tuples.yaml"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("PASS: 1 TLP in the ranges of 1 published tuple; 0 errors, 0 warnings"))
        #expect(run.stdout.contains("gpu-buf-0        1       1"))
    }

    @Test func everyCheckFiresExactlyOnItsLine() throws {
        let run = try CLI.run(Self.scenario + ["--report", "json"])
        #expect(run.status == 1)
        let report = try Self.json(run.stdout)
        let findings = try #require(report["findings"] as? [[String: Any]])
        let where_: [String: String] = Dictionary(
            uniqueKeysWithValues: findings.map { ($0["check"] as? String ?? "", $0["source"] as? String ?? "") })
        #expect(findings.count == 11)
        #expect(
            where_ == [
                "st-mismatch": "Fixtures/verify/scenario.hex:7", "ph-mismatch": "Fixtures/verify/scenario.hex:9",
                "missing-tph": "Fixtures/verify/scenario.hex:11",
                "namespace-not-published": "Fixtures/verify/scenario.hex:13",
                "unexpected-requester": "Fixtures/verify/scenario.hex:15",
                "reserved-hv": "Fixtures/verify/scenario.hex:17", "unpublished-tph": "Fixtures/verify/scenario.hex:19",
                "malformed": "Fixtures/verify/scenario.hex:21",
                "tuple-not-exercised": "Fixtures/verify/tuples.yaml#buf-d",
                "unexpected-completion": "Fixtures/verify/scenario.hex:23",
                "completion-timeout": "Fixtures/verify/scenario.hex#14",
            ])
        let st = try #require(findings.first { $0["check"] as? String == "st-mismatch" })
        #expect(st["tuple"] as? String == "buf-a")
        #expect(st["severity"] as? String == "error")
        #expect((st["expected"] as? [String: Any])?["st"] as? Int == 0xF0)
        #expect((st["actual"] as? [String: Any])?["st"] as? Int == 0xF1)
        let tuples = try #require(report["tuples"] as? [[String: Any]])
        #expect(tuples.map { $0["matched"] as? Int } == [6, 2, 2, 0])
        #expect(tuples.map { $0["passed"] as? Int } == [1, 2, 2, 0])
    }

    @Test func jsonTotalsMatchTheTextReport() throws {
        let text = try CLI.run(Self.scenario).stdout
        let totals = try #require(
            try Self.json(try CLI.run(Self.scenario + ["--report", "json"]).stdout)["totals"] as? [String: Any])
        let first = try #require(text.split(separator: "\n").first)
        let line =
            "FAIL: \(totals["matched"] as? Int ?? -1) TLPs in the ranges of 4 published tuples; "
            + "\(totals["errors"] as? Int ?? -1) errors, \(totals["warnings"] as? Int ?? -1) warnings "
            + "(\(totals["records"] as? Int ?? -1) records, \(totals["malformed"] as? Int ?? -1) malformed)"
        #expect(String(first) == line)
        #expect(totals["errors"] as? Int == 6 && totals["warnings"] as? Int == 5)
    }

    @Test func junitParsesAndItsCountsMatchTheFindings() throws {
        let run = try CLI.run(Self.scenario + ["--report", "junit"])
        #expect(run.status == 1)
        let document = try XMLDocument(data: Data(run.stdout.utf8))
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        let suites = root.elements(forName: "testsuite")
        #expect(
            suites.map { $0.attribute(forName: "name")?.stringValue } == [
                "Fixtures/verify/scenario.hex", "Fixtures/verify/tuples.yaml",
            ])
        let capture = suites[0]
        let cases = capture.elements(forName: "testcase")
        // 4 tuples + 10 checks (tuple-not-exercised is in its own suite).
        #expect(cases.count == 14)
        #expect(capture.attribute(forName: "tests")?.stringValue == "14")
        let failed = cases.filter { !$0.elements(forName: "failure").isEmpty }.compactMap {
            $0.attribute(forName: "name")?.stringValue
        }
        // Error findings: 5 tuple checks on buf-a, and malformed.
        #expect(
            Set(failed) == [
                "tuple buf-a", "check st-mismatch", "check ph-mismatch", "check missing-tph",
                "check namespace-not-published", "check unexpected-requester", "check malformed",
            ])
        #expect(capture.attribute(forName: "failures")?.stringValue == "7")
        let failure = try #require(
            cases.first { $0.attribute(forName: "name")?.stringValue == "check st-mismatch" }?.elements(
                forName: "failure"
            ).first)
        #expect(failure.stringValue?.contains("Fixtures/verify/scenario.hex:7: st-mismatch") == true)
        // tuple-not-exercised is a warning: listed, not failed.
        #expect(suites[1].attribute(forName: "failures")?.stringValue == "0")
        #expect(suites[1].elements(forName: "testcase").count == 1)
        #expect(root.attribute(forName: "failures")?.stringValue == "7")
    }

    @Test func reportFileGetsTheReportAndStdoutTheSummary() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tlpcheck-\(UUID().uuidString)-report.xml"
        ).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try CLI.run(Self.scenario + ["--report", "junit", "--report-file", path])
        #expect(run.status == 1)
        #expect(
            run.stdout
                == "FAIL: 10 TLPs in the ranges of 4 published tuples; 6 errors, 5 warnings (14 records, 1 malformed)\n"
        )
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("<?xml"))
    }

    @Test func rulesFileRegradesToAPass() throws {
        let rules = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tlpcheck-\(UUID().uuidString)-rules.yaml"
        ).path
        defer { try? FileManager.default.removeItem(atPath: rules) }
        try """
        checks:
          st-mismatch: warning
          ph-mismatch: warning
          missing-tph: warning
          namespace-not-published: off
          unexpected-requester: warning
          malformed: warning
        """.write(toFile: rules, atomically: true, encoding: .utf8)
        let run = try CLI.run(Self.scenario + ["--rules", rules])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("PASS: 10 TLPs in the ranges of 4 published tuples; 0 errors, 10 warnings"))
    }

    @Test(arguments: [
        ("ph: 2", "ph: 9", "ph 9 is not a processing hint"),
        (
            "flags: [st]", "flags: [st, st_ext]\n    steering_tag_ext: 0x1f0",
            "st_ext needs an extended TPH completer; completer_tph is tph-only"
        ),
        ("flags: [st]", "flags: [st, steer]", "unknown flag 'steer'"),
    ])
    func kernelRefusedTupleFilesExitTwo(_ original: String, _ broken: String, _ message: String) throws {
        let text = try CLI.fixture("seed/tuples.yaml").replacingOccurrences(of: original, with: broken)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tlpcheck-\(UUID().uuidString)-bad.yaml"
        ).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try CLI.run(["verify", "Fixtures/seed/seed.analyzer.txt", "--tuples", path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("tuple 'gpu-buf-0': \(message)"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func missingTupleFileAndUnreadableCaptureExitTwo() throws {
        let noTuples = try CLI.run(["verify", "Fixtures/seed/seed.analyzer.txt", "--tuples", "/nonexistent.yaml"])
        #expect(noTuples.status == 2)
        #expect(noTuples.stderr.contains("/nonexistent.yaml: cannot read the file"))
        let noCapture = try CLI.run(["verify", "/nonexistent.pcap", "--tuples", "Fixtures/seed/tuples.yaml"])
        #expect(noCapture.status == 2)
    }
}
