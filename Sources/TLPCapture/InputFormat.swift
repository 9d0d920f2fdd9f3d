import PCIeTLP

/// The capture formats tlpcheck reads (design §3).
public enum InputFormat: String, CaseIterable, Sendable {
    case analyzer, hex, aer, pcap

    /// Recognises a format from the first bytes of an input: pcap/pcapng by magic number,
    /// logs by their markers, analyzer dumps by `->`, anything else as plain hex.
    public static func sniff(_ prefix: [UInt8]) -> InputFormat {
        if prefix.count >= 4 {
            let magic = Array(prefix[0..<4])
            let pcapMagics: [[UInt8]] = [
                [0xD4, 0xC3, 0xB2, 0xA1], [0xA1, 0xB2, 0xC3, 0xD4],  // microseconds
                [0x4D, 0x3C, 0xB2, 0xA1], [0xA1, 0xB2, 0x3C, 0x4D],  // nanoseconds
                [0x0A, 0x0D, 0x0D, 0x0A],  // pcapng section header
            ]
            if pcapMagics.contains(magic) { return .pcap }
        }
        return prefix.withUnsafeBufferPointer { text in
            let markers: [StaticString] = ["TLP Header", "TLB Header:", "aer_tlp_header:", "HeaderLog:"]
            if markers.contains(where: { ByteText.find($0, in: text) != nil }) { return .aer }
            return ByteText.find("->", in: text) != nil ? .analyzer : .hex
        }
    }
}

/// How to read inputs: the options that `decode`, `convert`, `stats` and `verify` share.
public struct ReaderOptions: Sendable {
    /// nil: recognise the format.
    public var format: InputFormat?
    /// nil: automatic (analyzer dumps decide from annotations; everything else wire).
    public var wordOrder: WordOrder?
    /// Bytes of private pseudo-header before each TLP in USER0..USER15 pcaps.
    public var skipBytes: Int
    /// The mode given on the command line (readers that decode to decide word order use it).
    public var mode: LinkMode?

    public init(format: InputFormat? = nil, wordOrder: WordOrder? = nil, skipBytes: Int = 0, mode: LinkMode? = nil) {
        self.format = format
        self.wordOrder = wordOrder
        self.skipBytes = skipBytes
        self.mode = mode
    }
}

/// Opens an input as a streaming reader of the right format.
public enum CaptureInput {
    public static let sniffLength = 1 << 16

    /// The reader for `path` (`-` for standard input) and the format it reads.
    public static func open(_ path: String, _ options: ReaderOptions) throws(CaptureError) -> (
        reader: any CaptureReader, format: InputFormat
    ) {
        let source = try ByteSource(path: path)
        var format = options.format
        if format == nil { format = InputFormat.sniff(try source.peek(sniffLength)) }
        guard let format else { throw CaptureError(path: path, "unknown input format") }
        switch format {
        case .analyzer: return (AnalyzerReader(source, wordOrder: options.wordOrder, mode: options.mode), format)
        case .hex: return (HexReader(source, wordOrder: options.wordOrder ?? .wire), format)
        case .aer: return (LogReader(source), format)
        case .pcap:
            if path != "-", let mapped = try MappedPcapReader(path: path, skipBytes: options.skipBytes) {
                return (mapped, format)
            }
            return (try PcapReader(source, skipBytes: options.skipBytes), format)
        }
    }
}
