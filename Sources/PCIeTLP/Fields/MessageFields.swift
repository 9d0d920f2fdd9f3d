/// Message header bytes 8..15, shared by both modes ("bytes 8-15 exactly as non-flit").
public enum MessageFields {
    public static let target = Field(.target, "Dest", dw: 2, 31, 16, .pciID)
    public static let vendorID = Field(.vendorID, "Vendor", dw: 2, 15, 0, .hex)
    public static let bytes8to9 = Field(.raw2, "B8-9", dw: 2, 31, 16, .hex)
    public static let bytes10to11 = Field(.raw3, "B10-11", dw: 2, 15, 0, .hex)
    public static let bytes8to11 = Field(.raw2, "B8-11", dw: 2, 31, 0, .hex32)
    public static let bytes12to15 = Field(.raw4, "B12-15", dw: 3, 31, 0, .hex32)
    public static let vendorData = Field(.data, "VData", dw: 3, 31, 0, .hex32)
}
