/// The report for people: a verdict, a table per tuple (matched, passed, failed by check), the
/// checks with their findings, then the first violations with their TLP rendered.
public enum TextReport {
    public static let shownViolations = Verifier.renderedFindings

    public static func render(_ result: VerifyResult) -> String {
        var out = summaryLine(result) + "\n"
        if result.assumedModeRecords > 0 { out += "Note: " + assumedModeNote(result) + "\n" }
        out += "\n"
        let firing = result.checks.filter { check in result.tuples.contains { $0.failed[check.check.index] > 0 } }
        var header = ["tuple", "matched", "passed"] + firing.map(\.id)
        var rows = result.tuples.map { tuple in
            [tuple.name, String(tuple.matched), String(tuple.passed)]
                + firing.map { String(tuple.failed[$0.check.index]) }
        }
        out += table(header, rows) + "\n"
        header = ["check", "severity", "findings"]
        rows = result.checks.map { [$0.id, $0.severity.rawValue, String($0.findings)] }
        out += table(header, rows) + "\n"
        let violations = result.findings.prefix(shownViolations)
        if !violations.isEmpty {
            let total = result.errorCount + result.warningCount
            let rest = violations.count < total ? " (the JSON report, --format json, lists more)" : ""
            out += "First \(violations.count) of \(total) findings\(rest):\n"
            for finding in violations {
                let tuple = finding.tuple.map { " tuple \($0):" } ?? ""
                out +=
                    "\n\(finding.source): \(finding.severity.rawValue): \(finding.check):\(tuple) \(finding.summary)\n"
                for line in finding.rendering ?? [] { out += "    \(line)\n" }
            }
        }
        return out
    }

    /// `PASS: 1 TLP in the ranges of 1 published tuple; 0 errors, 0 warnings (1 record, 0 malformed)`
    /// `ERROR: 1 of 2 captures could not be used (no verdict): x.pcap: cannot open: ...` when a
    /// capture could not be used.
    public static func summaryLine(_ result: VerifyResult) -> String {
        let unusable = result.unusableCaptures
        if !unusable.isEmpty {
            let reasons = unusable.map { "\($0.path): \($0.error ?? "")" }.joined(separator: "; ")
            return "ERROR: \(unusable.count) of \(count(result.captures.count, "capture")) could not be used, "
                + "so there is no verdict: \(reasons)"
        }
        let verdict = result.passed ? "PASS" : "FAIL"
        let tuples = result.tuples.count == 1 ? "1 published tuple" : "\(result.tuples.count) published tuples"
        return "\(verdict): \(count(result.matched, "TLP")) in the ranges of \(tuples); "
            + "\(count(result.errorCount, "error")), \(count(result.warningCount, "warning")) "
            + "(\(count(result.records, "record")), \(result.malformed) malformed)"
    }

    /// Said whenever a record's mode had to be assumed: a flit capture decoded as non-flit
    /// fails for reasons that have nothing to do with its TPH.
    public static func assumedModeNote(_ result: VerifyResult) -> String {
        "\(count(result.assumedModeRecords, "record")) decoded in non-flit mode, assumed: the input does not say "
            + "which mode the link used; pass --mode flit for a flit-mode link"
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// Columns aligned; numbers right-aligned, text left-aligned.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 || Int(cell) == nil ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        return all.map(line).joined(separator: "\n") + "\n"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
