import PCIeTLP

/// Linux logs that carry TLP header logs: AER and DPC in every kernel dialect, CPER, the
/// `aer_event` tracepoint, rasdaemon, and `lspci -vv` `HeaderLog:` lines. All other lines are
/// skipped (or, with `plainHex`, read as plain hex lines). `Docs/formats.md` lists the
/// dialects with their sources.
///
/// * Markers: `TLP Header (Flit):` (flit), `TLP Header:`, `TLB Header:` (the 2.6 kernels'
///   spelling), `aer_tlp_header:` (CPER on 3.x kernels), `TLP Header={...}` (tracepoint,
///   mode not stated) and lspci `HeaderLog:` (the mode of the device block).
/// * A header log with fewer words than its header needs waits for the next line: a line of
///   hex words only (after a kernel timestamp or syslog prefix) continues it, up to the
///   words one log holds. DPC `TLP Prefix Header:` lines after a `TLP Header:` line add
///   their prefix to that TLP.
/// * lspci: a device block starts at a line that begins with its address (`05:00.0`,
///   `0000:05:00.0`, or the `-P`/`-PP` path `00:1c.0/05:00.0`); `FltMode+` / `FltMode-` in the
///   block says its mode; without it the mode is not known.
/// * Records are header logs (``CaptureRecord/isHeaderLog``). All-zero logs (a register with
///   nothing logged) are skipped. A marker followed by something that is not a word is an
///   error record naming the column.
public struct LogReader: CaptureReader {
    /// Words one header log can hold: 4 header DWs (non-flit) or the 14 DWs of a flit log.
    static let maxLogWords = 14
    /// Non-flit TLP Prefix Log: four DWs.
    static let maxPrefixWords = 4

    private var lines: LineReader
    private var block = Block()
    public private(set) var skippedLines = SkippedLines()
    /// The header log read last, kept until the next line shows whether it continues it.
    private var pending: Pending?
    /// A record found on the line that ended the pending one.
    private var ready: CaptureRecord?
    /// Read lines that hold no log marker as plain hex (one TLP per line, `# mode:` comments).
    private let plainHex: WordOrder?
    private var plainMode: LinkMode?

    private struct Block {
        var device: String?
        var flit: Bool?
    }

    /// A header log being read.
    struct Pending {
        var source: RecordSource
        var mode: LinkMode?
        /// Header log words as wire bytes.
        var words: [UInt8] = []
        /// Non-flit E-E prefix words as wire bytes (zero ones included, as logged).
        var prefixes: [UInt8] = []
        /// The `aer_event` tracepoint: up to 14 words, mode not stated.
        var tracepoint = false
        /// DPC's `TLP Prefix Header:` lines may follow (a non-flit `TLP Header:` line).
        var takesPrefixLines = false
        var notes: [String] = []

        /// Bytes of header words still welcome on a continuation line.
        var wantsWords: Int {
            let limit = 4 * (mode == .flit || tracepoint ? LogReader.maxLogWords : 4)
            guard words.count < limit else { return 0 }
            if words.count < 16 { return limit - words.count }
            // Flit: as many words as the header and its OHC need.
            let sized = words.withUnsafeBytes { raw in (try? TLPView(raw, mode: .flit)) != nil }
            return mode == .flit && !sized ? limit - words.count : 0
        }

        /// The record this log gives; nil for an all-zero log.
        func finish() -> CaptureRecord? {
            if words.isEmpty {
                return .failed(source, "the header log holds no words")
            }
            guard words.contains(where: { $0 != 0 }) else { return nil }
            var record = CaptureRecord(source: source, bytes: LogReader.nonZeroWords(prefixes) + words, mode: mode)
            if tracepoint, words.count > 16 {
                // 6.15+ prints all 14 words of the log; in non-flit mode words 5..8 are the
                // TLP Prefix Log and the rest read zero.
                let prefixLog = words[16..<min(words.count, 32)]
                record.nonFlitBytes = LogReader.nonZeroWords(prefixLog) + words[0..<16]
            }
            record.isHeaderLog = true
            record.notes = notes
            return record
        }
    }

    public init(_ source: ByteSource, plainHex: WordOrder? = nil) {
        lines = LineReader(source)
        self.plainHex = plainHex
    }

    public var progress: (done: Int64, total: Int64?) { (lines.source.offset, lines.source.totalSize) }

    /// The record a finished log gives; an all-zero one (nothing logged) is counted, not read.
    private mutating func finish(_ log: Pending?) -> CaptureRecord? {
        guard let log else { return nil }
        let record = log.finish()
        if record == nil { skippedLines.emptyLogs += 1 }
        return record
    }

    enum Outcome {
        case blank
        case skip
        case blockStart(String)
        case linkMode(flit: Bool)
        case log(Pending)
        case continuation(Continuation, line: Int)
        case prefixLine([UInt8], device: String?)
        case keepPending
        case plainMode(LinkMode)
        case record(CaptureRecord)
    }

    /// What the line after a header log may be, given the log read so far.
    struct Expecting {
        var words = 0
        var prefixLines = false
    }

    public mutating func next() throws(CaptureError) -> CaptureRecord? {
        let path = lines.source.path
        while true {
            if let record = ready {
                ready = nil
                return record
            }
            var expecting = Expecting()
            if let pending {
                expecting = Expecting(words: pending.wantsWords, prefixLines: pending.takesPrefixLines)
            }
            let context = (block: block, expecting: expecting, plainHex: plainHex)
            let outcome = try lines.next { number, line -> Outcome in
                switch line {
                case .text(let text):
                    if ByteText.skipSpaces(text, from: 0) == text.count { return .blank }
                    return Self.read(
                        text, number: number, path: path, block: context.block, expecting: context.expecting,
                        plainHex: context.plainHex)
                case .tooLong(let count):
                    guard context.plainHex != nil else { return .skip }
                    return .record(
                        .failed(
                            RecordSource(path: path, line: number), "line of \(count) bytes is too long to hold a TLP"))
                }
            }
            guard let outcome else {
                // End of input: the last log is complete.
                return finish(pending.take())
            }
            switch outcome {
            case .continuation(let words, let line):
                // The source names the line of the first word (the 2.6 form has none on its marker line).
                if pending?.words.isEmpty == true { pending?.source.line = line }
                pending?.words += words.bytes
                pending?.prefixes += words.prefixes
                continue
            case .prefixLine(let bytes, let device):
                if var log = pending, device == nil || device == log.source.device {
                    if log.prefixes.count < 4 * Self.maxPrefixWords {
                        log.prefixes += bytes
                    } else if bytes.contains(where: { $0 != 0 }) {
                        log.notes.append(
                            "more than \(Self.maxPrefixWords) TLP Prefix Header lines; the rest are not used")
                    }
                    pending = log
                }
                continue
            case .keepPending:
                continue
            default:
                break
            }
            // Any other line ends the pending log.
            let finished = finish(pending.take())
            switch outcome {
            case .blank: skippedLines.blank += 1
            case .skip: skippedLines.text += 1
            case .continuation, .prefixLine, .keepPending: break
            case .blockStart(let device):
                skippedLines.text += 1
                block = Block(device: device, flit: nil)
            case .linkMode(let flit):
                skippedLines.text += 1
                block.flit = flit
            case .log(let log): pending = log
            case .plainMode(let mode): plainMode = mode
            case .record(var record):
                if plainHex != nil, record.mode == nil, record.error == nil { record.mode = plainMode }
                ready = record
            }
            if let finished { return finished }
        }
    }

    private static func read(
        _ text: UnsafeBufferPointer<UInt8>, number: Int, path: String, block: Block, expecting: Expecting,
        plainHex: WordOrder?
    ) -> Outcome {
        if expecting.words > 0, let bytes = continuationWords(text, limit: expecting.words) {
            return .continuation(bytes, line: number)
        }
        if expecting.prefixLines {
            if let at = ByteText.find("TLP Prefix Header:", in: text) {
                // `TLP Prefix Header: dw%d, %#010x`
                var index = at + 18
                if let comma = text[index...].firstIndex(of: UInt8(ascii: ",")) { index = comma + 1 }
                var bytes: [UInt8] = []
                _ = ByteText.appendWords(text, from: index, to: &bytes)
                if bytes.count == 4 {
                    return .prefixLine(bytes, device: deviceAddress(UnsafeBufferPointer(rebasing: text[0..<at])))
                }
            }
            if ByteText.find("RP PIO ImpSpec Log", in: text) != nil { return .keepPending }
        }
        if let device = lspciDevice(text) { return .blockStart(device) }
        if let at = ByteText.find("FltMode", in: text), at + 7 < text.count,
            text[at + 7] == UInt8(ascii: "+") || text[at + 7] == UInt8(ascii: "-")
        {
            return .linkMode(flit: text[at + 7] == UInt8(ascii: "+"))
        }
        guard let marker = findMarker(text, block: block) else {
            guard let plainHex else { return .skip }
            return plainLine(text, number: number, path: path, wordOrder: plainHex)
        }
        let device = deviceAddress(UnsafeBufferPointer(rebasing: text[0..<marker.start])) ?? block.device
        let source = RecordSource(path: path, line: number, device: device)
        var log = Pending(source: source, mode: marker.mode)
        if marker.tracepoint {
            log.tracepoint = true
            switch tracepointWords(text, from: marker.end) {
            case .success(let words): log.words = words
            case .failure(let error): return .record(.failed(source, error.message))
            }
            return .log(log)
        }
        let stop = ByteText.appendWords(text, from: marker.end, to: &log.words)
        let next = ByteText.skipSpaces(text, from: stop)
        if let at = ByteText.find("E-E Prefixes:", in: text, from: stop) {
            _ = ByteText.appendWords(text, from: at + 13, to: &log.prefixes)
            if log.prefixes.count > 4 * maxPrefixWords {
                log.prefixes.removeLast(log.prefixes.count - 4 * maxPrefixWords)
            }
        } else if next < text.count, log.words.count < 16 {
            // Something other than a word where a word belongs: say where, never skip it.
            var end = next
            while end < text.count, !ByteText.isSpace(text[end]) { end += 1 }
            let token = String(decoding: UnsafeBufferPointer(rebasing: text[next..<min(end, next + 40)]), as: UTF8.self)
            let name = String(decoding: UnsafeBufferPointer(rebasing: text[marker.start..<marker.end]), as: UTF8.self)
            return .record(
                .failed(source, "column \(next + 1): not an 8-digit hex word after '\(name)': '\(token)'"))
        }
        log.takesPrefixLines = marker.mode == .nonFlit && marker.kind == .tlpHeader
        return .log(log)
    }

    enum MarkerKind {
        case tlpHeader, other
    }

    struct Marker {
        var start: Int
        var end: Int
        var mode: LinkMode?
        var tracepoint = false
        var kind = MarkerKind.other
    }

    private static func findMarker(_ text: UnsafeBufferPointer<UInt8>, block: Block) -> Marker? {
        if let at = ByteText.find("TLP Header", in: text) {
            let after = at + 10
            if ByteText.hasPrefix(" (Flit):", text, at: after) { return Marker(start: at, end: after + 8, mode: .flit) }
            if ByteText.hasPrefix(":", text, at: after) {
                return Marker(start: at, end: after + 1, mode: .nonFlit, kind: .tlpHeader)
            }
            if ByteText.hasPrefix("={", text, at: after) {
                return Marker(start: at, end: after + 2, mode: nil, tracepoint: true)
            }
        }
        if let at = ByteText.find("TLB Header:", in: text) { return Marker(start: at, end: at + 11, mode: .nonFlit) }
        if let at = ByteText.find("aer_tlp_header:", in: text) {
            return Marker(start: at, end: at + 15, mode: .nonFlit)
        }
        if let at = ByteText.find("HeaderLog:", in: text) {
            return Marker(start: at, end: at + 10, mode: block.flit.map { $0 ? .flit : .nonFlit })
        }
        return nil
    }

    struct ReadError: Error {
        var message: String
    }

    /// `{0x34000000,0x8000052,0x0,0x0}`: `0x%x` words (any width up to 8 digits) up to `}`.
    private static func tracepointWords(_ text: UnsafeBufferPointer<UInt8>, from: Int) -> Result<[UInt8], ReadError> {
        var bytes: [UInt8] = []
        var index = from
        while true {
            let start = index
            var digits = index
            if ByteText.hasPrefix("0x", text, at: digits) { digits += 2 }
            var end = digits
            while end < text.count, HexText.hexNibble(text[end]) != nil { end += 1 }
            let terminated = end < text.count && (text[end] == UInt8(ascii: ",") || text[end] == UInt8(ascii: "}"))
            guard end > digits, end - digits <= 8, terminated, let word = ByteText.hexValue(text, digits..<end) else {
                var stop = start
                while stop < text.count, text[stop] != UInt8(ascii: ","), text[stop] != UInt8(ascii: "}") {
                    stop += 1
                }
                let token = String(
                    decoding: UnsafeBufferPointer(rebasing: text[start..<min(stop, start + 40)]), as: UTF8.self)
                return .failure(
                    ReadError(message: "column \(start + 1): not a hex word in 'TLP Header={...}': '\(token)'"))
            }
            guard bytes.count < 4 * maxLogWords else {
                return .failure(
                    ReadError(message: "column \(start + 1): more than \(maxLogWords) words in 'TLP Header={...}'"))
            }
            bytes.append(UInt8(truncatingIfNeeded: word >> 24))
            bytes.append(UInt8(truncatingIfNeeded: word >> 16))
            bytes.append(UInt8(truncatingIfNeeded: word >> 8))
            bytes.append(UInt8(truncatingIfNeeded: word))
            index = end + 1
            if text[end] == UInt8(ascii: "}") { return .success(bytes) }
        }
    }

    /// A line that holds only hex words (after a syslog `... kernel:` prefix and a `[timestamp]`),
    /// at most `limit` bytes of them, and perhaps the `E-E Prefixes:` of a wrapped AER line; nil
    /// for any other line.
    static func continuationWords(_ text: UnsafeBufferPointer<UInt8>, limit: Int) -> Continuation? {
        var start = 0
        if let kernel = ByteText.find("kernel: ", in: text) { start = kernel + 8 }
        start = ByteText.skipSpaces(text, from: start)
        if start < text.count, text[start] == UInt8(ascii: "["),
            let close = text[start...].firstIndex(of: UInt8(ascii: "]"))
        {
            start = close + 1
        }
        var words = Continuation()
        var stop = ByteText.appendWords(text, from: start, to: &words.bytes)
        guard !words.bytes.isEmpty else { return nil }
        stop = ByteText.skipSpaces(text, from: stop)
        if ByteText.hasPrefix("E-E Prefixes:", text, at: stop) {
            stop = ByteText.skipSpaces(text, from: ByteText.appendWords(text, from: stop + 13, to: &words.prefixes))
        }
        guard stop == text.count else { return nil }
        if words.bytes.count > limit { words.bytes.removeLast(words.bytes.count - limit) }
        if words.prefixes.count > 4 * maxPrefixWords {
            words.prefixes.removeLast(words.prefixes.count - 4 * maxPrefixWords)
        }
        return words
    }

    /// The words of a continuation line, and the `E-E Prefixes:` that may end it.
    struct Continuation {
        var bytes: [UInt8] = []
        var prefixes: [UInt8] = []
    }

    /// A line read as the hex reader reads it (`tlpcheck hex` on standard input).
    private static func plainLine(
        _ text: UnsafeBufferPointer<UInt8>, number: Int, path: String, wordOrder: WordOrder
    ) -> Outcome {
        switch HexReader.read(text, source: RecordSource(path: path, line: number), wordOrder: wordOrder) {
        case .skip, .blank: return .skip
        case .mode(let mode): return .plainMode(mode)
        case .record(let record): return .record(record)
        }
    }

    static func nonZeroWords(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let array = Array(bytes)
        var out: [UInt8] = []
        var index = 0
        while index + 4 <= array.count {
            if array[index..<index + 4].contains(where: { $0 != 0 }) { out += array[index..<index + 4] }
            index += 4
        }
        return out
    }

    /// lspci starts a device block with its address at column 0: `05:00.0 ...`, `0000:05:00.0 ...`,
    /// or with `-P`/`-PP` the path through the bridges, `00:1c.0/00.0` or `00:1c.0/05:00.0`.
    private static func lspciDevice(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        guard var length = addressLength(text, at: 0) else { return nil }
        while length < text.count, text[length] == UInt8(ascii: "/"), let next = pathComponentEnd(text, at: length + 1)
        {
            length = next
        }
        guard length < text.count, text[length] == ByteText.space else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: text[0..<length]), as: UTF8.self)
    }

    /// End of a `-P` path component `DD.F` or `-PP` component `BB:DD.F` starting at `at`.
    private static func pathComponentEnd(_ text: UnsafeBufferPointer<UInt8>, at: Int) -> Int? {
        func hex(_ index: Int) -> Bool { index < text.count && HexText.hexNibble(text[index]) != nil }
        func char(_ index: Int, _ c: UInt8) -> Bool { index < text.count && text[index] == c }
        var index = at
        if hex(index), hex(index + 1), char(index + 2, UInt8(ascii: ":")) { index += 3 }
        guard hex(index), hex(index + 1), char(index + 2, UInt8(ascii: ".")), hex(index + 3) else { return nil }
        return index + 4
    }

    /// The first `DDDD:BB:DD.F` in the text (the device a kernel log line names).
    private static func deviceAddress(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        var index = 0
        while index < text.count {
            if let length = addressLength(text, at: index), length - index == 12 {
                return String(decoding: UnsafeBufferPointer(rebasing: text[index..<length]), as: UTF8.self)
            }
            index += 1
        }
        return nil
    }

    /// End index of a PCI address `[DDDD:]BB:DD.F` starting at `at`, if there is one.
    private static func addressLength(_ text: UnsafeBufferPointer<UInt8>, at: Int) -> Int? {
        func hexRun(_ from: Int, _ count: Int) -> Bool {
            guard from + count <= text.count else { return false }
            return (from..<from + count).allSatisfy { HexText.hexNibble(text[$0]) != nil }
        }
        func char(_ index: Int, _ c: Character) -> Bool { index < text.count && text[index] == c.asciiValue }
        var index = at
        if hexRun(index, 4), char(index + 4, ":") { index += 5 }
        guard hexRun(index, 2), char(index + 2, ":"), hexRun(index + 3, 2), char(index + 5, "."), hexRun(index + 6, 1)
        else { return nil }
        if at > 0, HexText.hexNibble(text[at - 1]) != nil { return nil }
        return index + 7
    }
}
