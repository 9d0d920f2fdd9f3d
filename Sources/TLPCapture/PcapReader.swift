import CPcap
import PCIeTLP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// pcap and pcapng through libpcap. Each packet of link type 125 (`DLT_PCI_EXP`) or
/// USER0..USER15 (147..162) is one TLP's wire bytes; `skipBytes` drops a private
/// pseudo-header in front of it. Timestamps are read at nanosecond precision.
public final class PcapReader: CaptureReader {
    public static let pciExpress: Int32 = 125

    /// The libpcap in use, as it names itself (`libpcap version 1.10.4 (with TPACKET_V3)`).
    public static var libraryVersion: String { String(cString: pcap_lib_version()) }
    public static let userLinkTypes: ClosedRange<Int32> = 147...162

    public var linkType: Int32 { header.linkType }

    private let handle: OpaquePointer
    private let path: String
    private let skipBytes: Int
    private var layer: LinkLayer
    private let totalSize: Int64?
    private var packet = 0
    private var finished = false
    private var feeder: PipeFeeder?
    public let header: PcapFileHeader

    /// Opens `source` with libpcap: a regular file by its path, anything else (standard input,
    /// a FIFO, process substitution) through a pipe fed from `source`, so the bytes already read
    /// to recognise the format reach libpcap too and nothing is opened twice.
    public init(_ source: ByteSource, skipBytes: Int) throws(CaptureError) {
        path = source.path
        self.skipBytes = skipBytes
        totalSize = source.totalSize
        var errbuf = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
        var opened: OpaquePointer?
        if source.totalSize == nil || source.offset > 0 {
            let feeder = try PipeFeeder(source)
            self.feeder = feeder
            opened = pcap_fopen_offline_with_tstamp_precision(feeder.file, UInt32(PCAP_TSTAMP_PRECISION_NANO), &errbuf)
        } else {
            opened = pcap_open_offline_with_tstamp_precision(source.path, UInt32(PCAP_TSTAMP_PRECISION_NANO), &errbuf)
        }
        guard let opened else {
            throw CaptureError(path: source.path, "not a readable pcap/pcapng file: \(Self.string(errbuf))")
        }
        let type = pcap_datalink(opened)
        guard let layer = LinkLayer(linkType: type, skipBytes: skipBytes) else {
            pcap_close(opened)
            throw Self.unsupported(path: source.path, linkType: type)
        }
        self.layer = layer
        // Assigned last: once every stored property is set, a throw would run deinit.
        header = PcapFileHeader(
            major: Int(pcap_major_version(opened)), minor: Int(pcap_minor_version(opened)),
            snapLength: Int(pcap_snapshot(opened)), linkTypeField: UInt32(bitPattern: type),
            swapped: pcap_is_swapped(opened) == 1)
        handle = opened
    }

    deinit {
        pcap_close(handle)
    }

    /// The message for a link type tlpcheck does not read, naming it and the ones it reads.
    static func unsupported(path: String, linkType: Int32) -> CaptureError {
        let name = pcap_datalink_val_to_name(linkType).map { String(cString: $0) } ?? "unknown"
        return CaptureError(
            path: path,
            "unsupported link type \(linkType) (\(name)); tlpcheck reads \(Encapsulation.readableLinkTypes)"
        )
    }

    public var progress: (done: Int64, total: Int64?) {
        guard let file = pcap_file(handle) else { return (0, totalSize) }
        return (Int64(ftell(file)), totalSize)
    }

    public func next() throws(CaptureError) -> CaptureRecord? {
        guard !finished else { return nil }
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        let status = pcap_next_ex(handle, &header, &data)
        switch status {
        case 1:
            packet += 1
            let source = RecordSource(path: path, packet: packet)
            guard let header, let data else { return .failed(source, "libpcap returned no packet") }
            let caplen = Int(header.pointee.caplen)
            let length = Int(header.pointee.len)
            // Seconds as the unsigned 32-bit field of the file (libpcap sign-extends them from
            // native-order files only).
            let (time, note) = Timestamp.pcap(
                seconds: UInt32(truncatingIfNeeded: header.pointee.ts.tv_sec),
                fraction: UInt32(truncatingIfNeeded: header.pointee.ts.tv_usec))
            var record = CaptureRecord(source: source, bytes: [], time: time)
            if let note { record.notes.append(note) }
            let packet = UnsafeRawBufferPointer(start: data, count: caplen)
            let result = layer.unwrap(packet, into: &record)
            record.take(result, packet: packet, caplen: caplen, length: length, layer: layer)
            return record
        case -2:
            finished = true
            return nil
        default:
            finished = true
            let message = String(cString: pcap_geterr(handle))
            return .failed(RecordSource(path: path, packet: packet + 1), "cannot read packet: \(message)")
        }
    }

    private static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Feeds standard input, including the bytes already read to sniff its format, into a pipe
/// that libpcap reads as a `FILE *`, so a pcap can arrive on standard input.
final class PipeFeeder: @unchecked Sendable {
    let file: UnsafeMutablePointer<FILE>
    private let source: ByteSource
    private let writeFD: Int32
    private var thread = pthread_t()

    init(_ source: ByteSource) throws(CaptureError) {
        self.source = source
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0, let file = fdopen(fds[0], "rb") else {
            throw CaptureError(path: source.path, "cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        self.file = file
        writeFD = fds[1]
        let context = Unmanaged.passRetained(self).toOpaque()
        pthread_create(
            &thread, nil,
            { raw in
                guard let raw else { return nil }
                let feeder = Unmanaged<PipeFeeder>.fromOpaque(raw).takeRetainedValue()
                feeder.run()
                return nil
            }, context)
    }

    private func run() {
        while true {
            let ok = source.withWindow { window -> Bool in
                var offset = 0
                while offset < window.count {
                    let written = write(writeFD, window.baseAddress.map { $0 + offset }, window.count - offset)
                    if written <= 0 { return false }
                    offset += written
                }
                return true
            }
            source.consume(source.available)
            guard ok, (try? source.fill()) == true else { break }
        }
        close(writeFD)
    }
}
