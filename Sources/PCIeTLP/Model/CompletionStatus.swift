/// Completion Status (PCIe Table 2-37).
public enum CompletionStatus {
    /// `SC`, `UR`, `RRS`, `CA`, or `Rsvd<n>` for reserved encodings.
    public static func name(_ raw: UInt32) -> String {
        switch raw {
        case 0: "SC"
        case 1: "UR"
        case 2: "RRS"
        case 4: "CA"
        default: "Rsvd\(raw)"
        }
    }

    public static func isReserved(_ raw: UInt32) -> Bool { !(raw == 0 || raw == 1 || raw == 2 || raw == 4) }
}
