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

    init(total: Int64?) {
        enabled = isatty(2) == 1 && (total ?? 0) > Self.threshold
    }

    /// Call every few thousand records; redraws at most four times a second.
    mutating func update(records: Int, done: Int64, total: Int64?) {
        guard enabled, let total, total > 0 else { return }
        let now = Self.now()
        guard now - lastShown >= 0.25 else { return }
        lastShown = now
        shown = true
        let percent = Int(100 * done / total)
        let rate = Double(records) / max(now - started, 0.001)
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
