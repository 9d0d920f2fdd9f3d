import PCIeTLP

/// Data Link Layer Packets (PCIe Base 6.0 §3.5), decoded from their 6 bytes: the type byte,
/// three bytes of content, the 16-bit CRC.
public enum DLLP {
    /// The type's name (`Ack`, `UpdateFC-P`, ...) for the type byte, and the VC for FC DLLPs.
    public static func name(_ type: UInt8) -> (name: String, vc: Int?) {
        switch type {
        case 0x00: return ("Ack", nil)
        case 0x10: return ("Nak", nil)
        case 0x02: return ("Data_Link_Feature", nil)
        case 0x20: return ("PM_Enter_L1", nil)
        case 0x21: return ("PM_Enter_L23", nil)
        case 0x23: return ("PM_Active_State_Request_L1", nil)
        case 0x24: return ("PM_Request_Ack", nil)
        case 0x30: return ("Vendor_Specific", nil)
        case 0x31: return ("NOP", nil)
        default: break
        }
        let vc = Int(type & 0x07)
        guard type & 0x08 == 0 else { return ("reserved", nil) }
        let credit: String
        switch type & 0x30 {
        case 0x00: credit = "P"
        case 0x10: credit = "NP"
        case 0x20: credit = "Cpl"
        default: credit = ""
        }
        let family: String
        switch type & 0xC0 {
        case 0x40: family = "InitFC1"
        case 0xC0: family = "InitFC2"
        case 0x80: family = "UpdateFC"
        default: return ("reserved", nil)
        }
        // 0x70, 0xF0, 0xB0 rows: the MR-IOV forms, per virtual link.
        if credit.isEmpty { return ("MR" + family, vc) }
        return (family + "-" + credit, vc)
    }

    /// The `dllp` object: `type`, `code`, and for Ack/Nak the `seq`, for flow-control DLLPs the
    /// `vc` and the scaled credit fields, and the DLLP's `bytes`.
    public static func entries(_ bytes: some Collection<UInt8>) -> RecordValue {
        let b = Array(bytes)
        guard b.count == 6 else { return .object([RecordEntry("bytes", .string(Hex.bytes(b)))]) }
        let (name, vc) = name(b[0])
        let content = Int(b[1]) << 16 | Int(b[2]) << 8 | Int(b[3])
        var out = [RecordEntry("type", .string(name)), RecordEntry("code", .int(Int(b[0])))]
        if b[0] == 0x00 || b[0] == 0x10 {
            out.append(RecordEntry("seq", .int(content & 0xFFF)))
        } else if let vc {
            out.append(RecordEntry("vc", .int(vc)))
            out.append(RecordEntry("hdr_scale", .int(content >> 22 & 0x3)))
            out.append(RecordEntry("hdr_fc", .int(content >> 14 & 0xFF)))
            out.append(RecordEntry("data_scale", .int(content >> 12 & 0x3)))
            out.append(RecordEntry("data_fc", .int(content & 0xFFF)))
        }
        out.append(RecordEntry("bytes", .string(Hex.bytes(b))))
        return .object(out)
    }

    /// One line for text output: `UpdateFC-P VC0 HdrFC=32 DataFC=512`, `Ack seq=17`.
    public static func summary(_ value: RecordValue) -> String {
        guard case .object(let entries) = value else { return "DLLP" }
        var parts: [String] = []
        for entry in entries {
            switch (entry.key, entry.value) {
            case ("type", .string(let name)): parts.append(name)
            case ("seq", .int(let n)): parts.append("seq=\(n)")
            case ("vc", .int(let n)): parts.append("VC\(n)")
            case ("hdr_fc", .int(let n)): parts.append("HdrFC=\(n)")
            case ("data_fc", .int(let n)): parts.append("DataFC=\(n)")
            case ("bytes", .string(let text)): parts.append("(\(text))")
            default: break
            }
        }
        return parts.joined(separator: " ")
    }
}
