/// A one-DW TLP prefix: non-flit local and end-to-end prefixes, and flit-mode local prefixes.
public enum PrefixKind: Hashable, Sendable {
    case mrIOV, flitLocal, vendorLocal0, vendorLocal1
    case tph, pasid, ide, vendorEndToEnd0, vendorEndToEnd1
    /// A prefix code the spec reserves.
    case reservedLocal, reservedEndToEnd

    /// The non-flit TPH prefix's code (PCIe Table 2-39), which encoding TPH writes.
    public static let tphCode: UInt8 = 0x90

    /// The kind of the prefix DW `word` in `mode` (its code from ``PrefixFields/code``).
    public init(word: UInt32, mode: LinkMode) {
        self.init(code: UInt8(truncatingIfNeeded: PrefixFields.code.get(word: word)), mode: mode)
    }

    /// The kind of the prefix whose first byte is `code` in `mode`.
    public init(code: UInt8, mode: LinkMode) {
        switch (code, mode) {
        case (0x8D, _): self = .flitLocal
        case (0x8E, _): self = .vendorLocal0
        case (0x8F, _): self = .vendorLocal1
        case (0x80, .nonFlit): self = .mrIOV
        case (Self.tphCode, .nonFlit): self = .tph
        case (0x91, .nonFlit): self = .pasid
        case (0x92, .nonFlit): self = .ide
        case (0x9E, .nonFlit): self = .vendorEndToEnd0
        case (0x9F, .nonFlit): self = .vendorEndToEnd1
        case (0x90...0x9F, .nonFlit): self = .reservedEndToEnd
        default: self = .reservedLocal
        }
    }

    /// Name in text and the JSON `kind` value.
    public var name: String {
        switch self {
        case .mrIOV: "mr-iov"
        case .flitLocal: "flit-local"
        case .vendorLocal0: "vendor-local-0"
        case .vendorLocal1: "vendor-local-1"
        case .tph: "tph"
        case .pasid: "pasid"
        case .ide: "ide"
        case .vendorEndToEnd0: "vendor-e2e-0"
        case .vendorEndToEnd1: "vendor-e2e-1"
        case .reservedLocal: "reserved-local"
        case .reservedEndToEnd: "reserved-e2e"
        }
    }

    /// Name in the analyzer-style text (`TPH`, `PASID`, `FlitLocal`).
    public var textName: String {
        switch self {
        case .mrIOV: "MR-IOV"
        case .flitLocal: "FlitLocal"
        case .vendorLocal0: "VendorL0"
        case .vendorLocal1: "VendorL1"
        case .tph: "TPH"
        case .pasid: "PASID"
        case .ide: "IDE"
        case .vendorEndToEnd0: "VendorE0"
        case .vendorEndToEnd1: "VendorE1"
        case .reservedLocal, .reservedEndToEnd: "Rsvd"
        }
    }

    public var isReserved: Bool { self == .reservedLocal || self == .reservedEndToEnd }

    public var isEndToEnd: Bool {
        switch self {
        case .tph, .pasid, .ide, .vendorEndToEnd0, .vendorEndToEnd1, .reservedEndToEnd: true
        default: false
        }
    }

    public var layout: Layout {
        switch self {
        case .tph: PrefixLayouts.tph
        case .pasid: PrefixLayouts.pasid
        case .flitLocal: PrefixLayouts.flitLocal
        default: PrefixLayouts.opaque
        }
    }
}

enum PrefixLayouts {
    typealias F = PrefixFields
    static let tph = Layout("TPH", dwCount: 1, [F.code, F.stHigh, F.ama, F.av])
    static let pasid = Layout("PASID", dwCount: 1, [F.code, F.pmr, F.er, F.pasid])
    static let flitLocal = Layout("FlitLocal", dwCount: 1, [F.code, FlitFields.dedicatedCredits])
    static let opaque = Layout("Prefix", dwCount: 1, [F.code, F.data])
}
