import PCIeTLP
import TLPCapture

/// Reads every input, decodes every record, and counts: the loop that `decode`, `convert` and
/// `stats` share. Bad records are reported on standard error with their source and counted;
/// an input that is unusable as a whole is reported and skipped, and makes the exit code 2.
struct CaptureRun {
    let options: InputOptions
    private(set) var read = 0
    private(set) var decoded = 0
    private(set) var errors = 0
    private(set) var unusableInputs = 0

    init(_ options: InputOptions) {
        self.options = options
    }

    /// What the loop hands to the command for each record.
    struct Item {
        var record: CaptureRecord
        var origin: TLPRecord.Origin
        var result: DecodedRecord
        /// True for the first record of a file decoded in an assumed mode.
        var firstAssumedMode: Bool
    }

    /// Runs `body` for every record of every input, decoded; `startFile` is told each input
    /// that opens.
    mutating func run(_ paths: [String], startFile: (String) -> Void = { _ in }, _ body: (Item) throws -> Void) throws {
        let decoder = options.recordDecoder
        var assumedSaid: Set<String> = []
        try runRecords(paths, startFile: startFile) { record, bytes, number in
            var record = record
            if record.bytes.isEmpty, bytes.count > 0 { record.bytes = Array(bytes) }
            let origin = TLPRecord.Origin(
                record: number, source: record.source.description, time: record.time?.description)
            let result = decoder.decode(record)
            var first = false
            if case .tlp = result, decoder.mode(for: record).assumed, assumedSaid.insert(record.source.path).inserted {
                first = true
            }
            try body(Item(record: record, origin: origin, result: result, firstAssumedMode: first))
            if case .error(let message) = result { return message }
            return nil
        }
    }

    /// Runs `body` for every record of every input as read, without decoding: `body` gets the
    /// record, its bytes in place (the record's own `bytes` may be empty) and its number, decodes
    /// as it needs, and returns why the record did not decode, or nil. Counting, messages and
    /// progress are done here.
    mutating func runRecords(
        _ paths: [String], startFile: (String) -> Void = { _ in },
        _ body: (CaptureRecord, UnsafeRawBufferPointer, Int) throws -> String?
    ) throws {
        for path in paths.isEmpty ? ["-"] : paths {
            var reader: any CaptureReader
            do {
                reader = try CaptureInput.open(path, options.readerOptions).reader
            } catch {
                unusableInputs += 1
                Output.standardError("tlpcheck: \(error)\n")
                continue
            }
            startFile(path)
            var progress = ProgressMeter(total: reader.progress.total)
            var number = 0
            while true {
                var thrown: (any Error)?
                let more: Bool?
                do {
                    more = try reader.withNext { record, bytes -> Bool in
                        number += 1
                        read += 1
                        do {
                            if let message = try body(record, bytes, number) {
                                errors += 1
                                Output.standardError("\(record.source): error: \(message)\n")
                            } else {
                                decoded += 1
                            }
                        } catch {
                            thrown = error
                        }
                        return true
                    }
                } catch {
                    unusableInputs += 1
                    Output.standardError("tlpcheck: \(error)\n")
                    break
                }
                if let thrown { throw thrown }
                guard more != nil else { break }
                if number & 0xFFF == 0 {
                    let position = reader.progress
                    progress.update(records: number, done: position.done, total: position.total)
                }
            }
            progress.finish()
        }
    }

    /// `read N records: N decoded, N errors`, always with read = decoded + errors.
    var summary: String { "tlpcheck: read \(read) records: \(decoded) decoded, \(errors) errors" }

    /// Exit status per the contract: 2 for an unusable input, 1 for a bad record, else 0.
    var exitStatus: Int32 { unusableInputs > 0 ? 2 : errors > 0 ? 1 : 0 }
}
