/// How 8-digit words in text map to wire bytes.
public enum WordOrder: String, CaseIterable, Hashable, Sendable {
    /// Each word reads in wire byte order (spec notation, AER, lspci).
    case wire
    /// Each word is a little-endian integer of the wire bytes (`08000260` = `60 02 00 08`).
    case swapped

    /// The wire DW (big-endian view) for a word written in this order, and back.
    @inlinable public func wireDW(_ written: UInt32) -> UInt32 {
        self == .wire ? written : written.byteSwapped
    }
    @inlinable public func writtenWord(_ wire: UInt32) -> UInt32 { wireDW(wire) }
}
