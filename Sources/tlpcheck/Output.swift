import PCIeTLP
import TLPCapture

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard output through a ``ByteSink`` (buffered, every write checked) and standard error
/// unbuffered. A failed write to standard output ends the run where it happens: quietly with
/// status 141 when the reader has gone (`tlpcheck decode | head`, as a shell reports a pipe
/// closed under a program), else with a message naming the output and status 2. Temporary
/// output files are removed first, so nothing half-written is left under a final name.
enum Output {
    nonisolated(unsafe) private static var sink: ByteSink? = try? ByteSink(path: "-")

    static func standardOutput(_ text: String) {
        guard let sink else { return }
        do throws(CaptureError) { try sink.write(text) } catch { fail(error) }
    }

    /// Writes the contents of `buffer` and empties it.
    static func standardOutput(_ buffer: TextBuffer) {
        defer { buffer.removeAll() }
        guard let sink else { return }
        do throws(CaptureError) { try sink.write(buffer.bytes) } catch { fail(error) }
    }

    /// `-o FILE`: standard output goes to `path` instead, written to a temporary file and
    /// renamed into place by ``commit()`` ('-' stays standard output).
    static func redirect(to path: String?) {
        guard let path, path != "-" else { return }
        do throws(CaptureError) { sink = try ByteSink(path: path) } catch { fail(error) }
    }

    /// Flushes, and renames a `-o` file into place.
    static func commit() {
        guard let sink else { return }
        do throws(CaptureError) { try sink.commit() } catch { fail(error) }
    }

    static func flush() {
        guard let sink else { return }
        do throws(CaptureError) { try sink.flush() } catch { fail(error) }
    }

    static func standardError(_ text: String) {
        flush()
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(2, base + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }

    /// Ends the run for an output that cannot be written (any output, not only standard output).
    static func fail(_ error: CaptureError) -> Never {
        TemporaryFiles.removeAll()
        if error.brokenPipe { exit(ExitStatus.brokenPipe) }
        sink = nil
        standardError("tlpcheck: \(error)\n")
        exit(ExitStatus.unusableInput.rawValue)
    }
}
