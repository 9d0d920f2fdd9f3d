import ArgumentParser
import PCIeTLP
import TLPCapture

extension TLPCheck {
    /// `tlpcheck hex WORD...`: ad-hoc decoding of words pasted from an analyzer, AER or lspci.
    struct Hex: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decode the TLP in the hex words given (or one TLP per line of standard input).",
            discussion: """
                Words are 8 hex digits (optional 0x, separated by spaces or commas) or a run of \
                2-digit bytes. The words given as arguments hold one TLP; words after its end \
                are shown and ignored. A pasted log line holds a header log: the padding after \
                its header is shown as log padding. With no words, or '-', standard input is \
                read line by line the same way: log lines (with the lines that continue them) \
                as logs, other lines as one TLP each (blank lines and # comments are skipped).

                The seed capture (an analyzer that prints each DW as a little-endian integer):
                  tlpcheck hex --mode flit --word-order swapped \\
                      08000260 F0000004 E0200000 00080006 90F00000

                A non-flit header from dmesg or lspci (wire order, the default):
                  tlpcheck hex 04000001 00200a03 05010000 00050100

                A whole pasted AER or lspci line also works; its mode comes from '(Flit)':
                  tlpcheck hex "AER:   TLP Header (Flit): 0x60020008 0x040000f0 0x000020e0 0x06000800 0x0000f090"
                """
        )

        @OptionGroup var options: DecodeOptions

        @Option(
            name: [.customShort("T"), .customLong("format")],
            help: ArgumentHelp("Output format: text (analyzer style) or jsonl (default: text).", valueName: "format"))
        var format: OutputFormat?

        /// The old spelling of --format, kept for scripts.
        @Option(name: .customLong("output"), help: .hidden)
        var legacyOutput: OutputFormat?

        var output: OutputFormat { format ?? legacyOutput ?? .text }

        func validate() throws {
            _ = try FormatSpelling.resolve(format, old: legacyOutput, oldName: "--output")
        }

        @Argument(
            help: ArgumentHelp(
                "Hex words or bytes, or a pasted log line; standard input when none or '-'.", valueName: "word"))
        var words: [String] = []

        enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
            case text, jsonl
        }

        func run() throws {
            let order = options.givenWordOrder ?? .wire
            let decoder = RecordDecoder(mode: options.givenMode)
            let words = LongArgumentList.merged(self.words)
            let fromArguments = !(words.isEmpty || words == ["-"])
            // The arguments are one line, read by the same reader and decided by the same
            // decoder as standard input (and as `decode`): pasted log lines as logs, anything
            // else as plain hex.
            let source =
                fromArguments
                ? ByteSource(bytes: Array((words.joined(separator: " ") + "\n").utf8), name: "args")
                : try ByteSource(path: "-")
            var reader = LogReader(source, plainHex: order)
            var printer = HexPrinter(
                wordOrder: order, output: output, modeFixed: options.givenMode != nil,
                orderFixed: options.givenWordOrder != nil)
            var assumedSaid = false
            var read = 0
            while let record = try reader.next() {
                read += 1
                // Words that are not hex are a usage error in the arguments, a bad record on input.
                if fromArguments, let error = record.error {
                    Output.standardError("tlpcheck: \(error)\n")
                    throw ExitStatus.unusableInput
                }
                let (mode, assumed) = decoder.mode(for: record)
                if assumed, record.error == nil, output == .text, !assumedSaid {
                    assumedSaid = true
                    Output.standardOutput(
                        "# non-flit mode assumed: the input does not say; pass --mode flit for a flit-mode link\n")
                }
                printer.print(
                    record, mode: mode, assumed: assumed,
                    source: fromArguments ? "args" : "-:\(record.source.line ?? 0)")
                try Interrupted.check(after: read)
            }
            Output.flush()
            if printer.errors > 0 { throw ExitStatus.failure }
        }
    }
}

/// Decodes hex captures and prints them; counts the records that fail.
struct HexPrinter {
    let wordOrder: WordOrder
    let output: TLPCheck.Hex.OutputFormat
    /// The mode and word order given on the command line: a hint never suggests changing them.
    let modeFixed: Bool
    let orderFixed: Bool
    private(set) var records = 0
    private(set) var errors = 0
    /// The record being printed was decoded in an assumed mode (its JSON says so).
    private var modeAssumed = false

    init(wordOrder: WordOrder, output: TLPCheck.Hex.OutputFormat, modeFixed: Bool, orderFixed: Bool) {
        self.wordOrder = wordOrder
        self.output = output
        self.modeFixed = modeFixed
        self.orderFixed = orderFixed
    }

    /// Decodes and prints one record read from a log or hex line, in `mode`.
    mutating func print(_ record: CaptureRecord, mode: LinkMode, assumed: Bool, source: String) {
        modeAssumed = assumed
        if let error = record.error { return fail(error, source: source) }
        guard record.isHeaderLog else {
            return decode(record.bytes, mode: mode, hadWords: record.wordOrder != nil, source: source)
        }
        switch RecordDecoder(mode: mode).decode(record) {
        case .tlp(let tlp, let notes):
            print(tlp, extra: RecordDecoder.logPadding(of: record, tlp: tlp), note: "log padding", source: source)
            for note in notes { Output.standardError("\(source): warning: \(note)\n") }
        case .error(let error):
            fail(error.message, source: source)
        }
    }

    /// Decodes and prints the TLP in `bytes` (wire order).
    mutating func decode(_ bytes: [UInt8], mode: LinkMode, hadWords: Bool, source: String) {
        do {
            let result = try TLPDecoder.decode(bytes, mode: mode)
            print(result.tlp, extra: bytes[result.consumed...], note: "after the end of the TLP", source: source)
        } catch {
            fail("\(error)", source: source)
        }
        // Only words are affected by word order; bytes are bytes.
        let better = DecodeQuality.betterReadings(
            bytes, mode: mode, modeFixed: modeFixed, order: wordOrder, orderFixed: orderFixed || !hadWords,
        )
        if let first = better.first {
            let others = better.dropFirst().map { " (or with \($0))" }.joined()
            Output.standardError("\(source): hint: these words decode cleanly with \(first)\(others)\n")
        }
    }

    /// Prints one TLP; `extra` are captured bytes after its end, shown but not decoded.
    private mutating func print(_ tlp: TLP, extra: ArraySlice<UInt8>, note: String, source: String) {
        records += 1
        switch output {
        case .text:
            let out = TextBuffer(capacity: 1 << 12)
            if records > 1 { out.append(UInt8(ascii: "\n")) }
            AnalyzerText.write(tlp, wordOrder: wordOrder, to: out)
            AnalyzerText.writeUncounted(extra, note: note, wordOrder: wordOrder, to: out)
            Output.standardOutput(out)
            for warning in tlp.warnings { Output.standardError("\(source): warning: \(warning)\n") }
        case .jsonl:
            Output.standardOutput(
                JSONRecord.render(tlp, origin: .init(record: records, source: source, modeAssumed: modeAssumed)) + "\n")
        }
    }

    mutating func fail(_ message: String, source: String) {
        records += 1
        errors += 1
        Output.standardError("\(source): error: \(message)\n")
        if output == .jsonl {
            Output.standardOutput(
                JSONRecord.error(message, origin: .init(record: records, source: source)) + "\n")
        }
    }
}
