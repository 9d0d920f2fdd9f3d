#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Progress on standard error for long runs: only when standard error is a terminal, never in
/// pipes or logs, never with `-q`, and only once the run has taken a second. `decode`, `stats`,
/// `convert` and `verify` show it for inputs larger than 64 MiB (with the percentage read) and
/// for inputs of unknown size (standard input, a pipe: records and rate); `synth` for every run
/// (with the percentage of `--count` written).
struct ProgressMeter {
    static let threshold: Int64 = 64 << 20
    /// Seconds a run takes before the meter shows.
    static let delay = 1.0
    /// Seconds between two redraws.
    static let interval = 0.25

    private let enabled: Bool
    private let started: Double
    private var lastShown = 0.0
    private var shown = false

    /// Whether a run that reads an input of `total` bytes (nil: unknown) shows progress.
    static func shows(total: Int64?, quiet: Bool, terminal: Bool) -> Bool {
        !quiet && terminal && (total.map { $0 > threshold } ?? true)
    }

    /// A meter for reading an input of `total` bytes (nil: standard input or a pipe).
    init(
        total: Int64?, quiet: Bool = false, terminal: Bool = ProgressMeter.standardErrorIsTerminal,
        started: Double = ProgressMeter.now()
    ) {
        self.init(enabled: Self.shows(total: total, quiet: quiet, terminal: terminal), started: started)
    }

    /// A meter for writing records (`synth`): on at a terminal unless quiet.
    static func writing(
        quiet: Bool, terminal: Bool = ProgressMeter.standardErrorIsTerminal, started: Double = ProgressMeter.now()
    ) -> ProgressMeter {
        ProgressMeter(enabled: !quiet && terminal, started: started)
    }

    private init(enabled: Bool, started: Double) {
        self.enabled = enabled
        self.started = started
    }

    /// The meter's line: `42%  1234 records  5678 records/s`, without the percentage when the
    /// size is unknown.
    static func line(percent: Int?, records: Int, rate: Double) -> String {
        (percent.map { "\($0)%  " } ?? "") + "\(records) \(records == 1 ? "record" : "records")  \(Int(rate)) records/s"
    }

    /// The line to draw at time `now` after `records` records and `done` of `total` units (bytes
    /// read, records written; nil total: unknown), or nil when nothing is drawn now: the meter is
    /// off, the run has not taken a second yet, or the last line is less than 0.25 s old.
    mutating func line(records: Int, done: Int64, total: Int64?, at now: Double) -> String? {
        guard enabled, now - started >= Self.delay, now - lastShown >= Self.interval else { return nil }
        lastShown = now
        shown = true
        let rate = Double(records) / max(now - started, 0.001)
        let percent = total.flatMap { $0 > 0 ? Int(100 * min(done, $0) / $0) : nil }
        return Self.line(percent: percent, records: records, rate: rate)
    }

    /// Call every few thousand records; redraws at most four times a second.
    mutating func update(records: Int, done: Int64, total: Int64?) {
        guard enabled else { return }
        if let line = line(records: records, done: done, total: total, at: Self.now()) {
            Output.standardError("\r\(line) ")
        }
    }

    /// Clears the progress line.
    mutating func finish() {
        if shown { Output.standardError("\r\u{1B}[K") }
        shown = false
    }

    static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
