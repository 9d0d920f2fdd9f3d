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
    public private(set) var result: VerifyResult

    public init(tuples: TupleSet, rules: RuleSet = RuleSet()) {
        self.tuples = tuples
        self.rules = rules
        map = AddressMap(tuples)
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

    /// Checks one record of the current capture.
    public mutating func add(_ decoded: DecodedRecord, origin: TLPRecord.Origin) {
        if result.captures.isEmpty { beginCapture("-") }
        let capture = result.captures.count - 1
        result.captures[capture].records += 1
        let tlp: TLP
        switch decoded {
        case .error(let message):
            result.captures[capture].malformed += 1
            report(
                .malformed, origin, capture, nil, [FindingValue("record", .string("a decodable TLP"))],
                [FindingValue("error", .string(message))], nil)
            return
        case .tlp(let value, _):
            tlp = value
            result.captures[capture].decoded += 1
        }
        failedChecks.removeAll(keepingCapacity: true)
        let tph = tlp.tph
        if let word = tlp.ohcWord(.b), OHCFields.hv.get(word: word) == 2 {
            report(
                .reservedHV, origin, capture, nil, [FindingValue("hv", .strings(["1", "3"]))],
                [FindingValue("hv", .int(2))], tlp)
        }
        var tupleIndex: Int?
        if tlp.info.kind.isMemoryRequest, let address = tlp.address {
            tupleIndex = map.tuple(for: address)
            if let index = tupleIndex {
                let tuple = tuples.tuples[index]
                result.tuples[index].matched += 1
                result.captures[capture].tupleMatched[index] += 1
                for check in tupleChecks where rules.severity(check.id) != .off {
                    if let (expected, actual) = check.evaluate(tlp, tph: tph, tuple: tuple) {
                        report(check.id, origin, capture, index, expected, actual, tlp)
                    }
                }
            } else if let tph {
                report(
                    .unpublishedTPH, origin, capture, nil, [FindingValue("address", .string("in a published range"))],
                    [
                        FindingValue("address", .string("0x" + String(address, radix: 16))),
                        FindingValue("st", .int(Int(tph.st))), FindingValue("st_width", .int(tph.width)),
                    ], tlp)
            }
        }
        for rule in rules.rules where rule.severity != .off && rule.match.matches(tlp) {
            if let (expected, actual) = rule.failures(tlp) {
                record(
                    rule.name, rule.severity, origin.source, origin.record, capture, tupleIndex, expected, actual, tlp)
            }
        }
        if let index = tupleIndex {
            if failedChecks.isEmpty { result.tuples[index].passed += 1 }
            for check in failedChecks { result.tuples[index].failed[result.checks[check].id, default: 0] += 1 }
        }
    }

    /// Ends the run: `tuple-not-exercised` for every tuple no TLP matched.
    public mutating func finish() {
        guard rules.severity(.tupleNotExercised) != .off else { return }
        for (index, tuple) in tuples.tuples.enumerated() where result.tuples[index].matched == 0 {
            record(
                BuiltInCheck.tupleNotExercised.rawValue, rules.severity(.tupleNotExercised),
                "\(tuples.path)#\(tuple.name)",
                nil, nil, index, [FindingValue("matched", .string("at least 1"))], [FindingValue("matched", .int(0))],
                nil)
        }
    }

    private mutating func report(
        _ check: BuiltInCheck, _ origin: TLPRecord.Origin, _ capture: Int, _ tuple: Int?, _ expected: [FindingValue],
        _ actual: [FindingValue], _ tlp: TLP?
    ) {
        let severity = rules.severity(check)
        guard severity != .off else { return }
        record(check.rawValue, severity, origin.source, origin.record, capture, tuple, expected, actual, tlp)
    }

    private mutating func record(
        _ id: String, _ severity: Severity, _ source: String, _ number: Int?, _ capture: Int?, _ tuple: Int?,
        _ expected: [FindingValue], _ actual: [FindingValue], _ tlp: TLP?
    ) {
        guard let index = checkIndex[id] else { return }
        result.checks[index].findings += 1
        if !failedChecks.contains(index) { failedChecks.append(index) }
        if let capture {
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
        let rendering = result.findings.count < Self.renderedFindings ? tlp.map { AnalyzerText.lines($0) } : nil
        result.findings.append(
            Finding(
                check: id, severity: severity, source: source, record: number, capture: capture,
                tuple: tuple.map { tuples.tuples[$0].name }, expected: expected, actual: actual, rendering: rendering))
    }
}
