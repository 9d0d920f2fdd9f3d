import PCIeTLP

/// A check on a memory request whose address lies in a published tuple's range.
///
/// Each check is one type in this folder, reported under its ``BuiltInCheck`` id by
/// ``runTupleChecks``; it returns what it expected and what it saw, or nil when the TLP passes.
/// Severity comes from the rule set, not the check.
protocol TupleCheck: Sendable {
    func evaluate(_ tlp: TLPView, tph: TPH?, tuple: TupleExpectation) -> (
        expected: [FindingValue], actual: [FindingValue]
    )?
}

/// What the tuple checks found wrong with one TLP, in check order; empty (and unallocated) for
/// a TLP that passes.
typealias TupleFailures = [(check: BuiltInCheck, expected: [FindingValue], actual: [FindingValue])]

/// Runs the tuple checks in order; later ones skip what an earlier one already reported (no
/// ST comparison without TPH or for an unpublished namespace). Each check is called directly,
/// not through an existential, so the hot path has no dynamic dispatch; the failures are
/// returned rather than reported from here, so the tuple is read in place, not copied.
@inline(__always)
func runTupleChecks(_ tlp: TLPView, tph: TPH?, tuple: TupleExpectation) -> TupleFailures {
    if let tph, tuple.isMet(by: tlp, tph: tph) { return [] }
    return runEveryTupleCheck(tlp, tph: tph, tuple: tuple)
}

/// The checks one by one, for a TLP that may fail some.
func runEveryTupleCheck(_ tlp: TLPView, tph: TPH?, tuple: TupleExpectation) -> TupleFailures {
    var failures: TupleFailures = []
    if let (expected, actual) = MissingTPHCheck().evaluate(tlp, tph: tph, tuple: tuple) {
        failures.append((.missingTPH, expected, actual))
    }
    if let (expected, actual) = NamespaceNotPublishedCheck().evaluate(tlp, tph: tph, tuple: tuple) {
        failures.append((.namespaceNotPublished, expected, actual))
    }
    if let (expected, actual) = STMismatchCheck().evaluate(tlp, tph: tph, tuple: tuple) {
        failures.append((.stMismatch, expected, actual))
    }
    if let (expected, actual) = PHMismatchCheck().evaluate(tlp, tph: tph, tuple: tuple) {
        failures.append((.phMismatch, expected, actual))
    }
    if let (expected, actual) = UnexpectedRequesterCheck().evaluate(tlp, tph: tph, tuple: tuple) {
        failures.append((.unexpectedRequester, expected, actual))
    }
    return failures
}
