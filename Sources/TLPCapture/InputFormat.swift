import PCIeTLP

/// The capture formats tlpcheck reads (design §3).
public enum InputFormat: String, CaseIterable, Sendable, CustomStringConvertible {
    case analyzer, hex, aer, pcap

    /// The format's name in messages.
    public var description: String {
        switch self {
        case .analyzer: "an analyzer text dump"
        case .hex: "plain hex"
        case .aer: "a kernel or lspci log"
        case .pcap: "a pcap/pcapng file"
        }
    }

    /// The text encoding an input's first bytes show when it is one tlpcheck cannot read as
    /// text: UTF-16 or UTF-32, with or without a byte-order mark.
    static func unreadableEncoding(_ prefix: [UInt8]) -> String? {
        if prefix.starts(with: [0xFF, 0xFE, 0, 0]) || prefix.starts(with: [0, 0, 0xFE, 0xFF]) { return "UTF-32" }
        // A mark alone is not enough (binary garbage may start with one): the text after it
        // must look like UTF-16 too, when there is enough of it to tell.
        let marked =
            prefix.starts(with: [0xFF, 0xFE]) ? "UTF-16LE" : prefix.starts(with: [0xFE, 0xFF]) ? "UTF-16BE" : nil
        let sample = prefix.dropFirst(marked == nil ? 0 : 2).prefix(4096)
        guard sample.count >= (marked == nil ? 8 : 2) else { return marked }
        return utf16Pattern(sample).flatMap { marked == nil || marked == $0 ? $0 : nil }
    }

    /// ASCII text in UTF-16 has a zero in every other byte: LE in the odd ones, BE in the even.
    private static func utf16Pattern(_ sample: ArraySlice<UInt8>) -> String? {
        var zeroEven = 0
        var zeroOdd = 0
        for (index, byte) in sample.enumerated() where byte == 0 {
            if index % 2 == 0 { zeroEven += 1 } else { zeroOdd += 1 }
        }
        let half = sample.count / 2
        if zeroOdd * 10 >= half * 9, zeroEven * 10 < half { return "UTF-16LE" }
        if zeroEven * 10 >= half * 9, zeroOdd * 10 < half { return "UTF-16BE" }
        return nil
    }

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

    /// The reader for `path` (`-` for standard input), the format it reads, and the format the
    /// input's first bytes look like (the same unless `--input` forced another).
    ///
    /// A UTF-8 byte-order mark is skipped (line numbers are unchanged); UTF-16 and UTF-32 text
    /// is refused with the encoding named, since every line would otherwise be garbage.
    public static func open(_ path: String, _ options: ReaderOptions) throws(CaptureError) -> (
        reader: any CaptureReader, format: InputFormat, sniffed: InputFormat
    ) {
        let source = try ByteSource(path: path)
        // A given format needs only the first bytes (byte-order marks): a live stream is then
        // read as it arrives instead of after the first 64 KiB.
        var prefix =
            options.format == nil
            ? try source.peek(sniffLength) : try source.peekAvailable(atLeast: 4, upTo: sniffLength)
        var sniffed = InputFormat.sniff(prefix)
        if sniffed != .pcap, prefix.starts(with: [0xEF, 0xBB, 0xBF]) {
            source.consume(3)
            prefix.removeFirst(3)
            sniffed = InputFormat.sniff(prefix)
        }
        if sniffed != .pcap, options.format != .pcap, let encoding = InputFormat.unreadableEncoding(prefix) {
            throw CaptureError(
                path: path,
                "\(encoding) text: tlpcheck reads ASCII or UTF-8 (convert it with iconv -f \(encoding) -t UTF-8)")
        }
        let format = options.format ?? sniffed
        switch format {
        case .analyzer:
            return (AnalyzerReader(source, wordOrder: options.wordOrder, mode: options.mode), format, sniffed)
        case .hex: return (HexReader(source, wordOrder: options.wordOrder ?? .wire), format, sniffed)
        case .aer: return (LogReader(source), format, sniffed)
        case .pcap:
            if let classic = try ClassicPcapReader(source, skipBytes: options.skipBytes) {
                return (classic, format, sniffed)
            }
            if PcapngReader.sectionByteOrder(prefix) != nil {
                return (try PcapngReader(source, skipBytes: options.skipBytes), format, sniffed)
            }
            return (try PcapReader(source, skipBytes: options.skipBytes), format, sniffed)
        }
    }
}
