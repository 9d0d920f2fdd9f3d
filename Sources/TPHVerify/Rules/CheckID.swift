/// A check of a run, built-in or a custom rule: its position in the run's check table
/// (``VerifyResult/checks``: the built-in checks in ``BuiltInCheck`` order, then the rules file's
/// rules) and its name. Counts are arrays indexed by ``index``; the name is what reports show.
public struct CheckID: Hashable, Sendable, CustomStringConvertible {
    public let index: Int
    public let name: String

    public init(index: Int, name: String) {
        self.index = index
        self.name = name
    }

    public init(_ check: BuiltInCheck) { self.init(index: check.ordinal, name: check.rawValue) }

    public var description: String { name }

    public static func == (a: CheckID, b: BuiltInCheck) -> Bool { a.index == b.ordinal }
}

/// The built-in checks (design §7), with their stable ids and default severities.
public enum BuiltInCheck: String, CaseIterable, Sendable {
    case stMismatch = "st-mismatch"
    case phMismatch = "ph-mismatch"
    case missingTPH = "missing-tph"
    case namespaceNotPublished = "namespace-not-published"
    case unexpectedRequester = "unexpected-requester"
    case unpublishedTPH = "unpublished-tph"
    case tupleNotExercised = "tuple-not-exercised"
    case reservedHV = "reserved-hv"
    case malformed
    case noTLPMatched = "no-tlp-matched"
    case unexpectedCompletion = "unexpected-completion"
    case completionTimeout = "completion-timeout"

    /// Position in `allCases`, for table lookups without hashing in the hot path.
    public var ordinal: Int {
        switch self {
        case .stMismatch: 0
        case .phMismatch: 1
        case .missingTPH: 2
        case .namespaceNotPublished: 3
        case .unexpectedRequester: 4
        case .unpublishedTPH: 5
        case .tupleNotExercised: 6
        case .reservedHV: 7
        case .malformed: 8
        case .noTLPMatched: 9
        case .unexpectedCompletion: 10
        case .completionTimeout: 11
        }
    }

    public var defaultSeverity: Severity {
        switch self {
        case .unpublishedTPH, .tupleNotExercised, .reservedHV, .unexpectedCompletion, .completionTimeout: .warning
        default: .error
        }
    }

    /// One line on what makes the check fire.
    public var summary: String {
        switch self {
        case .stMismatch: "a TLP in a tuple's range carries an ST other than the one published for its namespace"
        case .phMismatch: "a TLP in a tuple's range carries a PH other than the published one"
        case .missingTPH: "a memory request in a tuple's range carries no valid TPH"
        case .namespaceNotPublished: "the TLP uses the 16-bit (8-bit) namespace but the tuple lacks st_ext (st)"
        case .unexpectedRequester: "the requester is not in the tuple's requesters"
        case .unpublishedTPH: "a TLP carries TPH to an address in no tuple's range"
        case .tupleNotExercised: "a published tuple matched no TLP"
        case .reservedHV: "flit OHC-B HV=10b (reserved)"
        case .malformed: "a record could not be decoded"
        case .noTLPMatched: "no TLP of the run fell in any published range: nothing was checked"
        case .unexpectedCompletion: "a completion matches no outstanding request (requester ID and tag)"
        case .completionTimeout: "a non-posted request got no completion within the timeout or before the capture ended"
        }
    }
}
