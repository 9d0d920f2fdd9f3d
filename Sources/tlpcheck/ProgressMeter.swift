#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Progress on standard error for big inputs: only when standard error is a terminal and the
/// input is larger than 64 MB; never in pipes or logs.
struct ProgressMeter {
    static let threshold: Int64 = 64 << 20
    private let enabled: Bool
    private let started = ProgressMeter.now()
    private var lastShown = 0.0
    private var shown = false

    /// On for a terminal when the input is large or of unknown size (standard input, a pipe);
    /// off with `-q`.
    init(total: Int64?, quiet: Bool = false) {
        enabled = !quiet && isatty(2) == 1 && (total.map { $0 > Self.threshold } ?? true)
    }

    /// Call every few thousand records; redraws at most four times a second.
    mutating func update(records: Int, done: Int64, total: Int64?) {
        guard enabled else { return }
        let now = Self.now()
        guard now - lastShown >= 0.25 else { return }
        let rate = Double(records) / max(now - started, 0.001)
        guard let total, total > 0 else {
            // Size unknown: records and rate, once the run has taken a second.
            guard now - started >= 1 else { return }
            lastShown = now
            shown = true
            Output.standardError("\r\(records) records  \(Int(rate)) records/s ")
            return
        }
        lastShown = now
        shown = true
        let percent = Int(100 * done / total)
        Output.standardError("\r\(percent)%  \(records) records  \(Int(rate)) records/s ")
    }

    /// Clears the progress line.
    mutating func finish() {
        if shown { Output.standardError("\r\u{1B}[K") }
        shown = false
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
