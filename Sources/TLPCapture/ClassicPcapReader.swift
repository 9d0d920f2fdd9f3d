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
    /// What changes per packet, behind a pointer the reader owns: stored `var`s of a class
    /// would cost a dynamic exclusivity check on every access, several per packet.
    private struct State {
        var layer: LinkLayer
        var packet = 0
        var finished = false
        /// The record handed out for every packet, its fields updated per packet.
        var record: CaptureRecord
    }
    private let state: UnsafeMutablePointer<State>
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
        state = .allocate(capacity: 1)
        state.initialize(
            to: State(
                layer: layer, record: CaptureRecord(source: RecordSource(path: source.path, packet: 0), bytes: [])))
        self.source = source
        header = parsed.header
        swapped = parsed.swapped
        nanoseconds = parsed.nanoseconds
        self.skipBytes = skipBytes
        source.consume(24)
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
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

    @inline(__always)
    private func field(_ raw: UnsafeRawBufferPointer, _ at: Int) -> UInt32 {
        let value = raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)
        return swapped ? value.byteSwapped : value
    }

    public func next() throws(CaptureError) -> CaptureRecord? {
        var out: CaptureRecord?
        _ = try withNext { out = CaptureRecord(lent: $0, bytes: $1) }
        return out
    }

    public func withNext(_ body: (inout CaptureRecord, UnsafeRawBufferPointer) -> Void) throws(CaptureError) -> Bool {
        try read(&state.pointee, body)
    }

    @inline(__always)
    private func read(
        _ state: inout State, _ body: (inout CaptureRecord, UnsafeRawBufferPointer) -> Void
    ) throws(CaptureError) -> Bool {
        guard !state.finished else { return false }
        try source.ensure(16)
        let left = source.available
        guard left > 0 else {
            state.finished = true
            return false
        }
        state.packet += 1
        // One record, updated in place: the callback borrows it, so nothing is copied.
        state.record.source.packet = state.packet
        state.record.time = nil
        state.record.originalLength = nil
        state.record.error = nil
        if !state.record.notes.isEmpty { state.record.notes.removeAll() }
        if !state.layer.isBare {
            // What an encapsulation layer sets is the packet's own.
            state.record.encapsulation = nil
            state.record.direction = nil
            state.record.other = nil
            if !state.record.layerEntries.isEmpty { state.record.layerEntries.removeAll() }
        }
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        guard left >= 16 else {
            state.finished = true
            state.record.error =
                "cannot read packet: truncated dump file; tried to read 16 header bytes, only got \(left)"
            body(&state.record, empty)
            return true
        }
        var window = source.window
        let caplen = Int(field(window, 8))
        let length = Int(field(window, 12))
        let (time, note) = Timestamp.pcap(
            seconds: field(window, 0), fraction: nanoseconds ? field(window, 4) : field(window, 4) &* 1000)
        state.record.time = time
        if let note { state.record.notes.append(note) }
        guard caplen <= Self.maxCaptureLength else {
            state.finished = true
            state.record.error =
                "cannot read packet: invalid packet capture length \(caplen), bigger than the maximum of \(Self.maxCaptureLength)"
            body(&state.record, empty)
            return true
        }
        if window.count < 16 + caplen {
            try source.ensure(16 + caplen)
            window = source.window
        }
        guard caplen <= window.count - 16 else {
            state.finished = true
            state.record.error =
                "cannot read packet: truncated dump file; tried to read \(caplen) captured bytes, only got \(window.count - 16)"
            source.consume(window.count)
            body(&state.record, empty)
            return true
        }
        defer { source.consume(16 + caplen) }
        // Packets longer than the file's snapshot length are cut to it, as libpcap does.
        let kept = min(caplen, header.snapLength)
        guard state.layer.isBare else {
            let packet = UnsafeRawBufferPointer(rebasing: window[16..<(16 + kept)])
            switch state.layer.unwrap(packet, into: &state.record) {
            case .tlp(let range, let declared):
                state.record.originalLength = declared
                body(&state.record, UnsafeRawBufferPointer(rebasing: packet[range]))
                return true
            case .other(let other):
                state.record.other = other
            case .failed(let message):
                state.record.error = message
            }
            body(&state.record, empty)
            return true
        }
        guard kept > skipBytes else {
            state.record.error =
                kept == 0
                ? "zero-length packet" : "packet of \(kept) bytes has no TLP after the \(skipBytes)-byte pseudo-header"
            body(&state.record, empty)
            return true
        }
        if length > kept { state.record.originalLength = length - skipBytes }
        body(&state.record, UnsafeRawBufferPointer(rebasing: window[(16 + skipBytes)..<(16 + kept)]))
        return true
    }
}
