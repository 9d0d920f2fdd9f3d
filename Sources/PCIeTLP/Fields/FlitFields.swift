/// Flit-mode header base fields (PCIe 6.x §2.2.1.2; reference tlp-formats §2.2, §2.5).
public enum FlitFields {
    // DW0, common to every flit TLP.
    public static let type = Field(.typeCode, "Type", dw: 0, 31, 24, .hidden)
    public static let tc = Field(.tc, "TC", dw: 0, 23, 21)
    public static let ohc = Field(.ohc, "OHC", dw: 0, 20, 16)
    public static let ts = Field(.ts, "TS", dw: 0, 15, 13)
    public static let attr = Field(.attr, "Attr", dw: 0, 12, 10)
    public static let length = Field(.length, "L", dw: 0, 9, 0)
    public static let dw0: [Field] = [type, tc, ohc, ts, attr, length]
    // The bits of OHC[4:0]: OHC-A, OHC-B and OHC-C present, and the OHC-E size code.
    public static let ohcA = Field(.ohcAPresent, "OHC-A", dw: 0, 16, 16, .hidden)
    public static let ohcB = Field(.ohcBPresent, "OHC-B", dw: 0, 17, 17, .hidden)
    public static let ohcC = Field(.ohcCPresent, "OHC-C", dw: 0, 18, 18, .hidden)
    public static let ohcE = Field(.ohcESize, "OHC-E", dw: 0, 20, 19, .hidden)
    /// Type[7:4]: 8h for local prefixes (types 80h..8Fh).
    public static let typeGroup = Field(.typeGroup, "Type[7:4]", dw: 0, 31, 28, .hidden)

    // DW1 of requests.
    public static let requester = Field(.requester, "RID", dw: 1, 31, 16, .pciID)
    public static let ep = Field(.ep, "EP", dw: 1, 15, 15, .flag)
    public static let tag = Field(.tag, "Tag", dw: 1, 13, 0, .hex)

    // Addresses: AT sits in the low two bits of the last address DW.
    public static let address32 = Field(.addressLow, "Addr", dw: 2, 31, 2, .dwAddress)
    public static let at32 = Field(.at, "AT", dw: 2, 1, 0, .decimalIfSet)
    public static let addressHigh = Field(.addressHigh, "AddrH", dw: 2, 31, 0, .hex32)
    public static let addressLow64 = Field(.addressLow, "AddrL", dw: 3, 31, 2, .dwAddress)
    public static let at64 = Field(.at, "AT", dw: 3, 1, 0, .decimalIfSet)

    // Configuration DW2.
    public static let target = Field(.target, "Dest", dw: 2, 31, 16, .pciID)
    public static let register = Field(.register, "Reg", dw: 2, 11, 2, .dwOffset)

    // Completions: Lower Address[6] in DW1, [5:2] in DW2, [1:0] in OHC-A5.
    public static let completer = Field(.completer, "CID", dw: 1, 31, 16, .pciID)
    public static let lowerAddress = Field(
        .lowerAddress, "LA", [BitRange(dw: 1, hi: 14, lo: 14), BitRange(dw: 2, hi: 15, lo: 12)], .dwOffset,
        shownIn: 2)
    public static let completionRequester = Field(.requester, "RID", dw: 2, 31, 16, .pciID)
    public static let byteCount = Field(.byteCount, "BC", dw: 2, 11, 0)

    // Messages: no Tag in flit mode; byte 6 bits 6:0 are message specific.
    public static let messageSpecific = Field(.messageSpecific, "Spec", dw: 1, 14, 8, .hex)
    public static let msgCode = Field(.msgCode, "Code", dw: 1, 7, 0, .messageCode)

    // Flit-mode local prefixes (Type 0x80..0x8F).
    public static let dedicatedCredits = Field(.dedicatedCredits, "DC", dw: 0, 16, 16, .flag)
    public static let prefixData = Field(.data, "Data", dw: 0, 23, 0, .hex)
}
