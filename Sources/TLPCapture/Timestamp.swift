import PCIeTLP

/// A capture timestamp with nanosecond resolution: the record's `time` key
/// (``TLPRecord/Time``), one type from the reader to the writers.
public typealias Timestamp = TLPRecord.Time

extension TLPRecord.Time {
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
}
