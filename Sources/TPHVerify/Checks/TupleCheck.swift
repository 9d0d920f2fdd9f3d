import PCIeTLP

/// A check on a memory request whose address lies in a published tuple's range.
///
/// Each check is one type in this folder with a stable id; it returns what it expected and
/// what it saw, or nil when the TLP passes. Severity comes from the rule set, not the check.
protocol TupleCheck: Sendable {
    var id: BuiltInCheck { get }
    func evaluate(_ tlp: TLPView, tph: TPH?, tuple: PublishedTuple) -> (expected: [FindingValue], actual: [FindingValue])?
}

/// The tuple checks in the order they run; later ones skip what an earlier one already
/// reported (no ST comparison without TPH or for an unpublished namespace).
let tupleChecks: [any TupleCheck] = [
    MissingTPHCheck(), NamespaceNotPublishedCheck(), STMismatchCheck(), PHMismatchCheck(),
    UnexpectedRequesterCheck(),
]
