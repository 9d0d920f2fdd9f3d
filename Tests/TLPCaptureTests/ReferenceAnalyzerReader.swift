// The analyzer reader and line reader as they were before they read lines in place, kept
// as the reference that AnalyzerReaderTests compare the readers with.
import PCIeTLP

@testable import TLPCapture

/// The analyzer reader as it was before it read lines in place (the reference of
/// `AnalyzerReaderTests`). Protocol-analyzer text dumps (the seed's format): `XXXXXXXX -> annotation`, one line per
/// DW; a TLP starts at a line whose annotation starts with `STP` and runs until the next
/// `STP`, a framing token (`SDP`, `END`, `EDB`, ...), or a line that is not a DW line.
///
/// Mode comes from the annotations (`OHC=` is flit-only, `TH=` non-flit-only). With automatic
/// word order the first TLP whose annotated type matches exactly one order decides it for the
/// whole file (design §2); until then wire order is used.
struct ReferenceAnalyzerReader: CaptureReader {
    /// The most DW lines one TLP can have (``HexReader/maxTLPBytes``); a longer run is an
    /// error record, and its lines are skipped up to the next `STP`.
    static let maxDWs = HexReader.maxTLPBytes / 4
    private var lines: ReferenceLineReader
    private var wordOrder: WordOrder?
    /// The mode given on the command line, or the one the file's annotations showed so far.
    private var mode: LinkMode?
    private var pending: Pending?
    /// A TLP (or a run of DW lines) that cannot be decoded, reported once it has ended.
    private var broken: Broken?
    private var queued: [CaptureRecord] = []
    private(set) var skippedLines = SkippedLines()

    /// `wordOrder` nil means automatic; `mode` is the mode given on the command line, if any.
    init(_ source: ByteSource, wordOrder: WordOrder?, mode: LinkMode? = nil) {
        lines = ReferenceLineReader(source)
        self.wordOrder = wordOrder
        self.mode = mode
    }

    var progress: (done: Int64, total: Int64?) { (lines.source.offset, lines.source.totalSize) }

    /// One DW as printed: its value and how many hex digits (a last partial DW has fewer).
    struct PrintedDW {
        var value: UInt32
        var digits: Int
    }

    private struct Pending {
        var line: Int
        var dws: [PrintedDW]
        var annotationType: String
        var mode: LinkMode?
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

    private enum LineKind {
        case start(PrintedDW, type: String, mode: LinkMode?)
        case continuation(PrintedDW, mode: LinkMode?)
        /// A DW line whose word is damaged (`O8000260 -> STP ...`): `start` when it opens a TLP.
        case damaged(String, start: Bool)
        /// Only hex words and no `->`: TLP-like, but not in this file's format.
        case hexOnly
        case blank
        case other
        case tooLong(Int)
    }

    mutating func next() throws(CaptureError) -> CaptureRecord? {
        if !queued.isEmpty { return queued.removeFirst() }
        while true {
            // The mode annotation is looked for only until the current TLP has one.
            let needMode = pending?.mode == nil
            guard
                let (number, kind) = try lines.next({ number, line in (number, Self.classify(line, needMode: needMode))
                })
            else {
                if let record = takeBroken() { queue(record) }
                if let last = pending {
                    pending = nil
                    queue(finish(last))
                }
                return queued.isEmpty ? nil : queued.removeFirst()
            }
            switch kind {
            case .start(let dw, let type, let mode):
                let next = Pending(line: number, dws: [dw], annotationType: type, mode: mode)
                endRecords()
                pending = next
            case .continuation(let dw, let mode):
                if broken != nil {
                    broken?.more += 1
                } else if let current = pending {
                    if current.dws.count < Self.maxDWs {
                        pending?.dws.append(dw)
                        if let mode, pending?.mode == nil { pending?.mode = mode }
                    } else {
                        broken = Broken(line: current.line, message: "", more: current.dws.count, overlong: true)
                        pending = nil
                    }
                } else {
                    broken = Broken(line: number, message: "DW line outside a TLP: no STP line before it")
                }
            case .damaged(let message, let start):
                if start {
                    endRecords()
                    broken = Broken(line: number, message: message)
                } else if let current = pending {
                    // A TLP with a damaged DW line cannot be decoded: report it whole.
                    broken = Broken(
                        line: current.line, message: "line \(number): \(message)", more: current.dws.count)
                    pending = nil
                } else if broken != nil {
                    broken?.more += 1
                } else {
                    broken = Broken(line: number, message: message)
                }
            case .hexOnly:
                endRecords()
                queue(
                    .failed(
                        RecordSource(path: lines.source.path, line: number),
                        "hex words without '->' in an analyzer dump: not read as a TLP (read such lines with --input hex)"
                    ))
            case .blank, .other:
                if case .blank = kind { skippedLines.blank += 1 } else { skippedLines.text += 1 }
                endRecords()
            case .tooLong(let count):
                endRecords()
                queue(
                    .failed(
                        RecordSource(path: lines.source.path, line: number),
                        "line of \(count) bytes is too long to read"))
            }
            if !queued.isEmpty { return queued.removeFirst() }
        }
    }

    private mutating func queue(_ record: CaptureRecord) { queued.append(record) }

    /// Ends the TLP being read, and any broken run of lines, in input order.
    private mutating func endRecords() {
        if let done = pending {
            pending = nil
            queue(finish(done))
        }
        if let record = takeBroken() { queue(record) }
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

    private mutating func finish(_ tlp: Pending) -> CaptureRecord {
        let source = RecordSource(path: lines.source.path, line: tlp.line)
        // A TLP without a mode annotation takes the one the file showed before it.
        if let known = tlp.mode, mode == nil { mode = known }
        var pendingTLP = tlp
        if pendingTLP.mode == nil { pendingTLP.mode = mode }
        let order = wordOrder ?? decideOrder(pendingTLP) ?? .wire
        var record = CaptureRecord(source: source, bytes: Self.bytes(tlp.dws, order), mode: pendingTLP.mode)
        record.wordOrder = order
        record.annotationType = tlp.annotationType
        return record
    }

    /// The order in which the decoded type equals the annotated one, when exactly one does.
    private mutating func decideOrder(_ tlp: Pending) -> WordOrder? {
        let mode = tlp.mode ?? .nonFlit
        let matches = WordOrder.allCases.filter {
            Self.typeName(Self.bytes(tlp.dws, $0), mode) == tlp.annotationType
        }
        guard matches.count == 1 else { return nil }
        wordOrder = matches[0]
        return matches[0]
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

    static func bytes(_ dws: [PrintedDW], _ order: WordOrder) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(dws.count * 4)
        for dw in dws {
            let count = dw.digits / 2
            for k in 0..<count {
                // Printed value bytes from most significant; swapped order prints them reversed.
                let shift = order == .wire ? 8 * (count - 1 - k) : 8 * k
                out.append(UInt8(truncatingIfNeeded: dw.value >> UInt32(shift)))
            }
        }
        return out
    }

    private static func classify(_ line: ReferenceLineReader.Line, needMode: Bool) -> LineKind {
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
        let note = UnsafeBufferPointer(rebasing: text[noteStart...])
        let dw = PrintedDW(value: UInt32(truncatingIfNeeded: value), digits: digits)
        let isStart = ByteText.hasPrefix("STP", note)
        var mode: LinkMode?
        if needMode || isStart {
            mode =
                ByteText.find("OHC=", in: note) != nil ? .flit : ByteText.find("TH=", in: note) != nil ? .nonFlit : nil
        }
        if isStart {
            let typeStart = ByteText.skipSpaces(note, from: 3)
            var typeEnd = typeStart
            while typeEnd < note.count, !ByteText.isSpace(note[typeEnd]) { typeEnd += 1 }
            let type = String(decoding: UnsafeBufferPointer(rebasing: note[typeStart..<typeEnd]), as: UTF8.self)
            return .start(dw, type: type, mode: mode)
        }
        for framing: StaticString in ["SDP", "END", "EDB", "EDS", "IDL", "SKP"] where ByteText.hasPrefix(framing, note)
        {
            return .other
        }
        return .continuation(dw, mode: mode)
    }

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

/// The line reader as it was (see `ReferenceAnalyzerReader`). Lines of a ``ByteSource``, looked at in place. A line longer than `maxLength` is not kept:
/// it is skipped to its end and reported as too long, so no input makes memory grow.
struct ReferenceLineReader {
    let source: ByteSource
    let maxLength: Int
    private(set) var lineNumber = 0

    init(_ source: ByteSource, maxLength: Int = 1 << 20) {
        self.source = source
        self.maxLength = maxLength
    }

    enum Line {
        /// A line without its `\n` (and `\r`), valid only inside the callback.
        case text(UnsafeBufferPointer<UInt8>)
        /// A line longer than `maxLength` bytes: skipped.
        case tooLong(Int)
    }

    /// Calls `body` with the next line; returns nil at the end of the input.
    mutating func next<R>(_ body: (Int, Line) -> R) throws(CaptureError) -> R? {
        var scanned = 0
        var skipped = 0
        while true {
            let newline = source.withWindow { window -> Int? in
                guard scanned < window.count, let base = window.baseAddress,
                    let found = memchr(base + scanned, 0x0A, window.count - scanned)
                else { return nil }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            if let newline {
                lineNumber += 1
                if skipped > 0 {
                    source.consume(newline + 1)
                    return body(lineNumber, .tooLong(skipped + newline))
                }
                let number = lineNumber
                let result = source.withWindow { window in
                    var length = newline
                    if length > 0, window[length - 1] == 0x0D { length -= 1 }
                    return body(number, .text(UnsafeBufferPointer(rebasing: window[0..<length])))
                }
                source.consume(newline + 1)
                return result
            }
            scanned = source.available
            if scanned > maxLength {
                skipped += scanned
                source.consume(scanned)
                scanned = 0
            }
            if try !source.fill(limit: maxLength + ByteSource.chunk) {
                // End of input: the last line has no newline.
                let rest = source.available
                guard rest > 0 || skipped > 0 else { return nil }
                lineNumber += 1
                if skipped > 0 {
                    source.consume(rest)
                    return body(lineNumber, .tooLong(skipped + rest))
                }
                let number = lineNumber
                let result = source.withWindow { window in
                    var length = window.count
                    if length > 0, window[length - 1] == 0x0D { length -= 1 }
                    return body(number, .text(UnsafeBufferPointer(rebasing: window[0..<length])))
                }
                source.consume(rest)
                return result
            }
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
