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
    private var pending: Pending?
    private var overlong: (line: Int, count: Int)?
    private var queued: [CaptureRecord] = []

    /// `wordOrder` nil means automatic; `mode` is the mode given on the command line, if any.
    public init(_ source: ByteSource, wordOrder: WordOrder?, mode: LinkMode? = nil) {
        lines = LineReader(source)
        self.wordOrder = wordOrder
        self.mode = mode
    }

    public var progress: (done: Int64, total: Int64?) { (lines.source.offset, lines.source.totalSize) }

    /// One DW as printed: its value and how many hex digits (a last partial DW has fewer).
    struct PrintedDW {
        var value: UInt32
        var digits: Int
    }

    private struct Pending {
        var line: Int
        var dws: [PrintedDW]
        var annotation: String
        var annotationType: String
        var mode: LinkMode?
    }

    private enum LineKind {
        case start(PrintedDW, annotation: String, type: String, mode: LinkMode?)
        case continuation(PrintedDW, mode: LinkMode?)
        case other
        case tooLong(Int)
    }

    public mutating func next() throws(CaptureError) -> CaptureRecord? {
        if !queued.isEmpty { return queued.removeFirst() }
        while true {
            // The mode annotation is looked for only until the current TLP has one.
            let needMode = pending?.mode == nil
            guard
                let (number, kind) = try lines.next({ number, line in (number, Self.classify(line, needMode: needMode))
                })
            else {
                if let overlongRecord = takeOverlong() { return overlongRecord }
                guard let last = pending else { return nil }
                pending = nil
                return finish(last)
            }
            switch kind {
            case .start(let dw, let annotation, let type, let mode):
                let next = Pending(line: number, dws: [dw], annotation: annotation, annotationType: type, mode: mode)
                let overlongRecord = takeOverlong()
                if let done = pending {
                    pending = next
                    if let overlongRecord { queued.append(overlongRecord) }
                    return finish(done)
                }
                pending = next
                if let overlongRecord { return overlongRecord }
            case .continuation(let dw, let mode):
                if overlong != nil {
                    overlong?.count += 1
                    continue
                }
                guard let current = pending else { continue }
                guard current.dws.count < Self.maxDWs else {
                    overlong = (current.line, current.dws.count + 1)
                    pending = nil
                    continue
                }
                pending?.dws.append(dw)
                if let mode, pending?.mode == nil { pending?.mode = mode }
            case .other:
                if let overlongRecord = takeOverlong() { return overlongRecord }
                guard let done = pending else { continue }
                pending = nil
                return finish(done)
            case .tooLong(let count):
                let failed = CaptureRecord.failed(
                    RecordSource(path: lines.source.path, line: number), "line of \(count) bytes is too long to read")
                guard let done = pending else { return failed }
                pending = nil
                queued.append(failed)
                return finish(done)
            }
        }
    }

    /// The error record for a TLP that ran past ``maxDWs`` lines, once it has ended.
    private mutating func takeOverlong() -> CaptureRecord? {
        guard let (line, count) = overlong else { return nil }
        overlong = nil
        return .failed(
            RecordSource(path: lines.source.path, line: line),
            "\(count) DW lines in one TLP: more than one TLP can hold (\(Self.maxDWs))")
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
        record.annotation = tlp.annotation
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

    private static func classify(_ line: LineReader.Line, needMode: Bool) -> LineKind {
        guard case .text(let text) = line else {
            if case .tooLong(let count) = line { return .tooLong(count) }
            return .other
        }
        let start = ByteText.skipSpaces(text, from: 0)
        var end = start
        while end < text.count, HexText.hexNibble(text[end]) != nil { end += 1 }
        let digits = end - start
        guard digits >= 2, digits <= 8, digits % 2 == 0, let value = ByteText.hexValue(text, start..<end) else {
            return .other
        }
        let arrow = ByteText.skipSpaces(text, from: end)
        guard ByteText.hasPrefix("->", text, at: arrow) else { return .other }
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
            return .start(dw, annotation: String(decoding: note, as: UTF8.self), type: type, mode: mode)
        }
        for framing: StaticString in ["SDP", "END", "EDB", "EDS", "IDL", "SKP"] where ByteText.hasPrefix(framing, note)
        {
            return .other
        }
        return .continuation(dw, mode: mode)
    }
}
