/// A streaming capture reader: one record at a time, memory bounded whatever the input size.
public protocol CaptureReader {
    /// The next record, or nil at the end of the input. Throws only when the input as a whole
    /// is unusable; a bad record comes back as a record with `error` set.
    mutating func next() throws(CaptureError) -> CaptureRecord?

    /// Bytes of the input read so far and the input's size when known (for progress).
    var progress: (done: Int64, total: Int64?) { get }
}
