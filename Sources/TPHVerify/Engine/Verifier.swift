import PCIeTLP
import TLPCapture

/// Runs every check over a stream of decoded records.
///
/// Per TLP: memory requests are looked up by address in the published ranges (binary search);
/// one in a tuple's range goes through the tuple checks; one with TPH outside every range is
/// `unpublished-tph`. Every TLP goes through `reserved-hv` and the custom rules; every record
/// that did not decode is `malformed`. `tuple-not-exercised` is decided at the end, over all
/// captures.
public struct Verifier {
    /// Findings kept in memory for reports; counts beyond it stay exact.
    public static let maxStoredFindings = 20_000
    /// Findings that keep the analyzer rendering of their TLP (for the text report).
    public static let renderedFindings = 20

    public let tuples: TupleSet
    public let rules: RuleSet
    private let map: AddressMap
    /// Built-in checks, then the custom rules: the run's check table.
    private let checkCount: Int
    /// Checks (by index in `result.checks`) that failed the current TLP's tuple: a bit mask for
    /// the first 64, a list for custom rules past them.
    private var failedMask: UInt64 = 0
    private var failedOverflow: [Int] = []
    /// Built-in severities by ``BuiltInCheck/ordinal``, looked up without hashing per TLP.
    private let severities: [Severity]
    /// Everything but the hot counters below, which are kept flat and folded in by `result`.
    private var stored: VerifyResult
    /// The capture being read, kept apart from the array so counting does not copy it.
    private var current: VerifyResult.CaptureSummary?
    private var tupleMatched: [Int]
    private var tuplePassed: [Int]
    /// The custom rules by the fields they match on, and a reused list of the candidates.
    private let ruleIndex: RuleIndex
    /// Each tuple's published values as the checks read them, by tuple index.
    private let expectations: [TupleExpectation]
    private var ruleCandidates: [Int] = []

    /// The result so far (complete after ``finish()``).
    public var result: VerifyResult {
        var out = stored
        if let current { out.captures.append(current) }
        // Written only where they differ: after ``finish()`` wrote them in place, the result
        // shares the per-tuple summaries instead of copying 10,000 of them.
        for index in out.tuples.indices {
            if out.tuples[index].matched != tupleMatched[index] { out.tuples[index].matched = tupleMatched[index] }
            if out.tuples[index].passed != tuplePassed[index] { out.tuples[index].passed = tuplePassed[index] }
        }
        return out
    }

    /// Requests paired with their completions, per capture.
    private var tracker: TransactionTracker
    private var trackingTransactions: Bool
    /// Transaction counts over the run (complete after ``finish()``).
    public var transactions: TransactionStats { tracker.stats }

    public init(
        tuples: TupleSet, rules: RuleSet = RuleSet(),
        transactions: TransactionTracker.Configuration = TransactionTracker.Configuration()
    ) {
        self.tuples = tuples
        tracker = TransactionTracker(transactions)
        trackingTransactions =
            rules.severity(.unexpectedCompletion) != .off || rules.severity(.completionTimeout) != .off
        self.rules = rules
        map = AddressMap(tuples)
        expectations = tuples.tuples.map(TupleExpectation.init)
        ruleIndex = RuleIndex(rules.rules)
        severities = BuiltInCheck.allCases.map { rules.severity($0) }
        var checks = BuiltInCheck.allCases.map {
            VerifyResult.CheckSummary(check: CheckID($0), severity: rules.severity($0), summary: $0.summary)
        }
        let builtIn = checks.count
        checks += rules.rules.enumerated().map { index, rule in
            VerifyResult.CheckSummary(
                check: CheckID(index: builtIn + index, name: rule.name), severity: rule.severity, summary: "custom rule"
            )
        }
        checkCount = checks.count
        let zeros = Array(repeating: 0, count: checks.count)
        stored = VerifyResult(
            tuplesPath: tuples.path,
            tuples: tuples.tuples.map { VerifyResult.TupleSummary(name: $0.name, failed: zeros) }, checks: checks)
        tupleMatched = Array(repeating: 0, count: tuples.tuples.count)
        tuplePassed = tupleMatched
    }

    public mutating func beginCapture(_ path: String) {
        endTransactions()
        if let current { stored.captures.append(current) }
        current = VerifyResult.CaptureSummary(
            path: path, findings: Array(repeating: 0, count: checkCount),
            errors: Array(repeating: 0, count: checkCount),
            tupleMatched: Array(repeating: 0, count: tuples.tuples.count),
            tupleErrors: Array(repeating: 0, count: tuples.tuples.count))
    }

    /// A capture that could not be used (missing, unreadable, no TLP in it as read): the run
    /// has no verdict but `error`.
    public mutating func captureUnusable(_ path: String, reason: String) {
        if current?.path != path { beginCapture(path) }
        current?.error = reason
    }

    /// Index of the current capture, opening one named `-` if none was begun.
    private mutating func captureIndex() -> Int {
        if current == nil { beginCapture("-") }
        return stored.captures.count
    }

    /// Checks one decoded record of the current capture (a convenience for callers that hold
    /// ``DecodedRecord``s; the hot path is ``add(bytes:mode:record:source:)``).
    public mutating func add(_ decoded: DecodedRecord, origin: TLPRecord.Origin) {
        switch decoded {
        case .error(let error):
            addMalformed(error, record: origin.record, source: origin.source)
        case .tlp(let tlp, _):
            tlp.bytes.withUnsafeBytes {
                _ = add(bytes: $0, mode: tlp.mode, record: origin.record, source: origin.source)
            }
        }
    }

    /// Checks one record given as its wire bytes; returns why it does not decode when it does
    /// not (it is then `malformed`). `source` is only built for findings.
    @discardableResult
    public mutating func add(
        bytes: UnsafeRawBufferPointer, mode: LinkMode, modeAssumed: Bool = false, record: Int,
        timeNS: UInt64? = nil, source: @autoclosure () -> String
    ) -> RecordError? {
        let capture = captureIndex()
        if modeAssumed { stored.assumedModeRecords += 1 }
        let tlp: TLPView
        do {
            tlp = try TLPView(bytes, mode: mode)
        } catch {
            let failure = RecordError(error)
            addMalformed(failure, record: record, source: source())
            return failure
        }
        current?.records += 1
        current?.decoded += 1
        failedMask = 0
        if !failedOverflow.isEmpty { failedOverflow.removeAll(keepingCapacity: true) }
        let tph = tlp.tph
        let at = Location(record: record, capture: capture)
        if let word = tlp.ohcB, TPH.hv(ohcB: word) == 2 {
            report(
                .reservedHV, at, source, nil, [FindingValue("hv", .ints([1, 3]))], [FindingValue("hv", .int(2))],
                tlp)
        }
        if trackingTransactions { pair(tlp, at, source, timeNS: timeNS) }
        var tupleIndex: Int?
        if tlp.info.kind.isMemoryRequest, let address = tlp.address {
            tupleIndex = map.tuple(for: address)
            if let index = tupleIndex {
                tupleMatched[index] += 1
                current?.tupleMatched[index] += 1
                // Read in place: a copy of the expectation would retain its requesters.
                let failures = expectations.withUnsafeBufferPointer { runTupleChecks(tlp, tph: tph, tuple: $0[index]) }
                for failure in failures {
                    report(failure.check, at, source, index, failure.expected, failure.actual, tlp)
                }
            } else if let tph {
                report(
                    .unpublishedTPH, at, source, nil, [FindingValue("address", .string("in a published range"))],
                    [
                        FindingValue("address", .string(Hex.prefixed(address))),
                        FindingValue("st", .int(Int(tph.st))), FindingValue("st_width", .int(tph.width)),
                    ], tlp)
            }
        }
        if !ruleIndex.isEmpty {
            ruleIndex.candidates(tlp, into: &ruleCandidates)
            for candidate in ruleCandidates {
                let rule = rules.rules[candidate]
                guard rule.match.matches(tlp), let (expected, actual) = rule.failures(tlp) else { continue }
                let id = CheckID(index: BuiltInCheck.allCases.count + candidate, name: rule.name)
                store(id, rule.severity, at, source, tupleIndex, expected, actual, tlp)
            }
        }
        if let index = tupleIndex {
            if failedMask == 0 && failedOverflow.isEmpty {
                tuplePassed[index] += 1
            } else {
                var mask = failedMask
                while mask != 0 {
                    let check = mask.trailingZeroBitCount
                    mask &= mask - 1
                    stored.tuples[index].failed[check] += 1
                }
                for check in failedOverflow { stored.tuples[index].failed[check] += 1 }
            }
        }
        return nil
    }

    /// A record that could not be read or decoded: `malformed`.
    public mutating func addMalformed(_ error: RecordError, record: Int, source: @autoclosure () -> String) {
        let capture = captureIndex()
        current?.records += 1
        current?.malformed += 1
        report(
            .malformed, Location(record: record, capture: capture), source,
            nil, [FindingValue("record", .string("a decodable TLP"))], [FindingValue("error", .string(error.message))],
            nil)
    }

    /// Ends the run: `no-tlp-matched` when no TLP fell in any published range (a run that
    /// checked nothing does not pass), and `tuple-not-exercised` for every tuple no TLP matched.
    public mutating func finish() {
        endTransactions()
        for index in stored.tuples.indices {
            stored.tuples[index].matched = tupleMatched[index]
            stored.tuples[index].passed = tuplePassed[index]
        }
        if rules.severity(.noTLPMatched) != .off, tupleMatched.allSatisfy({ $0 == 0 }) {
            let records = stored.captures.reduce(current?.records ?? 0) { $0 + $1.records }
            let source = tuples.path
            store(
                CheckID(.noTLPMatched), rules.severity(.noTLPMatched), Location(record: nil, capture: nil),
                { source }, nil, [FindingValue("min_matched", .int(1))],
                [FindingValue("matched", .int(0)), FindingValue("records", .int(records))], nil)
        }
        guard rules.severity(.tupleNotExercised) != .off else { return }
        for index in tuples.tuples.indices where tupleMatched[index] == 0 {
            let source = "\(tuples.path)#\(tuples.tuples[index].name)"
            store(
                CheckID(.tupleNotExercised), rules.severity(.tupleNotExercised),
                Location(record: nil, capture: nil), { source }, index,
                [FindingValue("min_matched", .int(1))], [FindingValue("matched", .int(0))], nil)
        }
    }

    /// Pairs non-posted requests and completions (other TLPs cost one switch): a completion
    /// with no request is `unexpected-completion`; a request that timed out is
    /// `completion-timeout`.
    private mutating func pair(_ tlp: TLPView, _ at: Location, _ source: () -> String, timeNS: UInt64?) {
        switch tlp.info.kind {
        case .memoryRead, .io, .configuration, .atomic, .deferrableWrite, .completion: break
        default: return
        }
        guard let pairing = TransactionTLP(tlp) else { return }
        let match = tracker.add(pairing, record: at.record ?? 0, timeNS: timeNS)
        if match == .unexpected, case .completion(let requester, let tag, _, _, _, _, _) = pairing {
            report(
                .unexpectedCompletion, at, source, nil,
                [FindingValue("request", .string("an outstanding request from this requester with this tag"))],
                [
                    FindingValue("requester", .string(PCIID(requester).description)),
                    FindingValue("tag", .int(Int(tag))),
                ],
                tlp)
        }
        reportUnanswered()
    }

    private mutating func reportUnanswered() {
        let unanswered = tracker.takeUnanswered()
        guard !unanswered.isEmpty, let capture = current else { return }
        let index = stored.captures.count
        let timeout = tracker.configuration.timeoutNS
        for request in unanswered {
            let source = "\(capture.path)#\(request.record)"
            report(
                .completionTimeout, Location(record: request.record, capture: index), { source }, nil,
                [FindingValue("completion", .string("within \(timeout) ns"))],
                [
                    FindingValue(
                        "completion",
                        .string(request.timedOut ? "none within \(timeout) ns" : "none by the end of the capture")),
                    FindingValue("type", .string(request.type.rawValue)),
                    FindingValue("requester", .string(PCIID(request.requester).description)),
                    FindingValue("tag", .int(Int(request.tag))),
                ], nil)
        }
    }

    /// Ends the current capture's pairs: what is still outstanding is unanswered.
    private mutating func endTransactions() {
        guard trackingTransactions else { return }
        tracker.finishCapture()
        reportUnanswered()
    }

    /// Where a finding comes from (its source text is built only when a finding is kept).
    private struct Location {
        var record: Int?
        var capture: Int?
    }

    private mutating func report(
        _ check: BuiltInCheck, _ at: Location, _ source: () -> String, _ tuple: Int?, _ expected: [FindingValue],
        _ actual: [FindingValue], _ tlp: TLPView?
    ) {
        let severity = severities[check.ordinal]
        guard severity != .off else { return }
        store(CheckID(check), severity, at, source, tuple, expected, actual, tlp)
    }

    private mutating func store(
        _ id: CheckID, _ severity: Severity, _ at: Location, _ source: () -> String, _ tuple: Int?,
        _ expected: [FindingValue], _ actual: [FindingValue], _ tlp: TLPView?
    ) {
        let index = id.index
        stored.checks[index].findings += 1
        // Only findings about a tuple count against its matched TLPs (passed / failed by check).
        if tuple != nil {
            if index < 64 {
                failedMask |= 1 << UInt64(index)
            } else if !failedOverflow.contains(index) {
                failedOverflow.append(index)
            }
        }
        if at.capture != nil {
            current?.findings[index] += 1
            if severity == .error {
                current?.errors[index] += 1
                if let tuple { current?.tupleErrors[tuple] += 1 }
            }
        }
        guard stored.findings.count < Self.maxStoredFindings else {
            stored.findingsOmitted += 1
            return
        }
        var rendering: [String]?
        if stored.findings.count < Self.renderedFindings, let tlp,
            let full = try? TLPDecoder.decode(tlp.bytes, mode: tlp.mode).tlp
        {
            rendering = AnalyzerText.lines(full)
        }
        var finding = Finding(
            check: id, severity: severity, source: source(), record: at.record, capture: at.capture,
            tuple: tuple.map { tuples.tuples[$0].name }, expected: expected, actual: actual, rendering: rendering)
        if let tuple, let dmaBuf = tuples.tuples[tuple].dmaBuf, let address = tlp?.address {
            finding.address = address
            finding.slice = dmaBuf.describe(address)
        }
        stored.findings.append(finding)
    }
}
