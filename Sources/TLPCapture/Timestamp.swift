/// A capture timestamp with nanosecond resolution.
public struct Timestamp: Hashable, Sendable, CustomStringConvertible {
    public var seconds: Int64
    public var nanoseconds: UInt32

    public init(seconds: Int64, nanoseconds: UInt32) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds % 1_000_000_000
    }

    /// Decimal seconds with nine fraction digits: `"1718122260.123456789"` (the JSON `time`).
    public var description: String {
        let fraction = String(nanoseconds)
        return "\(seconds)." + String(repeating: "0", count: 9 - fraction.count) + fraction
    }
}
