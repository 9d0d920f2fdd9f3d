import PCIeTLP

/// The report for scripts: totals, per capture, per tuple, per check, and every finding (up to
/// ``Verifier/maxStoredFindings``; `findings_omitted` counts the rest).
public enum JSONReport {
    public static func render(_ result: VerifyResult) -> String {
        let totals: [RecordEntry] = [
            RecordEntry("records", .int(result.records)), RecordEntry("decoded", .int(result.decoded)),
            RecordEntry("malformed", .int(result.malformed)), RecordEntry("matched", .int(result.matched)),
            RecordEntry("errors", .int(result.errorCount)), RecordEntry("warnings", .int(result.warningCount)),
            RecordEntry("mode_assumed", .int(result.assumedModeRecords)),
        ]
        let captures: [RecordValue] = result.captures.map { capture in
            var entries = [RecordEntry("path", .string(capture.path))]
            if let error = capture.error { entries.append(RecordEntry("error", .string(error))) }
            entries += [
                RecordEntry("records", .int(capture.records)), RecordEntry("decoded", .int(capture.decoded)),
                RecordEntry("malformed", .int(capture.malformed)),
                RecordEntry("findings", counts(result.named(capture.findings))),
            ]
            return .object(entries)
        }
        let tuples: [RecordValue] = result.tuples.map { tuple in
            .object([
                RecordEntry("name", .string(tuple.name)), RecordEntry("matched", .int(tuple.matched)),
                RecordEntry("passed", .int(tuple.passed)), RecordEntry("failed", counts(result.named(tuple.failed))),
            ])
        }
        let checks: [RecordValue] = result.checks.map { check in
            .object([
                RecordEntry("id", .string(check.id)), RecordEntry("severity", .string(check.severity.rawValue)),
                RecordEntry("findings", .int(check.findings)),
            ])
        }
        let findings: [RecordValue] = result.findings.map(finding)
        var entries: [RecordEntry] = [RecordEntry("result", .string(result.verdict.rawValue))]
        let unusable = result.unusableCaptures
        if !unusable.isEmpty {
            let reasons = unusable.map { "\($0.path): \($0.error ?? "")" }.joined(separator: "; ")
            entries.append(RecordEntry("reason", .string("captures could not be used: " + reasons)))
        }
        entries += [
            RecordEntry("tuples_file", .string(result.tuplesPath)),
            RecordEntry("totals", .object(totals)), RecordEntry("captures", .array(captures)),
            RecordEntry("tuples", .array(tuples)), RecordEntry("checks", .array(checks)),
            RecordEntry("findings", .array(findings)), RecordEntry("findings_omitted", .int(result.findingsOmitted)),
        ]
        return JSONRecord.render(entries) + "\n"
    }

    static func finding(_ finding: Finding) -> RecordValue {
        var entries = [
            RecordEntry("check", .string(finding.check.name)),
            RecordEntry("severity", .string(finding.severity.rawValue)),
            RecordEntry("source", .string(finding.source)),
        ]
        if let record = finding.record { entries.append(RecordEntry("record", .int(record))) }
        if let tuple = finding.tuple { entries.append(RecordEntry("tuple", .string(tuple))) }
        if let slice = finding.slice, let address = finding.address {
            entries.append(RecordEntry("address", .string(Hex.prefixed(address))))
            entries.append(RecordEntry("dma_buf", .string(slice)))
        }
        entries.append(RecordEntry("expected", values(finding.expected)))
        entries.append(RecordEntry("actual", values(finding.actual)))
        return .object(entries)
    }

    static func values(_ values: [FindingValue]) -> RecordValue {
        .object(
            values.compactMap { item in
                switch item.value {
                case .int(let v): RecordEntry(item.key, .int(v))
                case .bool(let v): RecordEntry(item.key, .bool(v))
                case .string(let v): RecordEntry(item.key, .string(v))
                case .strings(let v): RecordEntry(item.key, .array(v.map { .string($0) }))
                case .ints(let v): RecordEntry(item.key, .array(v.map { .int($0) }))
                case .none: nil
                }
            })
    }

    static func counts(_ named: [(name: String, count: Int)]) -> RecordValue {
        .object(named.map { RecordEntry($0.name, .int($0.count)) })
    }
}
