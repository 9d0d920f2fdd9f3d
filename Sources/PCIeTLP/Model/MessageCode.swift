/// Message codes (PCIe Table 2-20 and the message sections of chapter 2) and their names.
public enum MessageCode {
    /// The spec's name for `code`, or nil for codes it does not define.
    public static func name(_ code: UInt8) -> String? { staticName(code).map { $0.description } }

    /// The spec's name for `code` as static bytes (the text writer copies them), or nil.
    static func staticName(_ code: UInt8) -> StaticString? {
        switch code {
        case 0x00: "Unlock"
        case 0x01: "ATS_Invalidate_Request"
        case 0x02: "ATS_Invalidate_Completion"
        case 0x04: "Page_Request"
        case 0x05: "PRG_Response"
        case 0x10: "LTR"
        case 0x12: "OBFF"
        case 0x14: "PM_Active_State_Nak"
        case 0x18: "PM_PME"
        case 0x19: "PME_Turn_Off"
        case 0x1B: "PME_TO_Ack"
        case 0x20: "Assert_INTA"
        case 0x21: "Assert_INTB"
        case 0x22: "Assert_INTC"
        case 0x23: "Assert_INTD"
        case 0x24: "Deassert_INTA"
        case 0x25: "Deassert_INTB"
        case 0x26: "Deassert_INTC"
        case 0x27: "Deassert_INTD"
        case 0x30: "ERR_COR"
        case 0x31: "ERR_NONFATAL"
        case 0x33: "ERR_FATAL"
        case 0x40, 0x41, 0x43, 0x44, 0x45, 0x47, 0x48: "Ignored"
        case 0x50: "Set_Slot_Power_Limit"
        case 0x52: "PTM_Request"
        case 0x53: "PTM_Response"
        case 0x54: "IDE_Sync"
        case 0x55: "IDE_Fail"
        case 0x7E: "Vendor_Defined_Type_0"
        case 0x7F: "Vendor_Defined_Type_1"
        default: nil
        }
    }

    /// Vendor-defined messages carry a Vendor ID in bytes 10..11.
    public static func isVendorDefined(_ code: UInt8) -> Bool { code == 0x7E || code == 0x7F }
}
