#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file or standard input read in chunks into one reused buffer.
///
/// Readers look at the bytes in place (`window`) and say how many they used (`consume`), so
/// nothing is copied per record and memory stays at the buffer's size.
public final class ByteSource {
    /// Name used in messages: the path, or `-` for standard input.
    public let path: String
    public let fd: Int32
    private let ownsDescriptor: Bool
    /// Size of a regular file, for progress; nil for pipes.
    public let totalSize: Int64?
    /// Bytes consumed so far.
    public private(set) var offset: Int64 = 0
    private(set) var buffer: [UInt8]
    private(set) var start = 0
    private(set) var end = 0
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
        buffer = [UInt8](repeating: 0, count: Self.chunk)
    }

    /// Bytes already in memory (`hex`'s arguments), read like a file named `name`.
    public init(bytes: [UInt8], name: String) {
        path = name
        fd = -1
        ownsDescriptor = false
        totalSize = Int64(bytes.count)
        buffer = bytes
        end = bytes.count
        atEOF = true
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    /// Bytes available without reading more.
    public var available: Int { end - start }

    /// Reads more bytes, growing the buffer only up to `limit`. Returns false at end of input.
    @discardableResult
    public func fill(limit: Int = 1 << 21) throws(CaptureError) -> Bool {
        if atEOF { return false }
        if start > 0 && (start == end || end == buffer.count) {
            if start < end {
                buffer.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
            }
            end -= start
            start = 0
        }
        if end == buffer.count {
            guard buffer.count < limit else { return true }
            buffer.append(contentsOf: repeatElement(0, count: min(buffer.count, limit - buffer.count)))
        }
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in
                read(fd, raw.baseAddress.map { $0 + end }, raw.count - end)
            }
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
    public func ensure(_ count: Int) throws(CaptureError) {
        while available < count, try fill(limit: max(count, 1 << 21)) {}
    }

    /// Calls `body` with the unread bytes in place.
    public func withWindow<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try buffer.withUnsafeBufferPointer { (all) throws(E) -> R in
            try body(UnsafeBufferPointer(rebasing: all[start..<end]))
        }
    }

    /// Marks `count` bytes of the window as used.
    public func consume(_ count: Int) {
        let used = min(count, available)
        start += used
        offset += Int64(used)
    }

    /// Up to `count` first bytes, without consuming them (format sniffing).
    public func peek(_ count: Int) throws(CaptureError) -> [UInt8] {
        try ensure(count)
        return Array(buffer[start..<min(end, start + count)])
    }

    /// The bytes already read (at least `count` if the input has them), without waiting for
    /// more, and without consuming them.
    public func peekAvailable(atLeast count: Int, upTo limit: Int) throws(CaptureError) -> [UInt8] {
        try ensure(count)
        return Array(buffer[start..<min(end, start + limit)])
    }
}
