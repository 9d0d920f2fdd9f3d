import PCIeTLP

/// A capture record after decoding: a TLP with the notes the capture adds, or an error.
public enum DecodedRecord: Sendable {
    case tlp(TLP, notes: [String])
    case error(String)
}

/// Turns capture records into TLPs: picks the mode (given, else the source's, else non-flit,
/// which the caller reports as assumed), decodes, and adds capture-level notes.
public struct RecordDecoder: Sendable {
    /// `--mode flit|non-flit`; nil for `auto`.
    public let mode: LinkMode?

    public init(mode: LinkMode?) {
        self.mode = mode
    }

    /// The mode a record is decoded in, and whether it was assumed rather than known.
    public func mode(for record: CaptureRecord) -> (mode: LinkMode, assumed: Bool) {
        if let mode { return (mode, false) }
        if let mode = record.mode { return (mode, false) }
        return (.nonFlit, true)
    }

    public func decode(_ record: CaptureRecord) -> DecodedRecord {
        if let error = record.error { return .error(error) }
        let mode = mode(for: record).mode
        let result: TLPDecoder.Result
        do {
            result = try TLPDecoder.decode(record.bytes, mode: mode)
        } catch {
            return .error("\(error)")
        }
        var notes = record.notes
        let extra = record.bytes.count - result.consumed
        if extra > 0, !record.trailingBytesExpected {
            notes.append("\(extra) bytes after the end of the TLP (not decoded)")
        }
        if let annotated = record.annotationType, case let decoded = AnalyzerReader.typeName(result.tlp),
            annotated != decoded
        {
            notes.append("the analyzer annotation says \(annotated), the bytes decode as \(decoded)")
        }
        return .tlp(result.tlp, notes: notes)
    }
}
