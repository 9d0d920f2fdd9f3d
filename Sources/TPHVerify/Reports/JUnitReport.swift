/// The report for CI: one testsuite per capture, with a testcase per tuple and per check; a
/// testcase fails when error-severity findings of its tuple or check came from that capture,
/// and its failure carries the first of them. Warnings go to `system-out`. A capture that could
/// not be used is a testsuite with one `<error>`. Run-level checks (`no-tlp-matched`,
/// `tuple-not-exercised`) go to a last testsuite named after the tuple file.
public enum JUnitReport {
    public static let findingsPerFailure = 10

    public static func render(_ result: VerifyResult) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        var suites: [String] = []
        var totalTests = 0
        var totalFailures = 0
        var totalErrors = 0
        // Stored findings grouped once, by capture and tuple and by capture and check.
        var byTuple: [Int: [String: [Finding]]] = [:]
        var byCheck: [Int: [CheckID: [Finding]]] = [:]
        for finding in result.findings {
            guard let capture = finding.capture else { continue }
            if let tuple = finding.tuple { byTuple[capture, default: [:]][tuple, default: []].append(finding) }
            byCheck[capture, default: [:]][finding.check, default: []].append(finding)
        }
        for (index, capture) in result.captures.enumerated() {
            if let error = capture.error {
                let text =
                    "    <testcase name=\"read \(escape(capture.path))\" classname=\"captures\">\n"
                    + "      <error message=\"\(escape(error))\" type=\"unusable-input\">\(escape(error))</error>\n"
                    + "    </testcase>\n"
                totalTests += 1
                totalErrors += 1
                suites.append(suite(capture.path, tests: 1, failures: 0, errors: 1, [text]))
                continue
            }
            var cases: [String] = []
            var failures = 0
            for (tupleIndex, tuple) in result.tuples.enumerated() {
                let errors = capture.tupleErrors[tupleIndex]
                let mine = (byTuple[index]?[tuple.name] ?? []).filter { $0.severity == .error }
                if errors > 0 { failures += 1 }
                cases.append(
                    testcase(
                        "tuple \(tuple.name)", className: "tuples", errors: errors, findings: mine,
                        output: "\(capture.tupleMatched[tupleIndex]) TLPs matched"))
            }
            for check in result.checks where !runLevel.contains(check.check) {
                let errors = capture.errors[check.check.index]
                let all = byCheck[index]?[check.check] ?? []
                if errors > 0 { failures += 1 }
                let warnings = all.filter { $0.severity == .warning }.map { "\($0.source): \($0.summary)" }
                cases.append(
                    testcase(
                        "check \(check.id)", className: "checks", errors: errors,
                        findings: all.filter { $0.severity == .error },
                        output: "severity \(check.severity.rawValue); \(capture.findings[check.check.index]) findings"
                            + (warnings.isEmpty
                                ? "" : "\n" + warnings.prefix(findingsPerFailure).joined(separator: "\n"))))
            }
            totalTests += cases.count
            totalFailures += failures
            suites.append(suite(capture.path, tests: cases.count, failures: failures, errors: 0, cases))
        }
        // From the tuple counts, not the stored findings, which may have stopped at the cap.
        var runCases: [String] = []
        var runFailures = 0
        if let check = result.check(BuiltInCheck.noTLPMatched.rawValue), check.severity != .off, check.findings > 0 {
            let failing = check.severity == .error
            if failing { runFailures += 1 }
            let finding = result.findings.first { $0.check == check.check }
            runCases.append(
                testcase(
                    "no-tlp-matched", className: "checks", errors: failing ? 1 : 0,
                    findings: finding.map { [$0] } ?? [],
                    output: "severity \(check.severity.rawValue): no TLP fell in any published range"))
        }
        let unexercised = result.tuples.filter { $0.matched == 0 }
        if let check = result.check(BuiltInCheck.tupleNotExercised.rawValue), check.severity != .off {
            let failing = check.severity == .error
            if failing { runFailures += unexercised.count }
            runCases += unexercised.map { tuple in
                let finding = result.findings.first {
                    $0.check == BuiltInCheck.tupleNotExercised && $0.tuple == tuple.name
                }
                return testcase(
                    "tuple-not-exercised \(tuple.name)", className: "tuples", errors: failing ? 1 : 0,
                    findings: finding.map { [$0] } ?? [],
                    output: "severity \(check.severity.rawValue): no TLP matched tuple \(tuple.name)")
            }
        }
        if !runCases.isEmpty {
            totalTests += runCases.count
            totalFailures += runFailures
            suites.append(suite(result.tuplesPath, tests: runCases.count, failures: runFailures, errors: 0, runCases))
        }
        out += "<testsuites name=\"tlpcheck verify\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\""
        out += totalErrors > 0 ? " errors=\"\(totalErrors)\">\n" : ">\n"
        out += suites.joined()
        out += "</testsuites>\n"
        return out
    }

    /// Checks about the whole run, not one capture.
    static let runLevel: Set<CheckID> = [CheckID(.tupleNotExercised), CheckID(.noTLPMatched)]

    static func suite(_ name: String, tests: Int, failures: Int, errors: Int, _ cases: [String]) -> String {
        "  <testsuite name=\"\(escape(name))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\">\n"
            + cases.joined() + "  </testsuite>\n"
    }

    static func testcase(_ name: String, className: String, errors: Int, findings: [Finding], output: String) -> String
    {
        var out = "    <testcase name=\"\(escape(name))\" classname=\"\(className)\">\n"
        if errors > 0 {
            var lines = findings.prefix(findingsPerFailure).map { "\($0.source): \($0.check): \($0.summary)" }
            if errors > lines.count {
                lines.append("... and \(errors - lines.count) more (the JSON report lists them)")
            }
            out +=
                "      <failure message=\"\(errors) error findings\" type=\"\(escape(findings.first?.check.name ?? "error"))\">"
            out += escape(lines.joined(separator: "\n")) + "</failure>\n"
        }
        out += "      <system-out>\(escape(output))</system-out>\n"
        return out + "    </testcase>\n"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case let c where c.value < 0x20: out += "?"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
