#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every output tlpcheck writes goes through one of these: buffered, every `write(2)` checked.
///
/// A regular file (or a path that does not exist yet) is written to a temporary file in the same
/// directory and renamed over the final name by ``commit()``, so a run that fails or is
/// interrupted never leaves a half-written file under the final name. Standard output (`-`),
/// devices and FIFOs are written in place.
public final class ByteSink {
    public let path: String
    private let fd: Int32
    private let ownsDescriptor: Bool
    /// The temporary file renamed to `path` by ``commit()``; nil when writing in place.
    private var temporary: String?
    private var buffer: [UInt8] = []
    private var failed: CaptureError?
    /// Bytes handed to the kernel so far.
    public private(set) var written: Int64 = 0
    static let flushSize = 1 << 16

    /// Opens `path` for writing; `-` is standard output.
    public init(path: String) throws(CaptureError) {
        self.path = path
        buffer.reserveCapacity(Self.flushSize)
        if path == "-" {
            fd = 1
            ownsDescriptor = false
            return
        }
        var info = stat()
        let exists = stat(path, &info) == 0
        if exists, (info.st_mode & S_IFMT) != S_IFREG {
            guard (info.st_mode & S_IFMT) != S_IFDIR else { throw CaptureError(path: path, "is a directory") }
            let opened = open(path, O_WRONLY | O_CLOEXEC)
            guard opened >= 0 else { throw CaptureError(path: path, "cannot open: \(Self.reason(errno))") }
            fd = opened
            ownsDescriptor = true
            return
        }
        let (opened, name) = try Self.createTemporary(beside: path)
        fd = opened
        ownsDescriptor = true
        temporary = name
        TemporaryFiles.register(name)
    }

    deinit {
        if ownsDescriptor { close(fd) }
        if let temporary {
            unlink(temporary)
            TemporaryFiles.unregister(temporary)
        }
    }

    /// A file next to `path` that only this process knows, with the permissions a new file gets.
    private static func createTemporary(beside path: String) throws(CaptureError) -> (Int32, String) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(directory).\(name).tlpcheck-XXXXXX".utf8CString)
        let opened = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard opened >= 0 else { throw CaptureError(path: path, "cannot create: \(reason(errno))") }
        _ = fcntl(opened, F_SETFD, FD_CLOEXEC)
        let mask = umask(0)
        umask(mask)
        fchmod(opened, 0o666 & ~mask)
        let created = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (opened, created)
    }

    public func write(_ text: String) throws(CaptureError) {
        guard text.utf8.count >= Self.flushSize else {
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= Self.flushSize { try flush() }
            return
        }
        // A large text (a report of 10,000 tuples) goes to the kernel from its own storage
        // rather than through a copy in the buffer.
        try flush()
        var text = text
        let (done, failure) = text.withUTF8 { Self.writeAll(fd, UnsafeRawBufferPointer($0)) }
        try account(done: done, failure: failure)
    }

    public func write(_ bytes: [UInt8]) throws(CaptureError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushSize { try flush() }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(CaptureError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushSize { try flush() }
    }

    /// Appends in place to the buffer (for writers that format straight into it).
    public func append(_ body: (inout [UInt8]) -> Void) throws(CaptureError) {
        body(&buffer)
        if buffer.count >= Self.flushSize { try flush() }
    }

    /// Hands the buffer to the kernel. A failure is kept: every later call throws it too.
    public func flush() throws(CaptureError) {
        if let failed { throw failed }
        let (done, failure) = buffer.withUnsafeBytes { Self.writeAll(fd, $0) }
        buffer.removeAll(keepingCapacity: true)
        try account(done: done, failure: failure)
    }

    /// Writes all of `raw` to `fd`: the bytes written, and the errno that stopped it (0: none).
    private static func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer) -> (done: Int, failure: Int32) {
        guard let base = raw.baseAddress else { return (0, 0) }
        var done = 0
        while done < raw.count {
            let count = Glibc.write(fd, base + done, raw.count - done)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return (done, count == 0 ? EIO : errno) }
            done += count
        }
        return (done, 0)
    }

    /// Counts what a write wrote, and keeps (and throws) the error that stopped it.
    private func account(done: Int, failure: Int32) throws(CaptureError) {
        written += Int64(done)
        if failure != 0 {
            let error = CaptureError(
                path: path == "-" ? "standard output" : path, "write error: \(Self.reason(failure))",
                brokenPipe: failure == EPIPE)
            failed = error
            throw error
        }
    }

    /// Flushes, closes and, for a file written through a temporary, renames it to its name:
    /// only now does the output exist.
    public func commit() throws(CaptureError) {
        try flush()
        guard let temporary else { return }
        if fsync(fd) != 0, errno != EINVAL {
            throw CaptureError(path: path, "write error: \(Self.reason(errno))")
        }
        guard rename(temporary, path) == 0 else {
            throw CaptureError(path: path, "cannot rename \(temporary) to it: \(Self.reason(errno))")
        }
        TemporaryFiles.unregister(temporary)
        self.temporary = nil
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// Temporary output files not yet renamed, removed when the process ends early (a write error
/// on another output, an interrupt) so that nothing half-written is left behind.
public enum TemporaryFiles {
    nonisolated(unsafe) private static var paths: [String] = []

    static func register(_ path: String) { paths.append(path) }

    static func unregister(_ path: String) { paths.removeAll { $0 == path } }

    /// Removes every temporary output still open. Call before exiting early.
    public static func removeAll() {
        for path in paths { unlink(path) }
        paths.removeAll()
    }
}
