/// Non-flit TLP prefixes (PCIe Tables 2-38, 2-39; TPH prefix Table 2-16).
public enum PrefixFields {
    public static let code = Field(.typeCode, "Prefix", dw: 0, 31, 24, .hidden)
    // TPH (0x90): ST[15:8], AMA, AV.
    public static let stHigh = Field(.stHigh, "ST[15:8]", dw: 0, 23, 16, .hex)
    public static let ama = Field(.ama, "AMA", dw: 0, 15, 13)
    public static let av = Field(.av, "AV", dw: 0, 12, 12, .flag)
    // PASID (0x91): PMR and ER above PASID[19:0] (single-source layout, see Docs/formats.md).
    public static let pmr = Field(.pmr, "PMR", dw: 0, 21, 21, .flag)
    public static let er = Field(.er, "ER", dw: 0, 20, 20, .flag)
    public static let pasid = Field(.pasid, "PASID", dw: 0, 19, 0, .hex)
    /// Bytes 1..3 of prefixes whose layout is not decoded (IDE, MR-IOV, vendor).
    public static let data = Field(.data, "Data", dw: 0, 23, 0, .hex)
}
