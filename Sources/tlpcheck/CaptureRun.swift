import PCIeTLP
import TLPCapture

/// Reads every input, decodes every record, and counts: the loop that `decode`, `convert`,
/// `stats` and `verify` share. Bad records are reported on standard error with their source and
/// counted; an input that is unusable as a whole is reported, skipped, and makes the exit code 2.
/// An interrupt stops the loop between two records (``Interrupted``).
struct CaptureRun {
    let options: InputOptions
    private(set) var read = 0
    private(set) var decoded = 0
    private(set) var errors = 0
    private(set) var skipped = SkippedLines()
    /// Packets that hold no TLP (DLLPs, ordered sets, ARP, other UDP), by kind.
    private(set) var others: [String: Int] = [:]
    var otherTotal: Int { others.values.reduce(0, +) }
    /// Inputs that could not be used, with the reason (in the order met).
    private(set) var unusable: [(path: String, reason: String)] = []
    /// Records decoded in an assumed mode, and whether the other mode would read them better.
    private(set) var modeAdvice = ModeAdvice()

    var unusableInputs: Int { unusable.count }

    /// `--filter`: records it rejects never reach the command (errors are still counted).
    var filter: TLPFilter?
    /// `--count`: the loop stops after this many records passed to the command.
    var limit: Int?
    /// Records passed to the command (after the filter).
    private(set) var selected = 0
    var limitReached: Bool { limit.map { selected >= $0 } ?? false }

    /// True when the record passes `--filter` (always true without one).
    func accepts(_ words: some TLPWords, record: Int, source: @autoclosure () -> String) -> Bool {
        guard let filter else { return true }
        return filter.matches(words, record: record, source: source())
    }

    /// Counts a record passed to the command, for `--count`.
    mutating func select() { selected += 1 }

    init(_ options: InputOptions) {
        self.options = options
    }

    /// What the loop hands to the command for each record.
    struct Item {
        var record: CaptureRecord
        /// The record's wire bytes, valid while the item is handled: a reader that lends its
        /// bytes in place leaves `record.bytes` empty.
        var bytes: UnsafeRawBufferPointer
        /// The record's number in the run.
        var number: Int
        /// Decoded in non-flit mode because neither the input nor `--mode` said.
        var modeAssumed: Bool
        var result: DecodedRecord
        /// True for the first record of a file decoded in an assumed mode.
        var firstAssumedMode: Bool

        /// The record's `record`, `source`, `time` and capture-level keys, made when asked
        /// for: text output without record headers never needs them (their source and time
        /// are strings). Each read makes them anew: read it once.
        var origin: TLPRecord.Origin { CaptureRun.origin(record, number: number, modeAssumed: modeAssumed) }
    }

    /// Runs `body` for every record of every input, decoded; `startFile` is told each input
    /// that opens.
    mutating func run(
        _ paths: [String], startFile: (String) -> Void = { _ in },
        other: (CaptureRecord, TLPRecord.Origin) throws -> Void = { _, _ in }, _ body: (Item) throws -> Void
    ) throws {
        let decoder = options.recordDecoder
        var assumedSaid: Set<String> = []
        var lastPoor = false
        let filter = filter
        let limit = limit
        var passed = 0
        try runRecords(
            paths, startFile: startFile, assess: { _, _ in lastPoor },
            other: { record in
                guard filter == nil else { return }
                try other(record, Self.origin(record, number: 0, modeAssumed: false))
            },
            stop: { limit.map { passed >= $0 } ?? false }
        ) { record, bytes, number in
            let assumed = record.error == nil && decoder.mode(for: record).assumed
            // Decoded from the bytes in place; the record keeps what the reader gave it.
            let result = decoder.decode(record, bytes: bytes)
            // The decoded TLP is looked at in place (a pattern that binds it copies it).
            let failure = result.error
            // Only the mode advice of an assumed mode asks how well the record read.
            if assumed, case .tlp(let tlp, let notes) = result {
                lastPoor = tlp.info.isReserved || !notes.isEmpty || !tlp.warnings.isEmpty
            }
            let first = assumed && assumedSaid.insert(record.source.path).inserted
            var accepted = true
            if let filter {
                if case .tlp(let tlp, _) = result {
                    accepted = filter.matches(tlp, record: number, source: record.source.description)
                } else {
                    accepted = false
                }
            }
            if accepted {
                passed += 1
                // The result moves into the item instead of being copied.
                try body(
                    Item(
                        record: record, bytes: bytes, number: number, modeAssumed: assumed, result: consume result,
                        firstAssumedMode: first))
            }
            return failure
        }
        selected += passed
    }

    /// The `record`, `source`, `time` and capture-level keys of a record.
    static func origin(_ record: CaptureRecord, number: Int, modeAssumed: Bool) -> TLPRecord.Origin {
        TLPRecord.Origin(
            record: number, place: record.source, time: record.time,
            modeAssumed: modeAssumed, encapsulation: record.encapsulation?.rawValue,
            direction: record.direction?.rawValue, layer: record.layerEntries)
    }

    /// Runs `body` for every record of every input as read, without decoding: `body` is lent the
    /// record (`inout`, so it is not copied per record; `body` does not change it), its bytes in
    /// place (the record's own `bytes` may be empty) and its number, decodes as it needs, and
    /// returns why the record did not decode, or nil. Counting, messages,
    /// progress, the mode advice and interrupts are handled here; `unusableFile` is told each
    /// input that cannot be used, with the reason.
    mutating func runRecords(
        _ paths: [String], startFile: (String) -> Void = { _ in },
        unusableFile: (String, String) -> Void = { _, _ in },
        assess: ((CaptureRecord, UnsafeRawBufferPointer) -> Bool)? = nil,
        other: (CaptureRecord) throws -> Void = { _ in },
        stop: () -> Bool = { false },
        _ body: (inout CaptureRecord, UnsafeRawBufferPointer, Int) throws -> RecordError?
    ) throws {
        let decoder = options.recordDecoder
        for path in paths.isEmpty ? ["-"] : paths where !stop() {
            let opened: (reader: any CaptureReader, format: InputFormat, sniffed: InputFormat)
            do {
                opened = try CaptureInput.open(path, options.readerOptions)
            } catch {
                refuse(path, error.message, unusableFile)
                continue
            }
            var reader = opened.reader
            let renamed = options.renamesSources ? options.sourcePath(path) : nil
            startFile(renamed ?? path)
            var progress = ProgressMeter(total: reader.progress.total, quiet: quiet)
            // Cleared however the input ends (an interrupt included), before the next message.
            defer { progress.finish() }
            var number = 0
            while true {
                var thrown: (any Error)?
                let more: Bool
                do throws(CaptureError) {
                    more = try reader.withNext { record, bytes in
                        if let packet = record.other {
                            // Not a TLP: counted apart, never a record or an error.
                            others[packet.kind, default: 0] += 1
                            do { try other(record) } catch { thrown = error }
                            return
                        }
                        number += 1
                        read += 1
                        // The reader lends its record: renamed in place, not copied.
                        if let renamed, record.source.path != renamed { record.source.path = renamed }
                        do {
                            let message = try body(&record, bytes, number)
                            if let message {
                                errors += 1
                                Output.standardError("\(record.source): error: \(message)\n")
                            } else {
                                decoded += 1
                            }
                            let mode = decoder.mode(for: record)
                            if mode.assumed, record.error == nil {
                                let poor =
                                    message != nil
                                    || (assess?(record, bytes)
                                        ?? !DecodeQuality.sizesAsDefinedType(bytes, mode: mode.mode))
                                modeAdvice.observe(bytes, assumedMode: mode.mode, poor: poor)
                            }
                        } catch {
                            thrown = error
                        }
                    }
                } catch {
                    refuse(path, error.message, unusableFile)
                    break
                }
                if let thrown { throw thrown }
                try Interrupted.check(after: read)
                guard more, !stop() else { break }
                if number & 0xFFF == 0 {
                    let position = reader.progress
                    progress.update(records: number, done: position.done, total: position.total)
                }
            }
            progress.finish()
            let lines = reader.skippedLines
            skipped.blank += lines.blank
            skipped.text += lines.text
            skipped.emptyLogs += lines.emptyLogs
            // Text that held no record at all was read in the wrong format: saying "0 records"
            // and exit 0 would pass a capture nobody read. (Packets that are no TLPs are read.)
            if number == 0, lines.text > 0, lines.emptyLogs == 0 {
                let looks =
                    opened.sniffed == opened.format
                    ? "" : "; it looks like \(opened.sniffed.description) (--input \(opened.sniffed.rawValue))"
                refuse(
                    path,
                    "no TLP found in \(lines.text) lines of text read as \(opened.format.description)\(looks)",
                    unusableFile)
            }
        }
    }

    private mutating func refuse(_ path: String, _ reason: String, _ tell: (String, String) -> Void) {
        unusable.append((path, reason))
        Output.standardError("tlpcheck: \(path): \(reason)\n")
        tell(path, reason)
    }

    /// `read N records: N decoded, N errors; N other lines skipped`, always with read = decoded
    /// + errors; the skipped lines are the text lines that belong to no record.
    var summary: String {
        var text = "tlpcheck: read \(read) \(read == 1 ? "record" : "records"): \(decoded) decoded, \(errors) errors"
        if skipped.total > 0 {
            text += "; \(skipped.total) other \(skipped.total == 1 ? "line" : "lines") skipped"
            let kinds = [(skipped.blank, "blank"), (skipped.emptyLogs, "empty header logs")].filter { $0.0 > 0 }
            if !kinds.isEmpty { text += " (" + kinds.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + ")" }
        }
        if otherTotal > 0 {
            let kinds = CaptureStats.sorted(others).map { "\($0.count) \($0.key)" }.joined(separator: ", ")
            text += "; \(otherTotal) other \(otherTotal == 1 ? "packet" : "packets") (\(kinds))"
        }
        return text
    }

    /// `-q/--quiet`: no summary, notes or progress; errors are still reported.
    var quiet = false

    /// The summary line on standard error, unless quiet.
    func printSummary() {
        if !quiet { Output.standardError(summary + "\n") }
    }

    /// Notes for the end of a run: the mode advice when the other mode reads the records better.
    func printNotes() {
        guard !quiet else { return }
        if let hint = modeAdvice.hint { Output.standardError("tlpcheck: note: \(hint)\n") }
    }

    /// Exit status per the contract: 2 for an unusable input, 1 for a bad record, else 0.
    var exitStatus: Int32 { unusableInputs > 0 ? 2 : errors > 0 ? 1 : 0 }
}
