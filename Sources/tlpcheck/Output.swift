#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Buffered writes to standard output and unbuffered ones to standard error, without Foundation.
enum Output {
    nonisolated(unsafe) private static var buffer: [UInt8] = []

    static func standardOutput(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    static func flush() {
        write(fd: 1, buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    static func standardError(_ text: String) {
        flush()
        write(fd: 2, Array(text.utf8))
    }

    private static func write(fd: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(fd, base + offset, raw.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
