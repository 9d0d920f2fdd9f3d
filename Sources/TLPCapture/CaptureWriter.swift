import PCIeTLP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes records to a capture. `tlp` is the decoded record when it decoded.
public protocol CaptureWriter {
    mutating func write(_ record: CaptureRecord, tlp: TLP?) throws(CaptureError)
    /// Flushes and renames the output to its final name; the output exists only after this.
    mutating func finish() throws(CaptureError)
}

/// Classic pcap, written through a ``ByteSink`` so that every write is checked: nanosecond
/// timestamps, link type 125 (`DLT_PCI_EXP`) by default or USER0..USER15, each packet exactly
/// the TLP's captured wire bytes; `len` is the TLP's declared size, so a cut capture stays
/// visibly cut (`caplen < len`). The file is little-endian, as libpcap writes it on x86.
public final class PcapWriter: CaptureWriter {
    /// Largest packet written: the biggest TLP with room to spare.
    public static let snapLength: Int32 = 262_144
    private let sink: ByteSink

    public init(_ sink: ByteSink, linkType: Int32) throws(CaptureError) {
        self.sink = sink
        var header: [UInt8] = []
        header.reserveCapacity(24)
        Self.append(0xA1B2_3C4D, to: &header)  // nanosecond magic
        Self.append(UInt32(2) | UInt32(4) << 16, to: &header)  // version 2.4
        Self.append(0, to: &header)  // thiszone
        Self.append(0, to: &header)  // sigfigs
        Self.append(UInt32(Self.snapLength), to: &header)
        Self.append(UInt32(bitPattern: linkType), to: &header)
        try sink.write(header)
    }

    public convenience init(path: String, linkType: Int32) throws(CaptureError) {
        try self.init(ByteSink(path: path), linkType: linkType)
    }

    static func append(_ value: UInt32, to bytes: inout [UInt8]) { append32(value, to: &bytes) }

    public func write(_ record: CaptureRecord, tlp: TLP?) throws(CaptureError) {
        guard !record.bytes.isEmpty else { return }
        guard record.bytes.count <= Int(Self.snapLength) else {
            throw CaptureError(
                path: sink.path,
                "\(record.source): \(record.bytes.count) bytes is more than a pcap packet holds (\(Self.snapLength))")
        }
        let declared =
            record.originalLength ?? tlp.map { max($0.declaredSize, record.bytes.count) } ?? record.bytes.count
        // pcap seconds are an unsigned 32-bit field.
        let seconds = UInt32(clamping: record.time?.seconds ?? 0)
        let nanoseconds = record.time?.nanoseconds ?? 0
        try sink.append { out in
            Self.append(seconds, to: &out)
            Self.append(nanoseconds, to: &out)
            Self.append(UInt32(record.bytes.count), to: &out)
            Self.append(UInt32(clamping: declared), to: &out)
            out.append(contentsOf: record.bytes)
        }
    }

    public func finish() throws(CaptureError) { try sink.commit() }
}

/// Plain hex: one TLP per line in wire order, 8-digit words (a last partial DW as bytes), and a
/// `# mode: ...` comment whenever the mode changes, which ``HexReader`` reads back.
public final class HexWriter: CaptureWriter {
    private let sink: ByteSink
    private var mode: LinkMode?

    public init(_ sink: ByteSink) {
        self.sink = sink
    }

    public func write(_ record: CaptureRecord, tlp: TLP?) throws(CaptureError) {
        guard !record.bytes.isEmpty else { return }
        if let tlp, tlp.mode != mode {
            mode = tlp.mode
            try sink.write("# mode: \(tlp.mode.rawValue)\n")
        }
        try sink.write(Self.line(record.bytes) + "\n")
    }

    public func finish() throws(CaptureError) { try sink.commit() }

    static func line(_ bytes: [UInt8]) -> String {
        var tokens: [String] = []
        var index = 0
        while index + 4 <= bytes.count {
            tokens.append(Hex.bytes(bytes[index..<index + 4]))
            index += 4
        }
        tokens += bytes[index...].map { Hex.bytes(CollectionOfOne($0)) }
        return tokens.joined(separator: " ")
    }
}

/// Analyzer-style dump: each TLP as ``AnalyzerText`` renders it (wire order), a blank line
/// between TLPs. The annotations carry the mode (`OHC=` / `TH=`), so ``AnalyzerReader`` reads
/// it back with the same mode and order.
public final class AnalyzerWriter: CaptureWriter {
    private let sink: ByteSink
    private var first = true
    /// One TLP's text, written as bytes and handed to the sink.
    private let text = TextBuffer(capacity: 1 << 12)

    public init(_ sink: ByteSink) {
        self.sink = sink
    }

    public func write(_ record: CaptureRecord, tlp: TLP?) throws(CaptureError) {
        guard let tlp else { return }
        if !first { text.append(UInt8(ascii: "\n")) }
        first = false
        AnalyzerText.write(tlp, wordOrder: .wire, to: text)
        defer { text.removeAll() }
        try sink.write(text.bytes)
    }

    public func finish() throws(CaptureError) { try sink.commit() }
}

/// The capture formats tlpcheck writes (`convert -T`, `synth -T`).
public enum OutputFormat: String, CaseIterable, Sendable {
    case pcap, pcapng, hex, analyzer

    /// The format an output's name suggests: `.pcapng` → pcapng, `.hex` → hex, `.txt`/`.log` →
    /// analyzer, else pcap.
    public static func forPath(_ path: String) -> OutputFormat {
        let lower = path.lowercased()
        if lower.hasSuffix(".pcapng") { return .pcapng }
        if lower.hasSuffix(".hex") { return .hex }
        if lower.hasSuffix(".txt") || lower.hasSuffix(".log") { return .analyzer }
        return .pcap
    }
}

/// Opens capture outputs: the one place that turns a format into a writer.
public enum CaptureOutput {
    /// A writer of `format` to `path` (`-` for standard output), through a ``ByteSink`` (so a
    /// file appears under its name only when the writer finishes). `linkType` is for pcap.
    public static func open(_ path: String, format: OutputFormat, linkType: Int32) throws(CaptureError)
        -> any CaptureWriter
    {
        let sink = try ByteSink(path: path)
        switch format {
        case .pcap: return try PcapWriter(sink, linkType: linkType)
        case .pcapng: return try PcapngWriter(sink, linkType: linkType)
        case .hex: return HexWriter(sink)
        case .analyzer: return AnalyzerWriter(sink)
        }
    }

    /// Refuses an output that is one of the inputs (the same file by device and inode, however
    /// it is named) before anything is opened for writing: writing it would destroy the input.
    public static func refuseOverwriting(_ output: String, inputs: [String]) throws(CaptureError) {
        guard output != "-", let target = FileIdentity(output) else { return }
        for input in inputs where input != "-" && FileIdentity(input) == target {
            throw CaptureError(path: output, "is also an input (\(input)): refusing to overwrite it")
        }
    }
}

/// A file as the kernel knows it: device and inode.
struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64

    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
