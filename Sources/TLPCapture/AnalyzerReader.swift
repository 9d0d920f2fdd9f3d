import PCIeTLP

/// Protocol-analyzer text dumps (the seed's format): `XXXXXXXX -> annotation`, one line per
/// DW; a TLP starts at a line whose annotation starts with `STP` and runs until the next
/// `STP`, a framing token (`SDP`, `END`, `EDB`, ...), or a line that is not a DW line.
///
/// Mode comes from the annotations (`OHC=` is flit-only, `TH=` non-flit-only). With automatic
/// word order the first TLP whose annotated type matches exactly one order decides it for the
/// whole file (design §2); until then wire order is used.
public struct AnalyzerReader: CaptureReader {
    /// The most DW lines one TLP can have (``HexReader/maxTLPBytes``); a longer run is an
    /// error record, and its lines are skipped up to the next `STP`.
    public static let maxDWs = HexReader.maxTLPBytes / 4
    private var lines: LineReader
    private var wordOrder: WordOrder?
    /// The mode given on the command line, or the one the file's annotations showed so far.
    private var mode: LinkMode?
    /// The TLP being read: the line of its `STP`, when one is, its DW lines so far (their
    /// bytes as printed, most significant first, at ``pendingBytes``, and their digit counts),
    /// the type its annotation names and the mode an annotation showed.
    private var pendingLine: Int?
    private var pendingCount = 0
    private var pendingByteCount = 0
    private var pendingType = ""
    private var pendingMode: LinkMode?
    /// A TLP (or a run of DW lines) that cannot be decoded, reported once it has ended.
    private var broken: Broken?
    /// A TLP that has ended and waits to be handed out: ``record``, the one record lent to
    /// every caller (only its line, mode, word order and type change), and its bytes at
    /// ``readyBytes``.
    private var readyCount: Int?
    private var record: CaptureRecord
    private let buffers = Buffers()
    /// The two byte buffers: the TLP being read fills one while the other holds the TLP
    /// handed out.
    private var pendingBytes: UnsafeMutableRawPointer
    private var readyBytes: UnsafeMutableRawPointer
    /// The annotation types met so far (up to 16 bytes, as two numbers and a length) with
    /// their text, so that a TLP's type is a `String` made once per type, not once per TLP.
    private var typeKeys: [TypeKey] = []
    private var typeNames: [String] = []
    /// Error records waiting to be handed out, after a ready TLP (which always comes first).
    private var failures: [CaptureRecord] = []
    public private(set) var skippedLines = SkippedLines()

    /// `wordOrder` nil means automatic; `mode` is the mode given on the command line, if any.
    public init(_ source: ByteSource, wordOrder: WordOrder?, mode: LinkMode? = nil) {
        lines = LineReader(source)
        self.wordOrder = wordOrder
        self.mode = mode
        record = CaptureRecord(source: RecordSource(path: source.path), bytes: [])
        pendingBytes = buffers.first
        readyBytes = buffers.second
    }

    public var progress: (done: Int64, total: Int64?) { (lines.offset, lines.source.totalSize) }

    /// One DW as printed: its value and how many hex digits (a last partial DW has fewer).
    struct PrintedDW {
        var value: UInt32
        var digits: Int
    }

    /// Raw memory for the TLP being read and the one ready, sized for the largest TLP once:
    /// a line stores its DW's bytes with no check of room and no reference counting, and the
    /// ready bytes are handed out in place.
    private final class Buffers {
        /// The digit count of each DW of the TLP being read (8, or fewer for a partial DW).
        let digits = UnsafeMutablePointer<UInt8>.allocate(capacity: AnalyzerReader.maxDWs)
        let first = UnsafeMutableRawPointer.allocate(byteCount: 4 * AnalyzerReader.maxDWs, alignment: 8)
        let second = UnsafeMutableRawPointer.allocate(byteCount: 4 * AnalyzerReader.maxDWs, alignment: 8)

        deinit {
            digits.deallocate()
            first.deallocate()
            second.deallocate()
        }
    }

    /// Up to 16 bytes of an annotation type, as ``typeKeys`` holds them.
    struct TypeKey: Equatable {
        var low: UInt64
        var high: UInt64
        var count: Int

        init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard bytes.count <= 16 else { return nil }
            low = 0
            high = 0
            count = bytes.count
            for (index, byte) in bytes.enumerated() {
                if index < 8 {
                    low |= UInt64(byte) << UInt64(8 * index)
                } else {
                    high |= UInt64(byte) << UInt64(8 * (index - 8))
                }
            }
        }
    }

    /// Lines that belong to a TLP that will not decode: an error record at `line` once they end.
    private struct Broken {
        var line: Int
        var message: String
        /// DW lines after the first that belong to it.
        var more = 0
        /// Set for a TLP longer than ``maxDWs`` lines: the message counts its lines.
        var overlong = false
    }

    enum LineKind {
        /// An `STP` line; `note` is its annotation, valid until the next line is read.
        case start(PrintedDW, note: UnsafeBufferPointer<UInt8>)
        case continuation(PrintedDW, mode: LinkMode?)
        /// A DW line whose word is damaged (`O8000260 -> STP ...`): `start` when it opens a TLP.
        case damaged(String, start: Bool)
        /// Only hex words and no `->`: TLP-like, but not in this file's format.
        case hexOnly
        case blank
        case other
        case tooLong(Int)
    }

    public mutating func next() throws(CaptureError) -> CaptureRecord? {
        var out: CaptureRecord?
        _ = try withNext { out = CaptureRecord(lent: $0, bytes: $1) }
        return out
    }

    /// The next record, lent with its bytes in place (the record's own `bytes` are empty).
    public mutating func withNext(_ body: (inout CaptureRecord, UnsafeRawBufferPointer) -> Void) throws(CaptureError)
        -> Bool
    {
        if readyCount == nil && failures.isEmpty { try read() }
        if let count = readyCount {
            readyCount = nil
            body(&record, UnsafeRawBufferPointer(start: readyBytes, count: count))
            return true
        }
        guard !failures.isEmpty else { return false }
        var failed = failures.removeFirst()
        body(&failed, UnsafeRawBufferPointer(start: nil, count: 0))
        return true
    }

    /// Reads lines until a record has ended (or the input has).
    private mutating func read() throws(CaptureError) {
        while true {
            readContinuations()
            // The usual lines, read in place: `XXXXXXXX -> note` (eight hex digits at once,
            // the space and the arrow, the note's first three letters, the line's end found
            // eight bytes at a time after the arrow) and blank lines. Any other line (and a line
            // the window does not hold whole) takes the general path below.
            let unread = lines.unread
            if unread.count >= 11, let base = unread.baseAddress, base[8] == ByteText.space,
                base[9] == UInt8(ascii: "-"), base[10] == UInt8(ascii: ">"), let value = ByteText.hexWord(base),
                let newline = ByteText.newline(in: base, from: 11, count: unread.count)
            {
                let end = base[newline &- 1] == 0x0D ? newline &- 1 : newline
                // `-> note`: one space, usually.
                var noteStart = 11
                if noteStart < end, base[noteStart] == ByteText.space { noteStart = 12 }
                while noteStart < end, ByteText.isSpace(base[noteStart]) { noteStart &+= 1 }
                let note = UnsafeBufferPointer(start: base + noteStart, count: end &- noteStart)
                let head = Self.head(note)
                if head == Self.tokenSTP {
                    lines.skipLine(newline &+ 1)
                    startTLP(value, digits: 8, note: note, line: lines.lineNumber)
                    if readyCount != nil || !failures.isEmpty { return }
                    continue
                }
                if !Self.isFraming(note, head) {
                    lines.skipLine(newline &+ 1)
                    continueTLP(
                        value, digits: 8, mode: needMode ? ByteText.modeAnnotation(note) : nil, line: lines.lineNumber)
                    continue
                }
            } else if let base = unread.baseAddress, unread.count >= 1,
                base[0] == 0x0A || (unread.count >= 2 && base[0] == 0x0D && base[1] == 0x0A)
            {
                lines.skipLine(base[0] == 0x0A ? 1 : 2)
                skippedLines.blank += 1
                endRecords()
                if readyCount != nil || !failures.isEmpty { return }
                continue
            }
            guard let line = try lines.nextLine() else {
                if let record = takeBroken() { failures.append(record) }
                if pendingLine != nil { finishPending() }
                return
            }
            let number = lines.lineNumber
            switch Self.classify(line, needMode: needMode) {
            case .start(let dw, let note):
                startTLP(dw.value, digits: dw.digits, note: note, line: number)
            case .continuation(let dw, let mode):
                continueTLP(dw.value, digits: dw.digits, mode: mode, line: number)
            case .damaged(let message, let start):
                if start {
                    endRecords()
                    broken = Broken(line: number, message: message)
                } else if let line = pendingLine {
                    // A TLP with a damaged DW line cannot be decoded: report it whole.
                    broken = Broken(line: line, message: "line \(number): \(message)", more: pendingCount)
                    pendingLine = nil
                } else if broken != nil {
                    broken?.more += 1
                } else {
                    broken = Broken(line: number, message: message)
                }
            case .hexOnly:
                endRecords()
                failures.append(
                    .failed(
                        RecordSource(path: lines.source.path, line: number),
                        "hex words without '->' in an analyzer dump: not read as a TLP (read such lines with --input hex)"
                    ))
            case .blank:
                skippedLines.blank += 1
                endRecords()
            case .other:
                skippedLines.text += 1
                endRecords()
            case .tooLong(let count):
                endRecords()
                failures.append(
                    .failed(
                        RecordSource(path: lines.source.path, line: number),
                        "line of \(count) bytes is too long to read"))
            }
            if readyCount != nil || !failures.isEmpty { return }
        }
    }

    /// An `STP` line: ends the records before it and starts a TLP. Its annotation names the
    /// type (the word after `STP`) and may show the mode.
    private mutating func startTLP(_ value: UInt32, digits: Int, note: UnsafeBufferPointer<UInt8>, line: Int) {
        endRecords()
        pendingLine = line
        pendingCount = 0
        pendingByteCount = 0
        store(value, digits: digits)
        pendingMode = ByteText.modeAnnotation(note)
        let typeStart = ByteText.skipSpaces(note, from: 3)
        var typeEnd = typeStart
        while typeEnd < note.count, !ByteText.isSpace(note[typeEnd]) { typeEnd += 1 }
        let type = UnsafeBufferPointer(rebasing: note[typeStart..<typeEnd])
        guard let key = TypeKey(type) else {
            pendingType = String(decoding: type, as: UTF8.self)
            return
        }
        if let index = typeKeys.firstIndex(of: key) {
            pendingType = typeNames[index]
            return
        }
        pendingType = String(decoding: type, as: UTF8.self)
        if typeKeys.count < 16 {
            typeKeys.append(key)
            typeNames.append(pendingType)
        }
    }

    /// Adds a DW of the TLP being read: its bytes as printed, most significant first.
    @inline(__always)
    private mutating func store(_ value: UInt32, digits: Int) {
        let count = digits / 2
        if count == 4 {
            (pendingBytes + pendingByteCount).storeBytes(of: value.bigEndian, as: UInt32.self)
        } else {
            for k in 0..<count {
                pendingBytes.storeBytes(
                    of: UInt8(truncatingIfNeeded: value >> UInt32(8 * (count - 1 - k))),
                    toByteOffset: pendingByteCount + k, as: UInt8.self)
            }
        }
        buffers.digits[pendingCount] = UInt8(truncatingIfNeeded: digits)
        pendingCount &+= 1
        pendingByteCount &+= count
    }

    /// The run of DW lines that continue a TLP whose mode is known (most lines of a dump),
    /// read in one loop over the window with the counts kept in registers: each line is its
    /// eight hex digits, ` ->`, a note that is neither `STP` nor a framing token, and a line
    /// end. The loop stops at the first other line, which ``read()`` reads.
    @inline(__always)
    private mutating func readContinuations() {
        guard broken == nil, pendingLine != nil, pendingMode != nil else { return }
        let unread = lines.unread
        guard let base = unread.baseAddress else { return }
        let count = unread.count
        let out = pendingBytes
        let digits = buffers.digits
        var at = 0
        var dws = pendingCount
        var bytes = pendingByteCount
        var read = 0
        while dws < Self.maxDWs, count &- at >= 11 {
            let line = base + at
            // A payload line, `XXXXXXXX -> Data` (half the lines of a dump with payloads): its
            // end is where the text says.
            if count &- at >= 17, UnsafeRawPointer(line + 8).loadUnaligned(as: UInt64.self) == Self.arrowData,
                line[16] == 0x0A, let value = ByteText.hexWord(line)
            {
                (out + bytes).storeBytes(of: value.bigEndian, as: UInt32.self)
                digits[dws] = 8
                dws &+= 1
                bytes &+= 4
                at &+= 17
                read &+= 1
                continue
            }
            guard line[8] == ByteText.space, line[9] == UInt8(ascii: "-"), line[10] == UInt8(ascii: ">"),
                let value = ByteText.hexWord(line),
                let newline = ByteText.newline(in: line, from: 11, count: count &- at)
            else { break }
            let end = line[newline &- 1] == 0x0D ? newline &- 1 : newline
            var noteStart = 11
            if noteStart < end, line[noteStart] == ByteText.space { noteStart = 12 }
            while noteStart < end, ByteText.isSpace(line[noteStart]) { noteStart &+= 1 }
            let note = UnsafeBufferPointer(start: line + noteStart, count: end &- noteStart)
            let head = Self.head(note)
            if head == Self.tokenSTP || Self.isFraming(note, head) { break }
            (out + bytes).storeBytes(of: value.bigEndian, as: UInt32.self)
            digits[dws] = 8
            dws &+= 1
            bytes &+= 4
            at &+= newline &+ 1
            read &+= 1
        }
        guard read > 0 else { return }
        pendingCount = dws
        pendingByteCount = bytes
        lines.skipLines(bytes: at, count: read)
    }

    /// The eight bytes ` -> Data` as one little-endian number (a test holds it to the text).
    static let arrowDataText: StaticString = " -> Data"
    @inline(__always) static var arrowData: UInt64 { 0x6174_6144_203E_2D20 }

    /// Whether a DW line that continues a TLP needs its annotation read for the mode: only
    /// until the TLP being read shows one (outside a TLP the line's mode is not used).
    @inline(__always) private var needMode: Bool { pendingMode == nil && pendingLine != nil }

    /// A DW line that continues the TLP being read (or the broken run of lines, or starts
    /// one: a DW line outside a TLP).
    @inline(__always)
    private mutating func continueTLP(_ value: UInt32, digits: Int, mode: LinkMode?, line number: Int) {
        if broken != nil {
            broken?.more += 1
        } else if let line = pendingLine {
            if pendingCount < Self.maxDWs {
                store(value, digits: digits)
                if let mode, pendingMode == nil { pendingMode = mode }
            } else {
                broken = Broken(line: line, message: "", more: pendingCount, overlong: true)
                pendingLine = nil
            }
        } else {
            broken = Broken(line: number, message: "DW line outside a TLP: no STP line before it")
        }
    }

    /// Ends the TLP being read, and any broken run of lines (never both: a TLP that breaks
    /// stops being read).
    private mutating func endRecords() {
        if pendingLine != nil { finishPending() }
        if broken != nil, let record = takeBroken() { failures.append(record) }
    }

    /// The error record for a broken TLP, once it has ended.
    private mutating func takeBroken() -> CaptureRecord? {
        guard let broken else { return nil }
        self.broken = nil
        let source = RecordSource(path: lines.source.path, line: broken.line)
        if broken.overlong {
            return .failed(
                source, "\(broken.more + 1) DW lines in one TLP: more than one TLP can hold (\(Self.maxDWs))")
        }
        let rest = broken.more == 0 ? "" : " (\(broken.more) more DW lines of it not read)"
        return .failed(source, broken.message + rest)
    }

    /// Makes the TLP being read the ready record, in its word order.
    private mutating func finishPending() {
        guard let line = pendingLine else { return }
        pendingLine = nil
        // A TLP without a mode annotation takes the one the file showed before it.
        if let known = pendingMode, mode == nil { mode = known }
        let recordMode = pendingMode ?? mode
        let order = wordOrder ?? decideOrder(mode: recordMode) ?? .wire
        if order == .swapped { swapDWs(pendingBytes) }
        readyCount = pendingByteCount
        swap(&pendingBytes, &readyBytes)
        record.source.line = line
        record.mode = recordMode
        record.wordOrder = order
        record.annotationType = pendingType
    }

    /// Reverses the bytes of each DW of the TLP being read (as stored at `bytes`): the
    /// swapped word order prints each DW's bytes the other way round.
    private func swapDWs(_ bytes: UnsafeMutableRawPointer) {
        var at = 0
        for index in 0..<pendingCount {
            let count = Int(buffers.digits[index]) / 2
            let group = (bytes + at).assumingMemoryBound(to: UInt8.self)
            var low = 0
            var high = count - 1
            while low < high {
                (group[low], group[high]) = (group[high], group[low])
                low += 1
                high -= 1
            }
            at += count
        }
    }

    /// The order in which the decoded type equals the annotated one, when exactly one does.
    private mutating func decideOrder(mode: LinkMode?) -> WordOrder? {
        let mode = mode ?? .nonFlit
        let wire = Array(UnsafeRawBufferPointer(start: pendingBytes, count: pendingByteCount))
        var swapped = wire
        swapped.withUnsafeMutableBytes { bytes in
            if let base = bytes.baseAddress { swapDWs(base) }
        }
        let matches = [(WordOrder.wire, wire), (.swapped, swapped)].filter {
            Self.typeName($0.1, mode) == pendingType
        }
        guard matches.count == 1 else { return nil }
        wordOrder = matches[0].0
        return matches[0].0
    }

    /// The name the analyzer shows first for these bytes: the type, or the first prefix's kind.
    static func typeName(_ bytes: [UInt8], _ mode: LinkMode) -> String? {
        guard let tlp = try? TLPDecoder.decode(bytes, mode: mode).tlp else { return nil }
        return typeName(tlp)
    }

    static func typeName(_ tlp: TLP) -> String {
        guard let first = tlp.prefixKinds.first else { return tlp.type.rawValue }
        return first.isEndToEnd ? TLPType.endToEndPrefix.rawValue : TLPType.localPrefix.rawValue
    }

    static func classify(_ line: LineReader.Line, needMode: Bool) -> LineKind {
        guard case .text(let text) = line else {
            if case .tooLong(let count) = line { return .tooLong(count) }
            return .other
        }
        let start = ByteText.skipSpaces(text, from: 0)
        if start == text.count { return .blank }
        var end = start
        while end < text.count, HexText.hexNibble(text[end]) != nil { end += 1 }
        let digits = end - start
        let arrow = ByteText.skipSpaces(text, from: end)
        guard ByteText.hasPrefix("->", text, at: arrow) else {
            return damagedWord(text, from: start) ?? (looksLikeHexWords(text) ? .hexOnly : .other)
        }
        guard digits >= 2, digits <= 8, digits % 2 == 0, let value = ByteText.hexValue(text, start..<end) else {
            let reason = digits > 8 ? "more than 8 hex digits" : "odd number of hex digits"
            return .damaged("column \(start + 1): \(reason) in the DW before '->'", start: opensTLP(text, arrow))
        }
        let noteStart = ByteText.skipSpaces(text, from: arrow + 2)
        return classifyNote(
            UnsafeBufferPointer(rebasing: text[noteStart...]),
            dw: PrintedDW(value: UInt32(truncatingIfNeeded: value), digits: digits), needMode: needMode)
    }

    /// A DW line by its annotation (`note`, after `->` and spaces): `STP` opens a TLP (its type
    /// is the next word), a framing token ends one, anything else continues it. The mode
    /// annotation (`OHC=` flit, else `TH=` non-flit) is looked for when `needMode` or on an
    /// `STP` line; the rest of the annotation is not read.
    @inline(__always)
    static func classifyNote(_ note: UnsafeBufferPointer<UInt8>, dw: PrintedDW, needMode: Bool) -> LineKind {
        let head = Self.head(note)
        if head == Self.tokenSTP { return .start(dw, note: note) }
        let mode = needMode ? ByteText.modeAnnotation(note) : nil
        if isFraming(note, head) { return .other }
        return .continuation(dw, mode: mode)
    }

    /// The first three bytes of `note` as one number (0 when it is shorter): `STP` and the
    /// framing tokens are three letters.
    @inline(__always) static func head(_ note: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard note.count >= 3, let base = note.baseAddress else { return 0 }
        return UInt32(base[0]) | UInt32(base[1]) << 8 | UInt32(base[2]) << 16
    }

    /// The note starts with a framing token (whose ``head(_:)`` is `head`).
    @inline(__always) static func isFraming(_ note: UnsafeBufferPointer<UInt8>, _ head: UInt32) -> Bool {
        // Framing tokens start with S, E or I; most notes do not (`Data`, `RID=`, `OHC-B`).
        guard let first = note.first,
            first == UInt8(ascii: "S") || first == UInt8(ascii: "E") || first == UInt8(ascii: "I")
        else { return false }
        return framingTokens.contains(head)
    }

    /// Three letters as ``head(_:)`` reads them.
    static func token(_ text: StaticString) -> UInt32 {
        let bytes = text.utf8Start
        return UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16
    }

    /// `STP` as a ``token(_:)``, folded at compile time.
    @inline(__always) static var tokenSTP: UInt32 {
        UInt32(UInt8(ascii: "S")) | UInt32(UInt8(ascii: "T")) << 8 | UInt32(UInt8(ascii: "P")) << 16
    }
    /// Framing tokens: a line that starts with one ends the TLP before it.
    static let framingTokens: [UInt32] = ["SDP", "END", "EDB", "EDS", "IDL", "SKP"].map(token)

    /// A DW line whose word is damaged: one token of letters and digits, hex but for a few
    /// characters (`O8000260`, `0800026G`), then `->`. Lines of other text are not DW lines.
    private static func damagedWord(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> LineKind? {
        var end = start
        while end < text.count, isAlphanumeric(text[end]) { end += 1 }
        let arrow = ByteText.skipSpaces(text, from: end)
        guard end > start, end - start <= 16, ByteText.hasPrefix("->", text, at: arrow) else { return nil }
        var bad = start
        var nonHex = 0
        for index in start..<end where HexText.hexNibble(text[index]) == nil {
            if nonHex == 0 { bad = index }
            nonHex += 1
        }
        // Mostly hex: a word with a character or two misread, not a label such as `Time ->`.
        guard nonHex > 0, 4 * nonHex <= end - start else { return nil }
        let character = String(decoding: CollectionOfOne(text[bad]), as: UTF8.self)
        return .damaged(
            "column \(bad + 1): not a hex digit '\(character)' in the DW before '->'", start: opensTLP(text, arrow))
    }

    /// The annotation after the arrow at `arrow` opens a TLP (`STP`).
    private static func opensTLP(_ text: UnsafeBufferPointer<UInt8>, _ arrow: Int) -> Bool {
        ByteText.hasPrefix("STP", text, at: ByteText.skipSpaces(text, from: arrow + 2))
    }

    /// The line holds only 8-digit hex words (with optional `0x`), at least one.
    private static func looksLikeHexWords(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var bytes: [UInt8] = []
        let stop = ByteText.appendWords(text, from: 0, to: &bytes)
        return !bytes.isEmpty && ByteText.skipSpaces(text, from: stop) == text.count
    }

    private static func isAlphanumeric(_ c: UInt8) -> Bool {
        (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c)
    }
}
