import ArgumentParser
import Foundation
import PCIeTLP
import TLPCapture
import TPHVerify

extension TLPCheck {
    /// `tlpcheck verify CAPTURE... --tuples FILE`: the TPH of every TLP against the published tuples.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every captured ST/PH against the tuples published through VFIO.",
            discussion: """
                Each memory request whose address falls in a published dma-buf range must carry \
                the ST published for the namespace it uses (8-bit: flag st; 16-bit: flag st_ext) \
                and the published PH, from an expected requester. The checks and their ids are \
                in Docs/rules.md; a rules file (--rules) re-grades them (error, warning, off) and \
                adds rules of its own.

                A run passes only when every capture was read and decoded, at least one TLP fell \
                in a published range (else no-tlp-matched fires; --allow-no-match turns it off), \
                and no error-severity check fired. A capture that cannot be used (missing, \
                unreadable, wrong format) gives the verdict ERROR, never PASS.

                Exit status: 0 pass, 1 a check failed, 2 a bad tuple or rules file, a capture \
                that could not be used, or a report that could not be written; 130 interrupted \
                (no verdict is written).

                Example (the seed capture against the tuple its cover letter published):
                  tlpcheck verify Fixtures/seed/seed.analyzer.txt --tuples Fixtures/seed/tuples.yaml
                  tlpcheck verify --mode flit cap.pcap --tuples t.yaml --report junit --report-file verify.xml
                """
        )

        @OptionGroup var input: InputOptions

        @OptionGroup var selection: SelectionOptions

        @Option(
            help: ArgumentHelp("Published tuples, YAML or JSON (Docs/rules.md).", valueName: "file"),
            completion: .file())
        var tuples: String

        @Option(
            help: ArgumentHelp(
                "The exporter's BARs for tuples given as region_index and dma_ranges: its lspci -vv block or sysfs resource file (overrides the tuple file's bars:).",
                valueName: "file"), completion: .file())
        var bars: String?

        @Option(
            help: ArgumentHelp("Rules file: re-grades checks and adds rules (Docs/rules.md).", valueName: "file"),
            completion: .file())
        var rules: String?

        @Option(
            name: [.customShort("T"), .customLong("format")],
            help: ArgumentHelp("Report format: text, json, or junit.", valueName: "format"))
        var format: ReportFormat?

        /// The old spelling of --format, kept for scripts.
        @Option(name: .customLong("report"), help: .hidden)
        var legacyReport: ReportFormat?

        var report: ReportFormat { format ?? legacyReport ?? .text }

        func validate() throws {
            _ = try FormatSpelling.resolve(format, old: legacyReport, oldName: "--report")
        }

        @Option(
            name: .customLong("report-file"),
            help: ArgumentHelp("Write the report here and print a one-line summary instead.", valueName: "path"))
        var reportFile: String?

        @Option(
            name: .customLong("completion-timeout"),
            help: ArgumentHelp(
                "A request with no completion this long after it (records with times) is completion-timeout: 50ms, 100us, 2s.",
                valueName: "duration"))
        var completionTimeout: Duration = Duration(nanoseconds: TransactionTracker.Configuration().timeoutNS)

        @Flag(
            name: .customLong("allow-no-match"),
            help: "Pass a run in which no TLP fell in any published range (turns no-tlp-matched off).")
        var allowNoMatch = false

        @Argument(
            help: ArgumentHelp("Captures to verify; '-' for standard input.", valueName: "capture"), completion: .file()
        )
        var captures: [String] = []

        enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
            case text, json, junit
        }

        func run() throws {
            let captures = LongArgumentList.merged(self.captures)
            let tupleSet: TupleSet
            var ruleSet = RuleSet()
            do {
                if let reportFile {
                    try CaptureOutput.refuseOverwriting(
                        reportFile, inputs: captures + [tuples] + (rules.map { [$0] } ?? []) + (bars.map { [$0] } ?? [])
                    )
                }
                tupleSet = try TupleFile.parse(
                    path: tuples, utf8: try Self.readUTF8(tuples), barsPath: bars,
                    readFile: { path throws(ConfigError) in try Self.read(path) })
                if let rules { ruleSet = try RuleSet.parse(path: rules, text: try Self.read(rules)) }
            } catch {
                Output.standardError("tlpcheck: \(error)\n")
                throw ExitStatus.unusableInput
            }
            if allowNoMatch { ruleSet.severities[.noTLPMatched] = .off }
            // Opened first, so a report that cannot be created stops the run before it reads.
            var sink: ByteSink?
            if let reportFile {
                do throws(CaptureError) { sink = try ByteSink(path: reportFile) } catch { Output.fail(error) }
            }
            var verifier = Verifier(
                tuples: tupleSet, rules: ruleSet, transactions: .init(timeoutNS: completionTimeout.nanoseconds))
            var run = CaptureRun(input)
            let decoder = input.recordDecoder
            run.quiet = selection.quiet
            Terminal.choice = selection.color
            let filter = try selection.compiled()
            let limit = selection.count
            var checked = 0
            try run.runRecords(
                captures, startFile: { verifier.beginCapture($0) },
                unusableFile: { verifier.captureUnusable($0, reason: $1) },
                stop: { limit.map { checked >= $0 } ?? false }
            ) { record, bytes, number in
                if let filter, record.error == nil {
                    // Only the TLPs the filter accepts are checked; one that does not decode
                    // goes to the verifier, which reports it.
                    let (mode, _) = decoder.mode(for: record)
                    let own = record.nonFlitBytes != nil && mode == .nonFlit
                    let accepted: Bool? =
                        own
                        ? RecordDecoder.bytes(of: record, mode: mode).withUnsafeBytes { logBytes in
                            (try? TLPView(logBytes, mode: mode)).map {
                                filter.matches($0, record: number, source: record.source.description)
                            }
                        }
                        : (try? TLPView(bytes, mode: mode)).map {
                            filter.matches($0, record: number, source: record.source.description)
                        }
                    if accepted == false { return nil }
                }
                checked += 1
                if let message = record.error {
                    let error = RecordError(.unreadable, message, source: record.source)
                    verifier.addMalformed(error, record: number, source: record.source.description)
                    return error
                }
                let (mode, assumed) = decoder.mode(for: record)
                if record.nonFlitBytes != nil, mode == .nonFlit {
                    return RecordDecoder.bytes(of: record, mode: mode).withUnsafeBytes { logBytes in
                        verifier.add(
                            bytes: logBytes, mode: mode, modeAssumed: assumed, record: number,
                            timeNS: record.time?.totalNanoseconds, source: record.source.description)
                    }
                }
                return verifier.add(
                    bytes: bytes, mode: mode, modeAssumed: assumed, record: number,
                    timeNS: record.time?.totalNanoseconds, source: record.source.description)
            }
            verifier.finish()
            let result = verifier.result
            let text: String =
                switch report {
                case .text: TextReport.render(result)
                case .json: JSONReport.render(result)
                case .junit: JUnitReport.render(result)
                }
            if let sink {
                do throws(CaptureError) {
                    try sink.write(text)
                    try sink.commit()
                } catch { Output.fail(error) }
                Output.standardOutput(Terminal.verdict(TextReport.summaryLine(result)) + "\n")
            } else {
                Output.standardOutput(report == .text ? Terminal.verdict(text) : text)
            }
            Output.flush()
            if result.assumedModeRecords > 0, !selection.quiet {
                Output.standardError("tlpcheck: note: " + TextReport.assumedModeNote(result) + "\n")
            }
            run.printNotes()
            run.printSummary()
            KeptUntilExit.keep(verifier)
            KeptUntilExit.keep(result)
            switch result.verdict {
            case .error: throw ExitStatus.unusableInput
            case .fail: throw ExitStatus.failure
            case .pass: if run.unusableInputs > 0 { throw ExitStatus.unusableInput }
            }
        }

        /// A tuple file's bytes, as ``read(_:)`` reads its text (at most 16 MiB, UTF-8, a
        /// byte-order mark dropped) but without making a `String` of them: read with `read(2)`
        /// straight into the array a regular file's size is known for, checked for UTF-8 eight
        /// bytes at a time while they are ASCII.
        static func readUTF8(_ path: String) throws(ConfigError) -> [UInt8] {
            let limit = 16 << 20
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw ConfigError(path: path, line: nil, "cannot read the file") }
            defer { close(fd) }
            var info = stat()
            var size = 0
            if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG {
                guard info.st_size <= limit else { throw ConfigError(path: path, line: nil, "file larger than 16 MiB") }
                size = Int(info.st_size)
            }
            var failed = false
            // The known size first (one more byte, to see the end), then in chunks for what
            // a pipe (or a file that grew) still holds.
            var bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, initialized in
                guard let base = buffer.baseAddress else { return }
                while initialized < buffer.count {
                    let got = Glibc.read(fd, base + initialized, buffer.count - initialized)
                    if got < 0 && errno == EINTR { continue }
                    if got < 0 { failed = true }
                    if got <= 0 { return }
                    initialized += got
                }
            }
            if !failed, size == 0 || bytes.count == size + 1 {
                var chunk = [UInt8](repeating: 0, count: 1 << 16)
                while true {
                    let got = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                    if got < 0 && errno == EINTR { continue }
                    if got < 0 { failed = true }
                    if got <= 0 { break }
                    bytes.append(contentsOf: chunk[0..<got])
                    guard bytes.count <= limit else {
                        throw ConfigError(path: path, line: nil, "file larger than 16 MiB")
                    }
                }
            }
            guard !failed else { throw ConfigError(path: path, line: nil, "cannot read the file") }
            guard bytes.count <= limit else { throw ConfigError(path: path, line: nil, "file larger than 16 MiB") }
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            guard Self.isUTF8(bytes) else { throw ConfigError(path: path, line: nil, "not UTF-8 text") }
            return bytes
        }

        /// ASCII eight bytes at a time; anything else as `String(validating:)` judges it.
        static func isUTF8(_ bytes: [UInt8]) -> Bool {
            let ascii = bytes.withUnsafeBytes { raw -> Bool in
                var offset = 0
                while offset + 8 <= raw.count {
                    if raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                        return false
                    }
                    offset += 8
                }
                while offset < raw.count {
                    if raw[offset] >= 0x80 { return false }
                    offset += 1
                }
                return true
            }
            return ascii || String(validating: bytes, as: UTF8.self) != nil
        }

        /// A tuple or rules file as text (they are small; the parser bounds the size).
        /// Its size is asked of `stat(2)` (through `FileManager` it cost half a million
        /// instructions); Foundation decodes it (and drops a byte-order mark).
        static func read(_ path: String) throws(ConfigError) -> String {
            var info = stat()
            if stat(path, &info) == 0, info.st_size > 16 << 20 {
                throw ConfigError(path: path, line: nil, "file larger than 16 MiB")
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigError(path: path, line: nil, "cannot read the file")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw ConfigError(path: path, line: nil, "not UTF-8 text")
            }
            return text
        }
    }
}
