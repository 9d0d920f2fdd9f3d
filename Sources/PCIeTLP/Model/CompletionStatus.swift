/// Completion Status (PCIe Table 2-37).
public enum CompletionStatus {
    /// `SC`, `UR`, `RRS`, `CA`, or `Rsvd<n>` for reserved encodings.
    public static func name(_ raw: UInt32) -> String { staticName(raw).map { $0.description } ?? "Rsvd\(raw)" }

    /// The name of a defined encoding as static bytes (the text writer copies them); nil for a
    /// reserved one, which is written `Rsvd<n>`.
    static func staticName(_ raw: UInt32) -> StaticString? {
        switch raw {
        case 0: "SC"
        case 1: "UR"
        case 2: "RRS"
        case 4: "CA"
        default: nil
        }
    }

    public static func isReserved(_ raw: UInt32) -> Bool { !(raw == 0 || raw == 1 || raw == 2 || raw == 4) }
}
