import PCIeTLP

/// Linux logs that carry TLP headers: AER and DPC in every kernel dialect, rasdaemon, and
/// `lspci -vv` `HeaderLog:` lines. All other lines are skipped.
///
/// * `TLP Header: %08x ...` and `TLP Header: 0x%08x ...` (optionally ` E-E Prefixes: ...`):
///   non-flit. `TLP Header (Flit): ...` with up to 14 DWs: flit. The old two-line form (the
///   words on the line after `TLP Header:`) is read too.
/// * lspci: a device block starts at a line that begins with its address; `LnkSta2: ... Flit+`
///   in the block makes its `HeaderLog:` flit, `LnkSta2:` without it non-flit.
/// * Header logs are always 4 DWs in non-flit mode, so bytes after a 3-DW header are expected.
///   All-zero logs (a register with nothing logged) are skipped.
public struct LogReader: CaptureReader {
    private var lines: LineReader
    private var block = Block()
    /// Set after a `TLP Header:` line with no words: the next line holds them.
    private var twoLine: TwoLine?

    private struct TwoLine {
        var device: String?
    }

    private struct Block {
        var device: String?
        var flit: Bool?
    }

    public init(_ source: ByteSource) {
        lines = LineReader(source)
    }

    public var progress: (done: Int64, total: Int64?) { (lines.source.offset, lines.source.totalSize) }

    private enum Outcome {
        case skip
        case blockStart(String)
        case linkStatus(flit: Bool)
        case waitForWords(device: String?)
        case record(CaptureRecord)
    }

    public mutating func next() throws(CaptureError) -> CaptureRecord? {
        let path = lines.source.path
        while true {
            let state = (block: block, twoLine: twoLine)
            let outcome = try lines.next { number, line -> Outcome in
                guard case .text(let text) = line else { return .skip }
                return Self.read(text, number: number, path: path, block: state.block, twoLine: state.twoLine)
            }
            guard let outcome else { return nil }
            if case .waitForWords(let device) = outcome {
                twoLine = TwoLine(device: device)
                continue
            }
            twoLine = nil
            switch outcome {
            case .skip, .waitForWords: continue
            case .blockStart(let device): block = Block(device: device, flit: nil)
            case .linkStatus(let flit): block.flit = flit
            case .record(let record): return record
            }
        }
    }

    /// The TLP in one pasted log line (`... AER:   TLP Header (Flit): 0x... ...`, `HeaderLog:
    /// ...`), with the mode the line says; nil when the line holds no header log.
    public static func record(inLine line: String) -> CaptureRecord? {
        var utf8 = Array(line.utf8)
        let outcome = utf8.withUnsafeMutableBufferPointer { buffer in
            read(UnsafeBufferPointer(buffer), number: 1, path: "args", block: Block(), twoLine: nil)
        }
        if case .record(let record) = outcome { return record }
        return nil
    }

    private static func read(
        _ text: UnsafeBufferPointer<UInt8>, number: Int, path: String, block: Block,
        twoLine: TwoLine?
    ) -> Outcome {
        if let twoLine {
            // The words may follow a kernel timestamp: `[   12.345720] 04000001 ...`.
            var start = ByteText.skipSpaces(text, from: 0)
            if start < text.count, text[start] == UInt8(ascii: "["),
                let close = text[start...].firstIndex(of: UInt8(ascii: "]"))
            {
                start = close + 1
            }
            var bytes: [UInt8] = []
            _ = ByteText.appendWords(text, from: start, to: &bytes)
            if !bytes.isEmpty {
                return record(
                    bytes, prefixes: [], mode: .nonFlit, RecordSource(path: path, line: number, device: twoLine.device))
            }
        }
        if let device = lspciDevice(text) { return .blockStart(device) }
        if ByteText.find("LnkSta2:", in: text) != nil {
            return .linkStatus(flit: ByteText.find("Flit+", in: text) != nil)
        }
        let marker: (end: Int, mode: LinkMode?)
        if let at = ByteText.find("TLP Header (Flit):", in: text) {
            marker = (at + 18, .flit)
        } else if let at = ByteText.find("TLP Header:", in: text) {
            marker = (at + 11, .nonFlit)
        } else if let at = ByteText.find("HeaderLog:", in: text) {
            marker = (at + 10, block.flit.map { $0 ? .flit : .nonFlit })
        } else {
            return .skip
        }
        let device = deviceAddress(UnsafeBufferPointer(rebasing: text[0..<marker.end])) ?? block.device
        var bytes: [UInt8] = []
        let stop = ByteText.appendWords(text, from: marker.end, to: &bytes)
        if bytes.isEmpty {
            return ByteText.skipSpaces(text, from: marker.end) == text.count ? .waitForWords(device: device) : .skip
        }
        var prefixes: [UInt8] = []
        if let at = ByteText.find("E-E Prefixes:", in: text, from: stop) {
            _ = ByteText.appendWords(text, from: at + 13, to: &prefixes)
        }
        return record(
            bytes, prefixes: prefixes, mode: marker.mode, RecordSource(path: path, line: number, device: device))
    }

    private static func record(_ header: [UInt8], prefixes: [UInt8], mode: LinkMode?, _ source: RecordSource) -> Outcome
    {
        guard header.contains(where: { $0 != 0 }) else { return .skip }
        // The prefix log holds up to four DWs; unused ones read as zero.
        var bytes: [UInt8] = []
        var index = 0
        while index + 4 <= prefixes.count {
            if prefixes[index..<index + 4].contains(where: { $0 != 0 }) { bytes += prefixes[index..<index + 4] }
            index += 4
        }
        bytes += header
        var record = CaptureRecord(source: source, bytes: bytes, mode: mode)
        record.trailingBytesExpected = true
        return .record(record)
    }

    /// lspci starts a device block with its address at column 0: `05:00.0 ...` or `0000:05:00.0 ...`.
    private static func lspciDevice(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        guard let length = addressLength(text, at: 0), length < text.count, text[length] == ByteText.space else {
            return nil
        }
        return String(decoding: UnsafeBufferPointer(rebasing: text[0..<length]), as: UTF8.self)
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
