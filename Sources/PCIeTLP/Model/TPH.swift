/// TLP Processing Hints as one model for both modes.
///
/// Non-flit: TH=1, PH in the low bits of the last address DW, ST[7:0] in the Tag or byte-enable
/// byte, ST[15:8] from a TPH prefix. Flit: OHC-B with HV=01 (8-bit ST) or HV=11 (16-bit ST).
public struct TPH: Hashable, Sendable {
    /// The Steering Tag; only its low 8 bits are meaningful when `width` is 8.
    public var st: UInt16
    /// 8 (TPH-only namespace) or 16 (extended namespace).
    public var width: Int
    /// Processing Hint: 0 bidirectional, 1 requester, 2 target, 3 target with priority.
    public var ph: UInt8

    public init(st: UInt16, width: Int = 8, ph: UInt8) {
        self.st = width == 8 ? st & 0xFF : st
        self.width = width == 8 ? 8 : 16
        self.ph = ph & 3
    }

    /// The TPH an OHC-B word carries: HV=01 an 8-bit ST, HV=11 a 16-bit ST; nil for HV 00
    /// (none) and 10 (reserved, treated as none).
    public init?(ohcB word: UInt32) {
        let bits = Self.ohcB
        let st = UInt16(truncatingIfNeeded: bits.st.get(word))
        let ph = UInt8(truncatingIfNeeded: bits.ph.get(word))
        switch bits.hv.get(word) {
        case 1: self.init(st: st, width: 8, ph: ph)
        case 3: self.init(st: st, width: 16, ph: ph)
        default: return nil
        }
    }

    /// The HV field of an OHC-B word (10b is reserved).
    @inline(__always)
    public static func hv(ohcB word: UInt32) -> UInt32 { ohcB.hv.get(word) }

    /// The OHC-B ranges of ``OHCFields`` `st`, `ph` and `hv` (one range each), copied out once:
    /// every flit TLP is read through them, and a ``Field`` constant is fetched and copied per use.
    private static let ohcB = (st: OHCFields.st.first, ph: OHCFields.ph.first, hv: OHCFields.hv.first)
}
