/// A streaming capture reader: one record at a time, memory bounded whatever the input size.
public protocol CaptureReader {
    /// The next record, or nil at the end of the input. Throws only when the input as a whole
    /// is unusable; a bad record comes back as a record with `error` set.
    mutating func next() throws(CaptureError) -> CaptureRecord?

    /// Bytes of the input read so far and the input's size when known (for progress).
    var progress: (done: Int64, total: Int64?) { get }

    /// Calls `body` with the next record and its bytes in place; nil at the end of the input.
    /// Readers that can hand out bytes without copying them (``MappedPcapReader``) do so; the
    /// default goes through `next()`. The record's own `bytes` may be empty: read the buffer.
    mutating func withNext<R>(_ body: (CaptureRecord, UnsafeRawBufferPointer) throws(CaptureError) -> R)
        throws(CaptureError) -> R?
}

extension CaptureReader {
    /// The default ``withNext(_:)``: the next record, its own bytes.
    public mutating func withNext<R>(_ body: (CaptureRecord, UnsafeRawBufferPointer) throws(CaptureError) -> R)
        throws(CaptureError) -> R?
    {
        guard let record = try next() else { return nil }
        let result: Result<R, CaptureError> = record.bytes.withUnsafeBytes { bytes in
            do throws(CaptureError) { return .success(try body(record, bytes)) } catch { return .failure(error) }
        }
        return try result.get()
    }
}
