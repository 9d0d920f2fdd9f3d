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
    /// The buffer and where the reader is in it. Kept behind a pointer the source owns, so the
    /// per-record `window`/`consume` calls are plain loads and stores: stored `var`s of a class
    /// would cost a dynamic exclusivity check on every access.
    private struct Cursor {
        var storage: UnsafeMutableRawPointer
        var capacity: Int
        var start = 0
        var end = 0
        var offset: Int64 = 0
        var atEOF = false
    }
    private let cursor: UnsafeMutablePointer<Cursor>
    /// Bytes consumed so far.
    public var offset: Int64 { cursor.pointee.offset }
    public var atEOF: Bool { cursor.pointee.atEOF }
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
        cursor = .allocate(capacity: 1)
        cursor.initialize(to: Cursor(storage: .allocate(byteCount: Self.chunk, alignment: 16), capacity: Self.chunk))
    }

    /// Bytes already in memory (`hex`'s arguments), read like a file named `name`.
    public init(bytes: [UInt8], name: String) {
        path = name
        fd = -1
        ownsDescriptor = false
        totalSize = Int64(bytes.count)
        let capacity = max(bytes.count, 1)
        let storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        bytes.withUnsafeBytes {
            storage.copyMemory(from: $0.baseAddress ?? UnsafeRawPointer(storage), byteCount: $0.count)
        }
        cursor = .allocate(capacity: 1)
        cursor.initialize(to: Cursor(storage: storage, capacity: capacity, end: bytes.count, atEOF: true))
    }

    deinit {
        cursor.pointee.storage.deallocate()
        cursor.deinitialize(count: 1)
        cursor.deallocate()
        if ownsDescriptor { close(fd) }
    }

    /// Bytes available without reading more.
    @inline(__always)
    public var available: Int { cursor.pointee.end - cursor.pointee.start }

    /// The unread bytes in place, valid until the next fill, ensure or consume.
    @inline(__always)
    public var window: UnsafeRawBufferPointer {
        let c = cursor.pointee
        return UnsafeRawBufferPointer(start: c.storage + c.start, count: c.end - c.start)
    }

    /// Reads more bytes, growing the buffer only up to `limit`. Returns false at end of input.
    @discardableResult
    public func fill(limit: Int = 1 << 21) throws(CaptureError) -> Bool {
        let c = cursor
        if c.pointee.atEOF { return false }
        if c.pointee.start > 0 && (c.pointee.start == c.pointee.end || c.pointee.end == c.pointee.capacity) {
            if c.pointee.start < c.pointee.end {
                c.pointee.storage.copyMemory(
                    from: c.pointee.storage + c.pointee.start, byteCount: c.pointee.end - c.pointee.start)
            }
            c.pointee.end -= c.pointee.start
            c.pointee.start = 0
        }
        if c.pointee.end == c.pointee.capacity {
            let capacity = c.pointee.capacity
            guard capacity < limit else { return true }
            let grown = capacity + min(capacity, limit - capacity)
            let bigger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
            bigger.copyMemory(from: c.pointee.storage, byteCount: c.pointee.end)
            c.pointee.storage.deallocate()
            c.pointee.storage = bigger
            c.pointee.capacity = grown
        }
        while true {
            let count = read(fd, c.pointee.storage + c.pointee.end, c.pointee.capacity - c.pointee.end)
            if count > 0 {
                c.pointee.end += count
                return true
            }
            if count == 0 {
                c.pointee.atEOF = true
                return false
            }
            if errno == EINTR {
                // An interrupt asks the run to stop: the input ends here.
                if Interruption.requested != 0 {
                    c.pointee.atEOF = true
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
        while available < count, try fill(limit: max(count, 1 << 21)) {}
    }

    /// Calls `body` with the unread bytes in place.
    public func withWindow<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try body(window.bindMemory(to: UInt8.self))
    }

    /// Marks `count` bytes of the window as used.
    @inline(__always)
    public func consume(_ count: Int) {
        let used = min(count, available)
        cursor.pointee.start += used
        cursor.pointee.offset += Int64(used)
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
