#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file or standard input read in chunks into one reused buffer.
///
/// Readers look at the bytes in place (``window``) and say how many they used (``consume(_:)``),
/// so nothing is copied per record and memory stays at the buffer's size. The buffer is raw
/// memory owned here: a window costs two loads, with no closure and no array bookkeeping, and
/// stays valid until the next ``fill(limit:)``, ``ensure(_:)`` or ``consume(_:)``.
public final class ByteSource {
    /// Name used in messages: the path, or `-` for standard input.
    public let path: String
    public let fd: Int32
    private let ownsDescriptor: Bool
    /// Size of a regular file, for progress; nil for pipes.
    public let totalSize: Int64?
    /// Bytes consumed so far.
    public private(set) var offset: Int64 = 0
    private var storage: UnsafeMutableRawPointer
    private var capacity: Int
    private var start = 0
    private var end = 0
    public private(set) var atEOF = false
    static let chunk = 1 << 18

    /// Opens `path` (`-` for standard input).
    public init(path: String) throws(CaptureError) {
        self.path = path
        if path == "-" {
            fd = 0
            ownsDescriptor = false
        } else {
            let opened = open(path, O_RDONLY | O_CLOEXEC)
            guard opened >= 0 else {
                throw CaptureError(path: path, "cannot open: \(String(cString: strerror(errno)))")
            }
            fd = opened
            ownsDescriptor = true
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            if ownsDescriptor { close(fd) }
            throw CaptureError(path: path, "is a directory")
        }
        totalSize = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int64(info.st_size) : nil
        capacity = Self.chunk
        storage = .allocate(byteCount: capacity, alignment: 16)
    }

    /// Bytes already in memory (`hex`'s arguments), read like a file named `name`.
    public init(bytes: [UInt8], name: String) {
        path = name
        fd = -1
        ownsDescriptor = false
        totalSize = Int64(bytes.count)
        capacity = max(bytes.count, 1)
        storage = .allocate(byteCount: capacity, alignment: 16)
        bytes.withUnsafeBytes {
            storage.copyMemory(from: $0.baseAddress ?? UnsafeRawPointer(storage), byteCount: $0.count)
        }
        end = bytes.count
        atEOF = true
    }

    deinit {
        storage.deallocate()
        if ownsDescriptor { close(fd) }
    }

    /// Bytes available without reading more.
    @inline(__always)
    public var available: Int { end - start }

    /// The unread bytes in place, valid until the next fill, ensure or consume.
    @inline(__always)
    public var window: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage + start, count: end - start) }

    /// Reads more bytes, growing the buffer only up to `limit`. Returns false at end of input.
    @discardableResult
    public func fill(limit: Int = 1 << 21) throws(CaptureError) -> Bool {
        if atEOF { return false }
        if start > 0 && (start == end || end == capacity) {
            if start < end { (storage).copyMemory(from: storage + start, byteCount: end - start) }
            end -= start
            start = 0
        }
        if end == capacity {
            guard capacity < limit else { return true }
            let grown = capacity + min(capacity, limit - capacity)
            let bigger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
            bigger.copyMemory(from: storage, byteCount: end)
            storage.deallocate()
            storage = bigger
            capacity = grown
        }
        while true {
            let count = read(fd, storage + end, capacity - end)
            if count > 0 {
                end += count
                return true
            }
            if count == 0 {
                atEOF = true
                return false
            }
            if errno == EINTR {
                // An interrupt asks the run to stop: the input ends here.
                if Interruption.requested != 0 {
                    atEOF = true
                    return false
                }
                continue
            }
            throw CaptureError(path: path, "read error: \(String(cString: strerror(errno)))")
        }
    }

    /// Makes at least `count` bytes available if the input has them.
    @inline(__always)
    public func ensure(_ count: Int) throws(CaptureError) {
        while end - start < count, try fill(limit: max(count, 1 << 21)) {}
    }

    /// Calls `body` with the unread bytes in place.
    public func withWindow<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try body(window.bindMemory(to: UInt8.self))
    }

    /// Marks `count` bytes of the window as used.
    @inline(__always)
    public func consume(_ count: Int) {
        let used = min(count, end - start)
        start += used
        offset += Int64(used)
    }

    /// Up to `count` first bytes, without consuming them (format sniffing).
    public func peek(_ count: Int) throws(CaptureError) -> [UInt8] {
        try ensure(count)
        return Array(window.prefix(count))
    }

    /// The bytes already read (at least `count` if the input has them), without waiting for
    /// more, and without consuming them.
    public func peekAvailable(atLeast count: Int, upTo limit: Int) throws(CaptureError) -> [UInt8] {
        try ensure(count)
        return Array(window.prefix(limit))
    }
}
