import CPcap
import PCIeTLP

/// The capture formats tlpcheck writes (`convert --to`).
public enum OutputFormat: String, CaseIterable, Sendable {
    case pcap, hex, analyzer
}

/// Writes records to a capture. `tlp` is the decoded record when it decoded.
public protocol CaptureWriter {
    mutating func write(_ record: CaptureRecord, tlp: TLP?) throws(CaptureError)
    /// Flushes and closes; the output is complete only after this.
    mutating func finish() throws(CaptureError)
}

/// pcap through libpcap: nanosecond timestamps, link type 125 (`DLT_PCI_EXP`) by default or
/// USER0..USER15, each packet exactly the TLP's captured wire bytes; `len` is the TLP's
/// declared size, so a cut capture stays visibly cut (`caplen < len`).
public final class PcapWriter: CaptureWriter {
    /// Largest packet written: the biggest TLP with room to spare.
    public static let snapLength: Int32 = 262_144
    private let handle: OpaquePointer
    private let dumper: OpaquePointer
    private let path: String

    public init(path: String, linkType: Int32) throws(CaptureError) {
        self.path = path
        guard
            let handle = pcap_open_dead_with_tstamp_precision(
                linkType, Self.snapLength, UInt32(PCAP_TSTAMP_PRECISION_NANO))
        else { throw CaptureError(path: path, "libpcap cannot write link type \(linkType)") }
        guard let dumper = pcap_dump_open(handle, path) else {
            let message = String(cString: pcap_geterr(handle))
            pcap_close(handle)
            throw CaptureError(path: path, "cannot create: \(message)")
        }
        self.handle = handle
        self.dumper = dumper
    }

    deinit {
        pcap_dump_close(dumper)
        pcap_close(handle)
    }

    public func write(_ record: CaptureRecord, tlp: TLP?) throws(CaptureError) {
        guard !record.bytes.isEmpty else { return }
        guard record.bytes.count <= Int(Self.snapLength) else {
            throw CaptureError(
                path: path,
                "\(record.source): \(record.bytes.count) bytes is more than a pcap packet holds (\(Self.snapLength))")
        }
        var header = pcap_pkthdr()
        header.ts.tv_sec = Int(record.time?.seconds ?? 0)
        header.ts.tv_usec = Int(record.time?.nanoseconds ?? 0)
        header.caplen = UInt32(record.bytes.count)
        let declared =
            record.originalLength ?? tlp.map { max($0.declaredSize, record.bytes.count) } ?? record.bytes.count
        header.len = UInt32(clamping: declared)
        record.bytes.withUnsafeBufferPointer { bytes in
            pcap_dump(UnsafeMutableRawPointer(dumper).assumingMemoryBound(to: UInt8.self), &header, bytes.baseAddress)
        }
    }

    public func finish() throws(CaptureError) {
        guard pcap_dump_flush(dumper) == 0 else { throw CaptureError(path: path, "write error") }
    }
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

    public func finish() throws(CaptureError) { try sink.flush() }

    static func line(_ bytes: [UInt8]) -> String {
        var tokens: [String] = []
        var index = 0
        while index + 4 <= bytes.count {
            tokens.append(lowerHex(bytes[index..<index + 4]))
            index += 4
        }
        tokens += bytes[index...].map { lowerHex(CollectionOfOne($0)) }
        return tokens.joined(separator: " ")
    }
}

/// Analyzer-style dump: each TLP as ``AnalyzerText`` renders it (wire order), a blank line
/// between TLPs. The annotations carry the mode (`OHC=` / `TH=`), so ``AnalyzerReader`` reads
/// it back with the same mode and order.
public final class AnalyzerWriter: CaptureWriter {
    private let sink: ByteSink
    private var first = true

    public init(_ sink: ByteSink) {
        self.sink = sink
    }

    public func write(_ record: CaptureRecord, tlp: TLP?) throws(CaptureError) {
        guard let tlp else { return }
        if !first { try sink.write("\n") }
        first = false
        try sink.write(AnalyzerText.render(tlp, wordOrder: .wire))
    }

    public func finish() throws(CaptureError) { try sink.flush() }
}
