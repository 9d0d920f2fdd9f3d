/// Flit-mode Orthogonal Header Content words (PCIe 6.x Table 2-6; reference tlp-formats §2.6).
/// Each word is its own one-DW structure, so every field sits in DW 0.
public enum OHCFields {
    public static let firstBE = Field(.firstBE, "FirstBE", dw: 0, 3, 0, .hex)
    public static let lastBE = Field(.lastBE, "LastBE", dw: 0, 7, 4, .hex)
    public static let destinationSegment = Field(.destinationSegment, "DSeg", dw: 0, 31, 24, .hex)
    public static let dsv = Field(.dsv, "DSV", dw: 0, 15, 15, .flag)

    // OHC-A1: memory requests.
    public static let nw = Field(.nw, "NW", dw: 0, 31, 31, .flag)
    public static let pv = Field(.pv, "PV", dw: 0, 30, 30, .flag)
    public static let pmr = Field(.pmr, "PMR", dw: 0, 29, 29, .flag)
    public static let er = Field(.er, "ER", dw: 0, 28, 28, .flag)
    public static let pasid = Field(.pasid, "PASID", dw: 0, 27, 8, .hex)
    // OHC-A4: ID-routed messages; PASID[19:16] sits below DSV and PV.
    public static let a4PASID = Field(
        .pasid, "PASID",
        [BitRange(dw: 0, hi: 11, lo: 8), BitRange(dw: 0, hi: 23, lo: 16), BitRange(dw: 0, hi: 7, lo: 0)], .hex
    )
    public static let a4PV = Field(.pv, "PV", dw: 0, 14, 14, .flag)
    // OHC-A5: completions.
    public static let completerSegment = Field(.completerSegment, "CSeg", dw: 0, 23, 16, .hex)
    public static let lowerAddressLow = Field(.lowerAddressLow, "LA[1:0]", dw: 0, 4, 3)
    public static let status = Field(.status, "Status", dw: 0, 2, 0, .completionStatus)
    // OHC-B: TPH and AMA. PH at 7:6 and HV at 5:4 are the order that reproduces the seed capture.
    public static let st = Field(.st, "ST", dw: 0, 23, 8, .hex)
    public static let ph = Field(.ph, "PH", dw: 0, 7, 6)
    public static let hv = Field(.hv, "HV", dw: 0, 5, 4)
    public static let ama = Field(.ama, "AMA", dw: 0, 3, 1)
    public static let av = Field(.av, "AV", dw: 0, 0, 0, .flag)
    // OHC-C: IDE and requester segment. Sub-Stream taken as bits 6:4 (see Docs/formats.md).
    public static let requesterSegment = Field(.requesterSegment, "RSeg", dw: 0, 31, 24, .hex)
    public static let prSentCounter = Field(.prSentCounter, "PRSent", dw: 0, 23, 16)
    public static let streamID = Field(.streamID, "Stream", dw: 0, 15, 8)
    public static let subStream = Field(.subStream, "Sub", dw: 0, 6, 4)
    public static let rsv = Field(.rsv, "RSV", dw: 0, 3, 3, .flag)
    public static let k = Field(.k, "K", dw: 0, 1, 1, .flag)
    public static let t = Field(.t, "T", dw: 0, 0, 0, .flag)
    // OHC-E entries: format, E[3:0] of the prefix it replaces, and the prefix's bytes 1..3.
    public static let entryFormat = Field(.entryFormat, "Fmt", dw: 0, 31, 28)
    public static let entryType = Field(.entryType, "E", dw: 0, 27, 24, .hex)
    public static let entryData = Field(.data, "Data", dw: 0, 23, 0, .hex)
}
