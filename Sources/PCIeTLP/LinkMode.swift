/// Whether the link carried the TLP in flit mode (PCIe 6.x) or non-flit mode.
///
/// The bytes alone do not tell (`03000001` is MRd32 in flit mode and undefined in non-flit
/// mode), so the mode always comes from the caller.
public enum LinkMode: String, CaseIterable, Hashable, Sendable {
    case flit
    case nonFlit = "non-flit"
}
