import PCIeTLP

/// Plain hex: one TLP per line, words or bytes (see ``HexText``); blank lines and `#` comments
/// are skipped. A comment `# mode: flit` (or `non-flit`) says the mode of the lines after it,
/// as the hex writer records it.
public struct HexReader: CaptureReader {
    /// The largest TLP: 4 KB of payload plus header, OHC, prefixes and trailer, with room.
    public static let maxTLPBytes = 8192
    private var lines: LineReader
    private let wordOrder: WordOrder
    private var mode: LinkMode?
    public private(set) var skippedLines = SkippedLines()

    public init(_ source: ByteSource, wordOrder: WordOrder) {
        lines = LineReader(source)
        self.wordOrder = wordOrder
    }

    public var progress: (done: Int64, total: Int64?) { (lines.source.offset, lines.source.totalSize) }

    /// What one line holds.
    enum Line {
        /// Empty or white space only.
        case blank
        /// A comment, or nothing but separators.
        case skip
        case mode(LinkMode)
        case record(CaptureRecord)
    }

    public mutating func next() throws(CaptureError) -> CaptureRecord? {
        let path = lines.source.path
        let order = wordOrder
        while true {
            let outcome = try lines.next { number, line -> Line in
                let source = RecordSource(path: path, line: number)
                switch line {
                case .text(let text): return Self.read(text, source: source, wordOrder: order)
                case .tooLong(let count):
                    return .record(.failed(source, "line of \(count) bytes is too long to hold a TLP"))
                }
            }
            switch outcome {
            case nil: return nil
            case .blank?: skippedLines.blank += 1
            case .skip?: skippedLines.text += 1
            case .mode(let mode)?:
                skippedLines.text += 1
                self.mode = mode
            case .record(var record)?:
                record.mode = mode
                return record
            }
        }
    }

    /// One line of plain hex: a TLP, a `# mode:` comment, or nothing.
    static func read(_ text: UnsafeBufferPointer<UInt8>, source: RecordSource, wordOrder: WordOrder) -> Line {
        var end = text.count
        if let hash = text.firstIndex(of: UInt8(ascii: "#")) {
            end = hash
            if let mode = modeComment(text, hash) { return .mode(mode) }
        }
        let content = UnsafeBufferPointer(rebasing: text[0..<end])
        do {
            let parsed = try HexText.parse(content, wordOrder: wordOrder)
            if parsed.bytes.isEmpty {
                return end == text.count && ByteText.skipSpaces(text, from: 0) == text.count ? .blank : .skip
            }
            if parsed.bytes.count > maxTLPBytes {
                return .record(
                    .failed(
                        source, "\(parsed.bytes.count) bytes on one line: more than one TLP can hold (\(maxTLPBytes))"))
            }
            var record = CaptureRecord(source: source, bytes: parsed.bytes)
            if parsed.hadWords { record.wordOrder = wordOrder }
            return .record(record)
        } catch {
            return .record(.failed(source, "\(error)"))
        }
    }

    /// `# mode: flit` / `# mode: non-flit`
    private static func modeComment(_ text: UnsafeBufferPointer<UInt8>, _ hash: Int) -> LinkMode? {
        let start = ByteText.skipSpaces(text, from: hash + 1)
        guard ByteText.hasPrefix("mode:", text, at: start) else { return nil }
        let value = ByteText.skipSpaces(text, from: start + 5)
        if ByteText.hasPrefix("non-flit", text, at: value) { return .nonFlit }
        if ByteText.hasPrefix("flit", text, at: value) { return .flit }
        return nil
    }
}
