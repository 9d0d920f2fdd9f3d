import ArgumentParser
import PCIeTLP
import TLPCapture

extension TLPCheck {
    /// `tlpcheck decode [FILE...]`: every TLP of the captures, streamed.
    struct Decode: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decode every TLP of the captures, one record per TLP.",
            discussion: """
                Reads analyzer text dumps, plain hex, Linux AER/DPC/lspci logs and pcap/pcapng \
                files (link type 125 or USER0..USER15); FILE '-' or none is standard input. \
                Records stream out as they are read, in memory that does not grow with the \
                capture. A record that cannot be decoded is reported on standard error with its \
                file:line or file#packet, written as an error record (jsonl, csv), counted, and \
                makes the exit code 1; the counts go to standard error at the end.

                Examples:
                  tlpcheck decode Fixtures/seed/seed.analyzer.txt
                  tlpcheck decode --mode flit -T jsonl capture.pcap
                  dmesg | tlpcheck decode -T csv
                """
        )

        @OptionGroup var input: InputOptions

        @OptionGroup var selection: SelectionOptions

        @Option(
            name: [.customShort("T"), .customLong("format")],
            help: ArgumentHelp(
                "Output format: text (analyzer style), jsonl, csv, or fields (tab-separated --fields).",
                valueName: "format"))
        var format: Format?

        /// The old spelling of --format, kept for scripts.
        @Option(name: .customLong("output"), help: .hidden)
        var legacyOutput: Format?

        @Option(
            name: .customLong("fields"),
            help: ArgumentHelp(
                "Record keys to write, in this order (jsonl, csv, fields), e.g. record,type,requester,ohc_b.ph (Docs/formats.md).",
                valueName: "keys"))
        var fields: String?

        @Option(
            name: [.customShort("o"), .customLong("output-file")],
            help: ArgumentHelp("Write to this file (through a temporary file, renamed at the end).", valueName: "file"),
            completion: .file())
        var outputFile: String?

        @Option(
            name: .customLong("ids"),
            help: ArgumentHelp(
                "How the text view writes IDs: analyzer (RID=4h:0h.0h, as analyzers do) or bdf (RID=04:00.0, as JSON and CSV do).",
                valueName: "form"))
        var ids: IDForm = .analyzer

        @Flag(
            name: .customLong("record-header"),
            help: "In the text view, start each record with '# record N  SOURCE  TIME'.")
        var recordHeader = false

        /// `--ids analyzer|bdf`
        enum IDForm: String, ExpressibleByArgument, CaseIterable {
            case analyzer, bdf
        }

        /// How the analyzer text writes IDs.
        var idForm: AnalyzerText.IDForm { ids == .bdf ? .bdf : .analyzer }

        var output: Format { format ?? legacyOutput ?? (fields != nil ? .jsonl : .text) }

        func validate() throws {
            _ = try FormatSpelling.resolve(format, old: legacyOutput, oldName: "--output")
            if output == .fields, fields == nil { throw ValidationError("--format fields needs --fields k1,k2,...") }
            if fields != nil, output == .text { throw ValidationError("--fields needs --format jsonl, csv or fields") }
            do { _ = try FieldSelection(fields) } catch { throw ValidationError(error.message) }
        }

        @Argument(
            help: ArgumentHelp("Capture files; '-' or none for standard input.", valueName: "file"), completion: .file()
        )
        var files: [String] = []

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, jsonl, csv, fields
        }

        /// One line for a packet that holds no TLP: `DLLP UpdateFC-P VC0 HdrFC=32 DataFC=512`.
        static func describe(_ packet: OtherPacket) -> String {
            if let dllp = packet.entries.first(where: { $0.key == "dllp" }) {
                return "DLLP " + DLLP.summary(dllp.value)
            }
            return "not a TLP (\(packet.kind))"
        }

        func run() throws {
            var run = CaptureRun(input)
            try selection.apply(to: &run)
            let selected = try? FieldSelection(fields)
            if let selected, !selected.unknownKeys.isEmpty, !selection.quiet {
                let keys = selected.unknownKeys.joined(separator: ", ")
                Output.standardError(
                    "tlpcheck: note: --fields: no record has \(keys); left empty (Docs/formats.md lists the keys)\n")
            }
            let files = LongArgumentList.merged(files)
            if let outputFile {
                do { try CaptureOutput.refuseOverwriting(outputFile, inputs: files) } catch {
                    Output.standardError("tlpcheck: \(error)\n")
                    throw ExitStatus.unusableInput
                }
                Output.redirect(to: outputFile)
            }
            var first = true
            let out = TextBuffer(capacity: 1 << 16)
            // The options, read once: an argument's value is read through the parser's generic
            // property wrapper, which costs thousands of instructions per read.
            let output = output
            let quiet = selection.quiet
            let recordHeader = recordHeader
            let idForm = idForm
            if output == .csv { Output.standardOutput((selected?.csvHeader() ?? CSVRecord.header) + "\n") }
            // Completions in JSON Lines name their request (pairs within one file).
            var tracker = TransactionTracker()
            try run.run(
                files, startFile: { _ in tracker.finishCapture() },
                other: { record, origin in
                    // With --fields only records are written, in every format.
                    guard let packet = record.other, selected == nil else { return }
                    switch output {
                    case .jsonl:
                        JSONRecord.writeOther(packet.kind, packet.entries, origin: origin, to: out)
                        out.append(UInt8(ascii: "\n"))
                        Output.standardOutput(out)
                    case .text:
                        out.append("# \(origin.source): \(Self.describe(packet))\n")
                        Output.standardOutput(out)
                    case .csv, .fields:
                        break
                    }
                }
            ) { item in
                if item.firstAssumedMode, output != .text, !quiet {
                    Output.standardError(
                        "tlpcheck: note: \(item.record.source.path): non-flit mode assumed: the input does not say; pass --mode flit for a flit-mode link (records carry \"mode_assumed\":true)\n"
                    )
                }
                // The text view first, matching on the result alone: a tuple of the result and
                // the format would copy the decoded TLP.
                if output == .text {
                    guard case .tlp(let tlp, let notes) = item.result else { return }
                    if item.firstAssumedMode {
                        out.append(
                            "# \(item.record.source.path): non-flit mode assumed: the input does not say; pass --mode flit for a flit-mode link\n"
                        )
                    }
                    if !first { out.append(UInt8(ascii: "\n")) }
                    first = false
                    if recordHeader {
                        let origin = item.origin
                        out.append("# record ")
                        out.decimal(origin.record)
                        out.append("  ")
                        out.append(origin.source)
                        if let time = origin.time {
                            out.append("  ")
                            out.append(time)
                        }
                        out.append(UInt8(ascii: "\n"))
                    }
                    AnalyzerText.write(tlp, wordOrder: item.record.wordOrder ?? .wire, ids: idForm, to: out)
                    let padding = RecordDecoder.logPadding(of: item.record, tlp: tlp)
                    if !padding.isEmpty { AnalyzerText.writeUncounted(padding, note: "log padding", to: out) }
                    Output.standardOutput(out)
                    let warnings = quiet ? [] : tlp.warnings
                    if !warnings.isEmpty || (!quiet && !notes.isEmpty) {
                        let source = item.record.source.description
                        for warning in warnings { Output.standardError("\(source): warning: \(warning)\n") }
                        for note in notes { Output.standardError("\(source): warning: \(note)\n") }
                    }
                    return
                }
                // The decoded TLP lent in place (a pattern that binds it copies it).
                let decoded: Bool? = item.result.withTLP { tlp, notes in
                    switch output {
                    case .jsonl:
                        var origin = item.origin
                        if let pairing = TransactionTLP.reading(tlp) {
                            let match = tracker.add(
                                pairing, record: item.number, timeNS: item.record.time?.totalNanoseconds)
                            _ = tracker.takeUnanswered()
                            if case .completion(let request, let latency, _) = match {
                                origin.request = request
                                origin.latencyNS = latency
                            }
                        }
                        if let selected {
                            let entries = TLPRecord.entries(tlp, origin: origin, notes: notes)
                            Output.standardOutput(JSONRecord.render(selected.entries(entries)) + "\n")
                        } else {
                            JSONRecord.write(tlp, origin: origin, notes: notes, to: out)
                            out.append(UInt8(ascii: "\n"))
                            Output.standardOutput(out)
                        }
                    case .csv:
                        let entries = TLPRecord.entries(tlp, origin: item.origin, notes: notes)
                        Output.standardOutput((selected?.csvRow(entries) ?? CSVRecord.row(entries)) + "\n")
                    case .fields:
                        let entries = TLPRecord.entries(tlp, origin: item.origin, notes: notes)
                        Output.standardOutput((selected?.tabRow(entries) ?? "") + "\n")
                    case .text: break
                    }
                    return true
                }
                if decoded == nil, case .error(let error) = item.result {
                    switch output {
                    case .jsonl:
                        if let selected {
                            let entries = TLPRecord.errorEntries(error.message, origin: item.origin)
                            Output.standardOutput(JSONRecord.render(selected.entries(entries)) + "\n")
                        } else {
                            JSONRecord.writeError(error.message, origin: item.origin, to: out)
                            out.append(UInt8(ascii: "\n"))
                            Output.standardOutput(out)
                        }
                    case .csv:
                        let entries = TLPRecord.errorEntries(error.message, origin: item.origin)
                        Output.standardOutput((selected?.csvRow(entries) ?? CSVRecord.row(entries)) + "\n")
                    case .fields:
                        let entries = TLPRecord.errorEntries(error.message, origin: item.origin)
                        Output.standardOutput((selected?.tabRow(entries) ?? "") + "\n")
                    case .text: break
                    }
                }
            }
            Output.commit()
            run.printNotes()
            run.printSummary()
            if run.exitStatus != 0 { throw ExitCode(run.exitStatus) }
        }
    }
}
