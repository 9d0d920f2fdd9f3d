/// Lines of a ``ByteSource``, looked at in place. A line longer than `maxLength` is not kept:
/// it is skipped to its end and reported as too long, so no input makes memory grow.
public struct LineReader {
    public let source: ByteSource
    public let maxLength: Int
    public private(set) var lineNumber = 0

    public init(_ source: ByteSource, maxLength: Int = 1 << 20) {
        self.source = source
        self.maxLength = maxLength
    }

    public enum Line {
        /// A line without its `\n` (and `\r`), valid only inside the callback.
        case text(UnsafeBufferPointer<UInt8>)
        /// A line longer than `maxLength` bytes: skipped.
        case tooLong(Int)
    }

    /// Calls `body` with the next line; returns nil at the end of the input.
    public mutating func next<R>(_ body: (Int, Line) -> R) throws(CaptureError) -> R? {
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
                    return body(lineNumber, .tooLong(skipped + newline))
                }
                let number = lineNumber
                let result = source.withWindow { window in
                    var length = newline
                    if length > 0, window[length - 1] == 0x0D { length -= 1 }
                    return body(number, .text(UnsafeBufferPointer(rebasing: window[0..<length])))
                }
                source.consume(newline + 1)
                return result
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
                guard rest > 0 || skipped > 0 else { return nil }
                lineNumber += 1
                if skipped > 0 {
                    source.consume(rest)
                    return body(lineNumber, .tooLong(skipped + rest))
                }
                let number = lineNumber
                let result = source.withWindow { window in
                    var length = window.count
                    if length > 0, window[length - 1] == 0x0D { length -= 1 }
                    return body(number, .text(UnsafeBufferPointer(rebasing: window[0..<length])))
                }
                source.consume(rest)
                return result
            }
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
