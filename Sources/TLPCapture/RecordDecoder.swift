import PCIeTLP

/// A capture record after decoding: a TLP with the notes the capture adds, or an error.
public enum DecodedRecord: Sendable {
    case tlp(TLP, notes: [String])
    case error(RecordError)

    /// Why the record did not decode, or nil when it did.
    public var error: RecordError? {
        if case .error(let error) = self { return error }
        return nil
    }

    /// Lends the decoded TLP and its notes to `body` where they are (a caller's pattern that
    /// binds them copies both), or gives nil for a record that did not decode.
    @inline(__always)
    public func withTLP<R>(_ body: (borrowing TLP, [String]) -> R) -> R? {
        guard case .tlp(let tlp, let notes) = self else { return nil }
        return body(tlp, notes)
    }
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

    /// The captured bytes a record decodes from in `mode`.
    public static func bytes(of record: CaptureRecord, mode: LinkMode) -> [UInt8] {
        mode == .nonFlit ? record.nonFlitBytes ?? record.bytes : record.bytes
    }

    /// The bytes of a header log after the TLP's header: the log's padding, not part of the TLP.
    public static func logPadding(of record: CaptureRecord, tlp: TLP) -> ArraySlice<UInt8> {
        guard record.isHeaderLog else { return [] }
        let bytes = bytes(of: record, mode: tlp.mode)
        let used = 4 * (tlp.prefixes.count + tlp.header.count + tlp.ohc.count)
        return bytes.dropFirst(used)
    }

    /// Decodes `record` whose bytes the reader lent in place (`bytes`; the record's own are
    /// empty): no copy of them is made for a plain TLP. Header logs and logs with their own
    /// non-flit bytes go through ``decode(_:)``.
    public func decode(_ record: CaptureRecord, bytes: UnsafeRawBufferPointer) -> DecodedRecord {
        guard record.bytes.isEmpty, !bytes.isEmpty, record.error == nil, !record.isHeaderLog,
            record.nonFlitBytes == nil
        else {
            guard record.bytes.isEmpty, !bytes.isEmpty else { return decode(record) }
            return decode(CaptureRecord(lent: record, bytes: bytes))
        }
        let result: TLPDecoder.Result
        do {
            result = try TLPDecoder.decode(bytes, mode: mode(for: record).mode)
        } catch {
            return .error(RecordError(error, source: record.source))
        }
        let notes = notes(record, result, byteCount: bytes.count)
        return .tlp(result.tlp, notes: notes)
    }

    /// The record's notes and what decoding adds: bytes past the TLP, an analyzer annotation
    /// that names another type.
    private func notes(_ record: CaptureRecord, _ result: TLPDecoder.Result, byteCount: Int) -> [String] {
        var notes = record.notes
        let extra = byteCount - result.consumed
        if extra > 0 {
            notes.append("\(extra) bytes after the end of the TLP (not decoded)")
        }
        if let annotated = record.annotationType, case let decoded = AnalyzerReader.typeName(result.tlp),
            annotated != decoded
        {
            notes.append("the analyzer annotation says \(annotated), the bytes decode as \(decoded)")
        }
        return notes
    }

    public func decode(_ record: CaptureRecord) -> DecodedRecord {
        if let error = record.error { return .error(RecordError(.unreadable, error, source: record.source)) }
        let mode = mode(for: record).mode
        var bytes = Self.bytes(of: record, mode: mode)
        let result: TLPDecoder.Result
        do {
            if record.isHeaderLog {
                // A header log holds the header only: what follows it is padding, not payload.
                let sized: Result<Int, DecodeError> = bytes.withUnsafeBytes { raw in
                    do throws(DecodeError) { return .success(try TLPView(raw, mode: mode).headerEnd) } catch {
                        return .failure(error)
                    }
                }
                let headerEnd = try sized.get()
                bytes.removeLast(bytes.count - headerEnd)
            }
            result = try TLPDecoder.decode(bytes, mode: mode)
        } catch {
            return .error(RecordError(error, source: record.source))
        }
        let notes = notes(record, result, byteCount: bytes.count)
        return .tlp(result.tlp, notes: notes)
    }
}
