import PCIeTLP

/// The published ST a TLP's TPH must be compared with.
///
/// Flit mode says the namespace (HV=01 8-bit, HV=11 16-bit). Non-flit mode shows a 16-bit ST
/// only when a TPH prefix carries a non-zero ST[15:8]; an ST of at most FFh may belong to either
/// namespace (an extended-TPH requester leaves the prefix out then), so it is compared with the
/// 8-bit value when `st` is published, else with the 16-bit one.
func publishedNamespace(_ tlp: TLPView, _ tph: TPH, _ tuple: TupleExpectation) -> (width: Int, st: UInt16)? {
    if let st = tuple.steeringTag(width: tph.width) { return (tph.width, st) }
    if tlp.mode == .nonFlit, tph.width == 8, let st = tuple.steeringTag(width: 16) { return (16, st) }
    return nil
}
