/// Classic pcap (version 2.4) read from a ``ByteSource`` in large chunks: packets are handed
/// out in place from the source's buffer, with no per-packet copy, which is where libpcap's
/// reader spends its time. Reading instead of mapping means a file that shrinks under the
/// reader (log rotation, a capture restarted under the same name) ends in a truncation error,
/// not a SIGBUS, and pipes, FIFOs and process substitution read like files. pcapng and other
/// pcap versions go to ``PcapReader`` (libpcap), which stays the reference: the tests and the
/// differential fuzz target check that both readers give the same header and records.
public final class ClassicPcapReader: CaptureReader {
    /// libpcap refuses packets larger than this (its maximum snapshot length).
    public static let maxCaptureLength = 262_144

    private let source: ByteSource
    private let swapped: Bool
    private let nanoseconds: Bool
    private let skipBytes: Int
    private var layer: LinkLayer
    private var packet = 0
    private var finished = false
    /// The record handed out for every packet, its fields updated per packet.
    private var record: CaptureRecord
    public let header: PcapFileHeader

    /// Reads the file header from `source`; returns nil, consuming nothing, when the input is
    /// not a version 2.4 classic pcap (the caller then uses libpcap). Throws for a pcap whose
    /// link type tlpcheck does not read.
    public init?(_ source: ByteSource, skipBytes: Int) throws(CaptureError) {
        try source.ensure(24)
        guard source.available >= 24 else { return nil }
        guard let parsed = Self.parseHeader(source.window) else { return nil }
        try parsed.header.checkLinkType(path: source.path)
        guard let layer = LinkLayer(linkType: parsed.header.linkType, skipBytes: skipBytes) else {
            throw PcapReader.unsupported(path: source.path, linkType: parsed.header.linkType)
        }
        self.layer = layer
        self.source = source
        header = parsed.header
        swapped = parsed.swapped
        nanoseconds = parsed.nanoseconds
        self.skipBytes = skipBytes
        record = CaptureRecord(source: RecordSource(path: source.path, packet: 0), bytes: [])
        source.consume(24)
    }

    /// The file header, when `bytes` start with a version 2.4 classic pcap one.
    static func parseHeader(_ bytes: UnsafeRawBufferPointer) -> (
        header: PcapFileHeader, swapped: Bool, nanoseconds: Bool
    )? {
        guard bytes.count >= 24 else { return nil }
        let swapped: Bool
        let nanoseconds: Bool
        switch bytes.loadUnaligned(as: UInt32.self) {
        case 0xA1B2_C3D4: (swapped, nanoseconds) = (false, false)
        case 0xD4C3_B2A1: (swapped, nanoseconds) = (true, false)
        case 0xA1B2_3C4D: (swapped, nanoseconds) = (false, true)
        case 0x4D3C_B2A1: (swapped, nanoseconds) = (true, true)
        default: return nil
        }
        func field(_ at: Int) -> UInt32 {
            let value = bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self)
            return swapped ? value.byteSwapped : value
        }
        let version = field(4)
        let (major, minor) = swapped ? (version >> 16, version & 0xFFFF) : (version & 0xFFFF, version >> 16)
        // Version 2.4 only: libpcap reads older files with quirks of their own (2.3 and before
        // may hold caplen and len the other way round), so they go to libpcap.
        guard major == 2, minor == 4 else { return nil }
        let snap = field(16)
        let header = PcapFileHeader(
            major: Int(major), minor: Int(minor),
            // As libpcap: 0 or more than Int32.max means "no limit"; any other value is kept
            // (packets are still refused past maxCaptureLength).
            snapLength: snap > 0 && snap <= UInt32(Int32.max) ? Int(snap) : maxCaptureLength,
            linkTypeField: field(20), swapped: swapped)
        return (header, swapped, nanoseconds)
    }

    public var progress: (done: Int64, total: Int64?) { (source.offset, source.totalSize) }

    public func next() throws(CaptureError) -> CaptureRecord? {
        var out: CaptureRecord?
        _ = try withNext { record, bytes in
            var copy = record
            copy.bytes = Array(bytes)
            out = copy
        }
        return out
    }

    @inline(__always)
    private func field(_ raw: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        let value = raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)
        return swapped ? value.byteSwapped : value
    }

    public func withNext(_ body: (inout CaptureRecord, UnsafeRawBufferPointer) -> Void) throws(CaptureError) -> Bool {
        guard !finished else { return false }
        try source.ensure(16)
        let left = source.available
        guard left > 0 else {
            finished = true
            return false
        }
        packet += 1
        // One record, updated in place: the callback borrows it, so nothing is copied.
        record.source.packet = packet
        record.time = nil
        record.originalLength = nil
        record.error = nil
        if !record.notes.isEmpty { record.notes.removeAll() }
        if !layer.isBare {
            // What an encapsulation layer sets is the packet's own.
            record.encapsulation = nil
            record.direction = nil
            record.other = nil
            if !record.layerEntries.isEmpty { record.layerEntries.removeAll() }
        }
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        guard left >= 16 else {
            finished = true
            record.error = "cannot read packet: truncated dump file; tried to read 16 header bytes, only got \(left)"
            body(&record, empty)
            return true
        }
        var window = source.window
        let caplen = Int(field(window, 8))
        let length = Int(field(window, 12))
        let (time, note) = Timestamp.pcap(
            seconds: field(window, 0), fraction: nanoseconds ? field(window, 4) : field(window, 4) &* 1000)
        record.time = time
        if let note { record.notes.append(note) }
        guard caplen <= Self.maxCaptureLength else {
            finished = true
            record.error =
                "cannot read packet: invalid packet capture length \(caplen), bigger than the maximum of \(Self.maxCaptureLength)"
            body(&record, empty)
            return true
        }
        if window.count < 16 + caplen {
            try source.ensure(16 + caplen)
            window = source.window
        }
        guard caplen <= window.count - 16 else {
            finished = true
            record.error =
                "cannot read packet: truncated dump file; tried to read \(caplen) captured bytes, only got \(window.count - 16)"
            source.consume(window.count)
            body(&record, empty)
            return true
        }
        defer { source.consume(16 + caplen) }
        // Packets longer than the file's snapshot length are cut to it, as libpcap does.
        let kept = min(caplen, header.snapLength)
        guard layer.isBare else {
            let packet = UnsafeRawBufferPointer(rebasing: window[16..<(16 + kept)])
            switch layer.unwrap(packet, into: &record) {
            case .tlp(let range, let declared):
                record.originalLength = declared
                body(&record, UnsafeRawBufferPointer(rebasing: packet[range]))
                return true
            case .other(let other):
                record.other = other
            case .failed(let message):
                record.error = message
            }
            body(&record, empty)
            return true
        }
        guard kept > skipBytes else {
            record.error =
                kept == 0
                ? "zero-length packet" : "packet of \(kept) bytes has no TLP after the \(skipBytes)-byte pseudo-header"
            body(&record, empty)
            return true
        }
        if length > kept { record.originalLength = length - skipBytes }
        body(&record, UnsafeRawBufferPointer(rebasing: window[(16 + skipBytes)..<(16 + kept)]))
        return true
    }
}
