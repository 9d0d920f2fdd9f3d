/// A spec violation that still decodes, as a registered id with a severity and the message that
/// explains this occurrence. The table below is the one place a warning is defined (the way an
/// expert-info table is in a dissector); records and reports show the message.
public struct TLPWarning: Hashable, Sendable, CustomStringConvertible {
    public enum ID: String, CaseIterable, Hashable, Sendable {
        case reservedType = "reserved-type"
        case reservedHeaderBits = "reserved-header-bits"
        case shortAddressIn64BitFormat = "short-address-64-bit-format"
        case lengthNotOne = "length-not-one"
        case lastBENotZero = "last-be-not-zero"
        case tcNotZero = "tc-not-zero"
        case attrNotZero = "attr-not-zero"
        case reservedCompletionStatus = "reserved-completion-status"
        case thWithoutTPH = "th-without-tph"
        case reservedAT = "reserved-at"
        case atNotZero = "at-not-zero"
        case missingOHCA = "missing-ohc-a"
        case reservedHV = "reserved-hv"
        case stHighWithHV01 = "st-high-with-hv-01"
        case ohcBNotAddressRouted = "ohc-b-not-address-routed"
        case reservedOHCBits = "reserved-ohc-bits"
        case localPrefixAfterEndToEnd = "local-prefix-after-end-to-end"
        case reservedPrefix = "reserved-prefix"
        case flitPrefixInNonFlit = "flit-prefix-in-non-flit"
        case tooManyEndToEndPrefixes = "too-many-end-to-end-prefixes"

        /// Every registered warning is a warning: the TLP decodes, and the capture may show a
        /// broken device, which is what the tool is for.
        public var severity: Severity { .warning }

        /// What the warning is about, in one line (for listings of the ids).
        public var summary: String {
            switch self {
            case .reservedType: "the type code is reserved"
            case .reservedHeaderBits: "reserved header bits are set"
            case .shortAddressIn64BitFormat: "a 64-bit address format carries an address below 4 GB"
            case .lengthNotOne: "an IO or configuration request's Length is not 1"
            case .lastBENotZero: "Last BE must be 0 (IO, configuration, or Length 1)"
            case .tcNotZero: "an IO or configuration request's TC is not 0"
            case .attrNotZero: "an IO or configuration request's Attr is not 0"
            case .reservedCompletionStatus: "the completion status is reserved"
            case .thWithoutTPH: "TH is set on a TLP that carries no TPH"
            case .reservedAT: "AT=11b is reserved"
            case .atNotZero: "an IO or configuration request's AT is not 0"
            case .missingOHCA: "an IO or configuration request has no OHC-A2/A3"
            case .reservedHV: "OHC-B HV=10b is reserved"
            case .stHighWithHV01: "OHC-B ST[15:8] is set with HV=01b"
            case .ohcBNotAddressRouted: "OHC-B on a TLP that is not address-routed"
            case .reservedOHCBits: "reserved OHC bits are set"
            case .localPrefixAfterEndToEnd: "a local prefix follows an end-to-end prefix"
            case .reservedPrefix: "the prefix code is reserved"
            case .flitPrefixInNonFlit: "a flit-mode local prefix on a non-flit TLP"
            case .tooManyEndToEndPrefixes: "more than 4 end-to-end prefixes"
            }
        }
    }

    public enum Severity: String, Hashable, Sendable {
        case warning
    }

    public let id: ID
    public let message: String

    public init(_ id: ID, _ message: String) {
        self.id = id
        self.message = message
    }

    public var description: String { message }
}
