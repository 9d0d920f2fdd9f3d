/// A capture timestamp with nanosecond resolution.
public struct Timestamp: Hashable, Sendable, CustomStringConvertible {
    public var seconds: Int64
    /// Always below 1,000,000,000.
    public var nanoseconds: UInt32

    public init(seconds: Int64, nanoseconds: UInt32) {
        self.seconds = seconds + Int64(nanoseconds / 1_000_000_000)
        self.nanoseconds = nanoseconds % 1_000_000_000
    }

    /// A pcap record's time: unsigned 32-bit seconds (as the format defines them) and the
    /// fraction in nanoseconds. A fraction of a second or more is not valid; it carries into
    /// the seconds, and the note says so (it becomes a warning on the record).
    public static func pcap(seconds: UInt32, fraction: UInt32) -> (Timestamp, note: String?) {
        let time = Timestamp(seconds: Int64(seconds), nanoseconds: fraction)
        guard fraction >= 1_000_000_000 else { return (time, nil) }
        return (
            time,
            "timestamp fraction of \(fraction) ns is a second or more (out of range); read as \(time)"
        )
    }

    /// Decimal seconds with nine fraction digits: `"1718122260.123456789"` (the JSON `time`).
    public var description: String {
        let fraction = String(nanoseconds)
        return "\(seconds)." + String(repeating: "0", count: 9 - fraction.count) + fraction
    }
}
