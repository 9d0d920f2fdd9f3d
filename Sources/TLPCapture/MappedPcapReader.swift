#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Classic pcap files read through a memory map: packets are looked at in place, with no
/// per-packet copy, which is where libpcap's reader spends its time. pcapng, standard input
/// and anything that cannot be mapped go through ``PcapReader`` (libpcap), which stays the
/// reference: the tests check that both readers give the same records.
public final class MappedPcapReader: CaptureReader {
    /// libpcap refuses packets larger than this (its maximum snapshot length).
    public static let maxCaptureLength = 262_144

    private let path: String
    private let base: UnsafeRawPointer
    private let size: Int
    private let swapped: Bool
    private let nanoseconds: Bool
    private let skipBytes: Int
    /// The file's snapshot length: longer packets are cut to it, as libpcap does.
    private let snapLength: Int
    private var offset = 24
    /// Bytes before this offset have been handed back to the kernel.
    private var released = 0
    private var packet = 0
    private var finished = false
    public let linkType: Int32

    /// Maps `path`; returns nil when the file is not a classic pcap or cannot be mapped (the
    /// caller then uses libpcap). Throws for a pcap whose link type tlpcheck does not read.
    public init?(path: String, skipBytes: Int) throws(CaptureError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size >= 24 else { return nil }
        let size = Int(info.st_size)
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else { return nil }
        _ = madvise(mapped, size, MADV_SEQUENTIAL)
        let raw = UnsafeRawPointer(mapped)
        let magic = raw.loadUnaligned(as: UInt32.self)
        let swapped: Bool
        let nanoseconds: Bool
        switch magic {
        case 0xA1B2_C3D4: (swapped, nanoseconds) = (false, false)
        case 0xD4C3_B2A1: (swapped, nanoseconds) = (true, false)
        case 0xA1B2_3C4D: (swapped, nanoseconds) = (false, true)
        case 0x4D3C_B2A1: (swapped, nanoseconds) = (true, true)
        default:
            munmap(mapped, size)
            return nil
        }
        func field(_ at: Int) -> UInt32 {
            let value = raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)
            return swapped ? value.byteSwapped : value
        }
        // Version 2.4 only: libpcap reads older files with quirks of their own (2.3 and before
        // may hold caplen and len the other way round), so they go to libpcap.
        let version = field(4)
        let (major, minor) = swapped ? (version >> 16, version & 0xFFFF) : (version & 0xFFFF, version >> 16)
        guard major == 2, minor == 4 else {
            munmap(mapped, size)
            return nil
        }
        let type = Int32(truncatingIfNeeded: field(20) & 0xFFFF)
        guard type == PcapReader.pciExpress || PcapReader.userLinkTypes.contains(type) else {
            munmap(mapped, size)
            throw PcapReader.unsupported(path: path, linkType: type)
        }
        self.path = path
        base = raw
        self.size = size
        self.swapped = swapped
        self.nanoseconds = nanoseconds
        self.skipBytes = skipBytes
        let snap = Int(field(16))
        snapLength = snap > 0 && snap < Self.maxCaptureLength ? snap : Self.maxCaptureLength
        linkType = type
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), size)
    }

    /// Read pages are dropped every 4 MiB, so resident memory stays flat however large the
    /// file: the map is file-backed, and the kernel would otherwise keep every page it read.
    static let releaseStep = 4 << 20

    private func releaseConsumed() {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let end = (offset - 16) / page * page
        guard page > 0, end > released else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base) + released, end - released, MADV_DONTNEED)
        released = end
    }

    public var progress: (done: Int64, total: Int64?) { (Int64(offset), Int64(size)) }

    private func field(_ at: Int) -> UInt32 {
        let value = base.loadUnaligned(fromByteOffset: at, as: UInt32.self)
        return swapped ? value.byteSwapped : value
    }

    public func next() throws(CaptureError) -> CaptureRecord? {
        try withNext { record, bytes in
            var copy = record
            copy.bytes = Array(bytes)
            return copy
        }
    }

    public func withNext<R>(_ body: (CaptureRecord, UnsafeRawBufferPointer) throws(CaptureError) -> R)
        throws(CaptureError) -> R?
    {
        guard !finished, offset < size else {
            finished = true
            return nil
        }
        packet += 1
        // A record built per packet costs less than copying a kept one to the callback.
        var record = CaptureRecord(source: RecordSource(path: path, packet: packet), bytes: [])
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        let left = size - offset
        guard left >= 16 else {
            finished = true
            record.error = "cannot read packet: truncated dump file; tried to read 16 header bytes, only got \(left)"
            return try body(record, empty)
        }
        let fraction = field(offset + 4)
        let caplen = Int(field(offset + 8))
        let length = Int(field(offset + 12))
        // Seconds are unsigned 32-bit, as the pcap format defines them (libpcap itself reads them
        // signed from native-order files and unsigned from swapped ones; both readers here agree).
        record.time = Timestamp(seconds: Int64(field(offset)), nanoseconds: nanoseconds ? fraction : fraction &* 1000)
        guard caplen <= Self.maxCaptureLength else {
            finished = true
            record.error =
                "cannot read packet: invalid packet capture length \(caplen), bigger than the maximum of \(Self.maxCaptureLength)"
            return try body(record, empty)
        }
        guard caplen <= left - 16 else {
            finished = true
            record.error =
                "cannot read packet: truncated dump file; tried to read \(caplen) captured bytes, only got \(left - 16)"
            return try body(record, empty)
        }
        offset += 16 + caplen
        if offset - released >= Self.releaseStep { releaseConsumed() }
        // Packets longer than the file's snapshot length are cut to it, as libpcap does.
        let kept = min(caplen, snapLength)
        guard kept > skipBytes else {
            record.error =
                kept == 0
                ? "zero-length packet" : "packet of \(kept) bytes has no TLP after the \(skipBytes)-byte pseudo-header"
            return try body(record, empty)
        }
        if length > kept { record.originalLength = length - skipBytes }
        let start = offset - caplen + skipBytes
        return try body(record, UnsafeRawBufferPointer(start: base + start, count: kept - skipBytes))
    }
}
