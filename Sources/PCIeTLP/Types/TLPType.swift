/// The TLP type mnemonic, as used in text and in the JSON `type` key.
public enum TLPType: String, CaseIterable, Hashable, Sendable {
    case mrd32 = "MRd32", mrd64 = "MRd64", mrdlk32 = "MRdLk32", mrdlk64 = "MRdLk64"
    case mwr32 = "MWr32", mwr64 = "MWr64"
    case iord = "IORd", iowr = "IOWr"
    case cfgrd0 = "CfgRd0", cfgrd1 = "CfgRd1", cfgwr0 = "CfgWr0", cfgwr1 = "CfgWr1"
    case cpl = "Cpl", cpld = "CplD", cpllk = "CplLk", cpldlk = "CplDLk"
    case msg = "Msg", msgd = "MsgD"
    case fetchAdd32 = "FetchAdd32", fetchAdd64 = "FetchAdd64"
    case swap32 = "Swap32", swap64 = "Swap64", cas32 = "CAS32", cas64 = "CAS64"
    case dmwr32 = "DMWr32", dmwr64 = "DMWr64"
    case nop = "NOP"
    case uioMRd = "UIOMRd", uioMWr = "UIOMWr", uioRdCpl = "UIORdCpl", uioRdCplD = "UIORdCplD"
    case uioWrCpl = "UIOWrCpl"
    case localPrefix = "LPrfx", endToEndPrefix = "EPrfx"
    case reserved = "Reserved"

    /// The family the type belongs to; decides the header layout and which checks apply.
    public var kind: TLPKind {
        switch self {
        case .mrd32, .mrd64, .mrdlk32, .mrdlk64, .uioMRd: .memoryRead
        case .mwr32, .mwr64, .uioMWr: .memoryWrite
        case .fetchAdd32, .fetchAdd64, .swap32, .swap64, .cas32, .cas64: .atomic
        case .dmwr32, .dmwr64: .deferrableWrite
        case .iord, .iowr: .io
        case .cfgrd0, .cfgrd1, .cfgwr0, .cfgwr1: .configuration
        case .cpl, .cpld, .cpllk, .cpldlk: .completion
        case .uioRdCpl, .uioRdCplD, .uioWrCpl: .uioCompletion
        case .msg, .msgd: .message
        case .nop: .nop
        case .localPrefix, .endToEndPrefix: .prefix
        case .reserved: .reserved
        }
    }
}

/// Families of TLP types that share a header layout.
public enum TLPKind: Hashable, Sendable {
    case memoryRead, memoryWrite, atomic, deferrableWrite
    case io, configuration, completion, uioCompletion, message, nop, prefix, reserved

    /// Memory requests: the TLPs that may carry TPH and that tuple checks apply to.
    public var isMemoryRequest: Bool {
        switch self {
        case .memoryRead, .memoryWrite, .atomic, .deferrableWrite: true
        default: false
        }
    }
}

extension TLPType {
    /// The case's position in `allCases` (declaration order): a case-only enum of fewer than 256
    /// cases is stored as that one byte. For hashing and tables; a test holds it.
    @inline(__always) public var ordinal: Int { Int(unsafeBitCast(self, to: UInt8.self)) }
}
