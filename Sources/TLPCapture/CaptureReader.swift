/// A streaming capture reader: one record at a time, memory bounded whatever the input size.
public protocol CaptureReader {
    /// The next record, or nil at the end of the input. Throws only when the input as a whole
    /// is unusable; a bad record comes back as a record with `error` set.
    mutating func next() throws(CaptureError) -> CaptureRecord?

    /// Bytes of the input read so far and the input's size when known (for progress).
    var progress: (done: Int64, total: Int64?) { get }

    /// Lines of a text input that belong to no record (so that lines read can be checked
    /// against records read); zero for binary inputs.
    var skippedLines: SkippedLines { get }

    /// Calls `body` with the next record and its bytes in place; false at the end of the input.
    /// Readers that can hand out bytes without copying them (``ClassicPcapReader``) do so; the
    /// default goes through `next()`. The record's own `bytes` may be empty: read the buffer.
    /// Not generic, so a call through `any CaptureReader` is one witness call with nothing to
    /// instantiate per record; the record is lent `inout` so that a reader can hand out the one
    /// it keeps without copying it (`body` must not keep it).
    mutating func withNext(_ body: (inout CaptureRecord, UnsafeRawBufferPointer) -> Void) throws(CaptureError) -> Bool
}

/// Lines a text reader read and recognised as holding no TLP.
public struct SkippedLines: Hashable, Sendable {
    /// Empty or white space only.
    public var blank = 0
    /// Anything else: comments, log lines without a TLP, framing lines, headings.
    public var text = 0
    /// Header logs that held nothing (all zero: no error was logged).
    public var emptyLogs = 0

    public init() {}

    public var total: Int { blank + text + emptyLogs }
}

extension CaptureReader {
    public var skippedLines: SkippedLines { SkippedLines() }

    /// The default ``withNext(_:)``: the next record, its own bytes.
    public mutating func withNext(_ body: (inout CaptureRecord, UnsafeRawBufferPointer) -> Void) throws(CaptureError)
        -> Bool
    {
        guard var record = try next() else { return false }
        let bytes = record.bytes
        bytes.withUnsafeBytes { body(&record, $0) }
        return true
    }

}

extension CaptureRecord {
    /// A lent record with its bytes copied in: what `next()` returns for a reader whose own
    /// primitive is ``CaptureReader/withNext(_:)``.
    public init(lent record: CaptureRecord, bytes: UnsafeRawBufferPointer) {
        self = record
        self.bytes = Array(bytes)
    }
}
