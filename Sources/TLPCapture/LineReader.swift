/// Lines of a ``ByteSource``, looked at in place. A line longer than `maxLength` is not kept:
/// it is skipped to its end and reported as too long, so no input makes memory grow.
///
/// The reader keeps the source's window (one large read) between calls and walks it line by
/// line with `memchr`: the lines already read are handed back to the source only when the
/// window is used up, so a line costs the search for its end and no call into the source. The
/// source belongs to the reader while it reads: nothing else may fill or consume it.
public struct LineReader {
    public let source: ByteSource
    public let maxLength: Int
    public private(set) var lineNumber = 0
    /// The source's window as last seen, and how much of it the lines returned so far used.
    private var window: UnsafePointer<UInt8>?
    private var windowCount = 0
    private var used = 0

    public init(_ source: ByteSource, maxLength: Int = 1 << 20) {
        self.source = source
        self.maxLength = maxLength
    }

    public enum Line {
        /// A line without its `\n` (and `\r`), valid only until the next line is read.
        case text(UnsafeBufferPointer<UInt8>)
        /// A line longer than `maxLength` bytes: skipped.
        case tooLong(Int)
    }

    /// Bytes of the input read as lines so far (for progress).
    public var offset: Int64 { source.offset + Int64(used) }

    /// The bytes after the lines read so far, as far as the window holds them (the next line
    /// and more, or part of it), valid until the next line is read. A reader that finds a line
    /// end in them itself takes the line with ``skipLine(_:)``; else it calls ``nextLine()``.
    @inline(__always) public var unread: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: window.map { $0 + used }, count: windowCount &- used)
    }

    /// Takes the first `count` bytes of ``unread``, which end with the next line's `\n`, as
    /// read: the caller read that line itself.
    @inline(__always) public mutating func skipLine(_ count: Int) {
        used &+= count
        lineNumber &+= 1
    }

    /// Takes the first `bytes` bytes of ``unread``, `count` whole lines, as read.
    @inline(__always) public mutating func skipLines(bytes: Int, count: Int) {
        used &+= bytes
        lineNumber &+= count
    }

    /// Calls `body` with the next line; returns nil at the end of the input.
    public mutating func next<R>(_ body: (Int, Line) -> R) throws(CaptureError) -> R? {
        guard let line = try nextLine() else { return nil }
        return body(lineNumber, line)
    }

    /// The next line (its number is ``lineNumber``), valid until the next call; nil at the end
    /// of the input.
    @inline(__always)
    public mutating func nextLine() throws(CaptureError) -> Line? {
        if let window, used < windowCount,
            let found = memchr(window + used, 0x0A, windowCount - used)
        {
            let start = used
            var length = window.distance(to: found.assumingMemoryBound(to: UInt8.self)) - start
            used = start + length + 1
            lineNumber += 1
            if length > 0, window[start + length - 1] == 0x0D { length -= 1 }
            return .text(UnsafeBufferPointer(start: window + start, count: length))
        }
        return try nextLineAfterRead()
    }

    /// The next line when the window holds no complete one: hands the lines read back to the
    /// source and reads more, as far as `maxLength` allows.
    private mutating func nextLineAfterRead() throws(CaptureError) -> Line? {
        source.consume(used)
        used = 0
        // The window now starts at the line being read; `scanned` of it hold no newline.
        var scanned = 0
        var skipped = 0
        while true {
            let newline = source.withWindow { window -> Int? in
                guard scanned < window.count, let base = window.baseAddress,
                    let found = memchr(base + scanned, 0x0A, window.count - scanned)
                else { return nil }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            if let newline {
                lineNumber += 1
                if skipped > 0 {
                    source.consume(newline + 1)
                    keepWindow()
                    return .tooLong(skipped + newline)
                }
                keepWindow()
                return take(newline, consumed: newline + 1)
            }
            scanned = source.available
            if scanned > maxLength {
                skipped += scanned
                source.consume(scanned)
                scanned = 0
            }
            if try !source.fill(limit: maxLength + ByteSource.chunk) {
                // End of input: the last line has no newline.
                let rest = source.available
                guard rest > 0 || skipped > 0 else {
                    keepWindow()
                    return nil
                }
                lineNumber += 1
                if skipped > 0 {
                    source.consume(rest)
                    keepWindow()
                    return .tooLong(skipped + rest)
                }
                keepWindow()
                return take(rest, consumed: rest)
            }
        }
    }

    /// Remembers the source's window, none of it used.
    private mutating func keepWindow() {
        let bytes = source.window
        window = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        windowCount = bytes.count
        used = 0
    }

    /// The line of `length` bytes at the start of the window, which uses `consumed` bytes.
    private mutating func take(_ length: Int, consumed: Int) -> Line {
        used = consumed
        guard let window else { return .text(UnsafeBufferPointer(start: nil, count: 0)) }
        var length = length
        if length > 0, window[length - 1] == 0x0D { length -= 1 }
        return .text(UnsafeBufferPointer(start: window, count: length))
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
