/// Non-flit header fields (PCIe §2.2; reference tlp-formats §1).
public enum NonFlitFields {
    // DW0. Tag[9:8] (T9, T8) and Attr[2] sit apart from the rest of their field.
    public static let type = Field(.typeCode, "Fmt/Type", dw: 0, 31, 24, .hidden)
    /// Fmt[2:0]: 100b for a prefix.
    public static let fmt = Field(.fmt, "Fmt", dw: 0, 31, 29, .hidden)
    public static let tc = Field(.tc, "TC", dw: 0, 22, 20)
    public static let th = Field(.th, "TH", dw: 0, 16, 16)
    public static let td = Field(.td, "TD", dw: 0, 15, 15)
    public static let ep = Field(.ep, "EP", dw: 0, 14, 14)
    public static let attr = Field(
        .attr, "Attr", [BitRange(dw: 0, hi: 18, lo: 18), BitRange(dw: 0, hi: 13, lo: 12)])
    public static let at = Field(.at, "AT", dw: 0, 11, 10)
    public static let length = Field(.length, "L", dw: 0, 9, 0)
    public static let dw0: [Field] = [type, tc, th, td, ep, attr, at, length]

    // DW1 of requests.
    public static let requester = Field(.requester, "RID", dw: 1, 31, 16, .pciID)
    public static let tag = Field(
        .tag, "Tag",
        [BitRange(dw: 0, hi: 23, lo: 23), BitRange(dw: 0, hi: 19, lo: 19), BitRange(dw: 1, hi: 15, lo: 8)],
        .hex, shownIn: 1)
    public static let lastBE = Field(.lastBE, "LastBE", dw: 1, 7, 4, .hex)
    public static let firstBE = Field(.firstBE, "FirstBE", dw: 1, 3, 0, .hex)
    /// ST[7:0] of a memory write with TH=1: the Tag byte.
    public static let stInTag = Field(.st, "ST", dw: 1, 15, 8, .hex)
    /// ST[7:0] of a read, AtomicOp or DMWr with TH=1: the byte-enable byte.
    public static let stInByteEnables = Field(.st, "ST", dw: 1, 7, 0, .hex)

    // Addresses; with TH=1 the low two bits of the last address DW are PH.
    public static let address32 = Field(.addressLow, "Addr", dw: 2, 31, 2, .dwAddress)
    public static let ph32 = Field(.ph, "PH", dw: 2, 1, 0)
    public static let addressHigh = Field(.addressHigh, "AddrH", dw: 2, 31, 0, .hex32)
    public static let addressLow64 = Field(.addressLow, "AddrL", dw: 3, 31, 2, .dwAddress)
    public static let ph64 = Field(.ph, "PH", dw: 3, 1, 0)

    // Configuration DW2.
    public static let target = Field(.target, "Dest", dw: 2, 31, 16, .pciID)
    public static let register = Field(.register, "Reg", dw: 2, 11, 2, .dwOffset)

    // Completions.
    public static let completer = Field(.completer, "CID", dw: 1, 31, 16, .pciID)
    public static let status = Field(.status, "Status", dw: 1, 15, 13, .completionStatus)
    public static let bcm = Field(.bcm, "BCM", dw: 1, 12, 12, .flag)
    public static let byteCount = Field(.byteCount, "BC", dw: 1, 11, 0)
    public static let completionRequester = Field(.requester, "RID", dw: 2, 31, 16, .pciID)
    public static let completionTag = Field(
        .tag, "Tag",
        [BitRange(dw: 0, hi: 23, lo: 23), BitRange(dw: 0, hi: 19, lo: 19), BitRange(dw: 2, hi: 15, lo: 8)],
        .hex, shownIn: 2)
    public static let lowerAddress = Field(.lowerAddress, "LA", dw: 2, 6, 0, .hex)

    // Messages.
    public static let msgCode = Field(.msgCode, "Code", dw: 1, 7, 0, .messageCode)
}
