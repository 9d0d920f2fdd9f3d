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
    public static let maxStoredFindings = 100_000
    /// Findings that keep the analyzer rendering of their TLP (for the text report).
    public static let renderedFindings = 20

    public let tuples: TupleSet
    public let rules: RuleSet
    private let map: AddressMap
    private let checkIndex: [String: Int]
    private var failedChecks: [Int] = []
    /// Built-in severities by ``BuiltInCheck/ordinal``, looked up without hashing per TLP.
    private let severities: [Severity]
    public private(set) var result: VerifyResult

    public init(tuples: TupleSet, rules: RuleSet = RuleSet()) {
        self.tuples = tuples
        self.rules = rules
        map = AddressMap(tuples)
        severities = BuiltInCheck.allCases.map { rules.severity($0) }
        var checks = BuiltInCheck.allCases.map {
            VerifyResult.CheckSummary(id: $0.rawValue, severity: rules.severity($0), summary: $0.summary)
        }
        checks += rules.rules.map {
            VerifyResult.CheckSummary(id: $0.name, severity: $0.severity, summary: "custom rule")
        }
        checkIndex = Dictionary(uniqueKeysWithValues: checks.enumerated().map { ($1.id, $0) })
        result = VerifyResult(
            tuplesPath: tuples.path, tuples: tuples.tuples.map { VerifyResult.TupleSummary(name: $0.name) },
            checks: checks)
    }

    public mutating func beginCapture(_ path: String) {
        result.captures.append(
            VerifyResult.CaptureSummary(
                path: path, tupleMatched: Array(repeating: 0, count: tuples.tuples.count),
                tupleErrors: Array(repeating: 0, count: tuples.tuples.count)))
    }

    /// Checks one decoded record of the current capture (a convenience for callers that hold
    /// ``DecodedRecord``s; the hot path is ``add(bytes:mode:record:source:)``).
    public mutating func add(_ decoded: DecodedRecord, origin: TLPRecord.Origin) {
        switch decoded {
        case .error(let message):
            addMalformed(message, record: origin.record, source: origin.source)
        case .tlp(let tlp, _):
            tlp.bytes.withUnsafeBytes { _ = add(bytes: $0, mode: tlp.mode, record: origin.record, source: origin.source) }
        }
    }

    /// Checks one record given as its wire bytes; returns why it does not decode when it does
    /// not (it is then `malformed`). `source` is only built for findings.
    @discardableResult
    public mutating func add(
        bytes: UnsafeRawBufferPointer, mode: LinkMode, modeAssumed: Bool = false, record: Int,
        source: @autoclosure () -> String
    ) -> String? {
        if result.captures.isEmpty { beginCapture("-") }
        if modeAssumed { result.assumedModeRecords += 1 }
        let capture = result.captures.count - 1
        let tlp: TLPView
        do {
            tlp = try TLPView(bytes, mode: mode)
        } catch {
            let message = "\(error)"
            addMalformed(message, record: record, source: source())
            return message
        }
        result.captures[capture].records += 1
        result.captures[capture].decoded += 1
        failedChecks.removeAll(keepingCapacity: true)
        let tph = tlp.tph
        let at = Location(record: record, capture: capture)
        if let word = tlp.ohcB, OHCFields.hv.get(word: word) == 2 {
            report(.reservedHV, at, source, nil, [FindingValue("hv", .strings(["1", "3"]))], [FindingValue("hv", .int(2))], tlp)
        }
        var tupleIndex: Int?
        if tlp.info.kind.isMemoryRequest, let address = tlp.address {
            tupleIndex = map.tuple(for: address)
            if let index = tupleIndex {
                let tuple = tuples.tuples[index]
                result.tuples[index].matched += 1
                result.captures[capture].tupleMatched[index] += 1
                runTupleChecks(tlp, tph: tph, tuple: tuple) { check, expected, actual in
                    report(check, at, source, index, expected, actual, tlp)
                }
            } else if let tph {
                report(
                    .unpublishedTPH, at, source, nil, [FindingValue("address", .string("in a published range"))],
                    [
                        FindingValue("address", .string("0x" + String(address, radix: 16))),
                        FindingValue("st", .int(Int(tph.st))), FindingValue("st_width", .int(tph.width)),
                    ], tlp)
            }
        }
        for rule in rules.rules where rule.severity != .off && rule.match.matches(tlp) {
            if let (expected, actual) = rule.failures(tlp) {
                store(rule.name, rule.severity, at, source, tupleIndex, expected, actual, tlp)
            }
        }
        if let index = tupleIndex {
            if failedChecks.isEmpty { result.tuples[index].passed += 1 }
            for check in failedChecks { result.tuples[index].failed[result.checks[check].id, default: 0] += 1 }
        }
        return nil
    }

    /// A record that could not be read or decoded: `malformed`.
    public mutating func addMalformed(_ message: String, record: Int, source: @autoclosure () -> String) {
        if result.captures.isEmpty { beginCapture("-") }
        let capture = result.captures.count - 1
        result.captures[capture].records += 1
        result.captures[capture].malformed += 1
        report(
            .malformed, Location(record: record, capture: capture), source,
            nil, [FindingValue("record", .string("a decodable TLP"))], [FindingValue("error", .string(message))], nil)
    }

    /// Ends the run: `tuple-not-exercised` for every tuple no TLP matched.
    public mutating func finish() {
        guard rules.severity(.tupleNotExercised) != .off else { return }
        for (index, tuple) in tuples.tuples.enumerated() where result.tuples[index].matched == 0 {
            let source = "\(tuples.path)#\(tuple.name)"
            store(
                BuiltInCheck.tupleNotExercised.rawValue, rules.severity(.tupleNotExercised),
                Location(record: nil, capture: nil), { source }, index,
                [FindingValue("matched", .string("at least 1"))], [FindingValue("matched", .int(0))], nil)
        }
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
        store(check.rawValue, severity, at, source, tuple, expected, actual, tlp)
    }

    private mutating func store(
        _ id: String, _ severity: Severity, _ at: Location, _ source: () -> String, _ tuple: Int?,
        _ expected: [FindingValue], _ actual: [FindingValue], _ tlp: TLPView?
    ) {
        guard let index = checkIndex[id] else { return }
        result.checks[index].findings += 1
        // Only findings about a tuple count against its matched TLPs (passed / failed by check).
        if tuple != nil, !failedChecks.contains(index) { failedChecks.append(index) }
        if let capture = at.capture {
            result.captures[capture].findings[id, default: 0] += 1
            if severity == .error {
                result.captures[capture].errors[id, default: 0] += 1
                if let tuple { result.captures[capture].tupleErrors[tuple] += 1 }
            }
        }
        guard result.findings.count < Self.maxStoredFindings else {
            result.findingsOmitted += 1
            return
        }
        var rendering: [String]?
        if result.findings.count < Self.renderedFindings, let tlp,
            let full = try? TLPDecoder.decode(tlp.bytes, mode: tlp.mode).tlp
        {
            rendering = AnalyzerText.lines(full)
        }
        result.findings.append(
            Finding(
                check: id, severity: severity, source: source(), record: at.record, capture: at.capture,
                tuple: tuple.map { tuples.tuples[$0].name }, expected: expected, actual: actual, rendering: rendering))
    }
}
