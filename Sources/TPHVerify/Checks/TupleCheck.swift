import PCIeTLP

/// A check on a memory request whose address lies in a published tuple's range.
///
/// Each check is one type in this folder, reported under its ``BuiltInCheck`` id by
/// ``runTupleChecks``; it returns what it expected and what it saw, or nil when the TLP passes.
/// Severity comes from the rule set, not the check.
protocol TupleCheck: Sendable {
    func evaluate(_ tlp: TLPView, tph: TPH?, tuple: borrowing PublishedTuple) -> (
        expected: [FindingValue], actual: [FindingValue]
    )?
}

/// Runs the tuple checks in order; later ones skip what an earlier one already reported (no
/// ST comparison without TPH or for an unpublished namespace). Each check is called directly,
/// not through an existential, so the hot path has no dynamic dispatch.
@inline(__always)
func runTupleChecks(
    _ tlp: TLPView, tph: TPH?, tuple: borrowing PublishedTuple,
    _ report: (BuiltInCheck, _ expected: [FindingValue], _ actual: [FindingValue]) -> Void
) {
    if let (expected, actual) = MissingTPHCheck().evaluate(tlp, tph: tph, tuple: tuple) {
        report(.missingTPH, expected, actual)
    }
    if let (expected, actual) = NamespaceNotPublishedCheck().evaluate(tlp, tph: tph, tuple: tuple) {
        report(.namespaceNotPublished, expected, actual)
    }
    if let (expected, actual) = STMismatchCheck().evaluate(tlp, tph: tph, tuple: tuple) {
        report(.stMismatch, expected, actual)
    }
    if let (expected, actual) = PHMismatchCheck().evaluate(tlp, tph: tph, tuple: tuple) {
        report(.phMismatch, expected, actual)
    }
    if let (expected, actual) = UnexpectedRequesterCheck().evaluate(tlp, tph: tph, tuple: tuple) {
        report(.unexpectedRequester, expected, actual)
    }
}
