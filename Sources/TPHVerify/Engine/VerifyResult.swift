/// What a verify run found: counts per capture, per tuple and per check (always exact) and the
/// findings themselves (the first ``Verifier/maxStoredFindings``).
public struct VerifyResult: Sendable {
    public struct CaptureSummary: Sendable {
        public var path: String
        /// Why the capture could not be used (missing, unreadable, wrong format): no verdict.
        public var error: String?
        public var records = 0
        public var decoded = 0
        public var malformed = 0
        /// Findings per check (by ``CheckID/index``; all severities but off).
        public var findings: [Int]
        /// Error-severity findings per check.
        public var errors: [Int]
        /// Per tuple index: TLPs matched, and error-severity findings.
        public var tupleMatched: [Int]
        public var tupleErrors: [Int]
    }

    public struct TupleSummary: Sendable {
        public var name: String
        public var matched = 0
        /// Matched TLPs with no error or warning finding.
        public var passed = 0
        /// TLPs that failed, per check (by ``CheckID/index``).
        public var failed: [Int]
    }

    public struct CheckSummary: Sendable {
        public var check: CheckID
        /// The check's name (`st-mismatch`, or a custom rule's).
        public var id: String { check.name }
        public var severity: Severity
        public var summary: String
        public var findings = 0
    }

    public var tuplesPath: String
    public var captures: [CaptureSummary] = []
    public var tuples: [TupleSummary]
    /// Built-in checks first, then custom rules, in a fixed order.
    public var checks: [CheckSummary]
    public var findings: [Finding] = []
    public var findingsOmitted = 0
    /// Records decoded in non-flit mode because neither the input nor `--mode` said.
    public var assumedModeRecords = 0

    public var records: Int { captures.reduce(0) { $0 + $1.records } }
    public var decoded: Int { captures.reduce(0) { $0 + $1.decoded } }
    public var malformed: Int { captures.reduce(0) { $0 + $1.malformed } }
    public var matched: Int { tuples.reduce(0) { $0 + $1.matched } }
    public var errorCount: Int { checks.filter { $0.severity == .error }.reduce(0) { $0 + $1.findings } }
    public var warningCount: Int { checks.filter { $0.severity == .warning }.reduce(0) { $0 + $1.findings } }

    /// Captures that could not be used, with the reason.
    public var unusableCaptures: [CaptureSummary] { captures.filter { $0.error != nil } }

    /// The verdict: `error` when a capture could not be used (nothing about it is known), else
    /// `fail` when an error-severity check fired, else `pass`.
    public enum Verdict: String, Sendable {
        case pass, fail, error
    }

    public var verdict: Verdict {
        if captures.contains(where: { $0.error != nil }) { return .error }
        return errorCount == 0 ? .pass : .fail
    }

    /// The run passes when every capture was read and no error-severity check fired.
    public var passed: Bool { verdict == .pass }

    public func check(_ id: String) -> CheckSummary? { checks.first { $0.id == id } }

    public func check(_ check: BuiltInCheck) -> CheckSummary { checks[check.ordinal] }

    /// Non-zero counts by check name, in name order (the reports' objects).
    public func named(_ counts: [Int]) -> [(name: String, count: Int)] {
        zip(checks, counts).filter { $0.1 > 0 }.map { ($0.0.id, $0.1) }.sorted { $0.name < $1.name }
    }
}
