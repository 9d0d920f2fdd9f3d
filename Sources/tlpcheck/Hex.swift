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
                (a 3-DW header in a 4-DW header log) are shown and ignored. With no words, each \
                line of standard input holds one TLP (blank lines and # comments are skipped).

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

        @Option(help: ArgumentHelp("Output format: text (analyzer style) or jsonl.", valueName: "format"))
        var output: OutputFormat = .text

        @Argument(
            help: ArgumentHelp("Hex words or bytes; standard input when none are given.", valueName: "word"))
        var words: [String] = []

        enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
            case text, jsonl
        }

        func run() throws {
            let (mode, assumed) = options.linkMode
            let order: WordOrder = options.wordOrder == .swapped ? .swapped : .wire
            let words = LongArgumentList.merged(self.words)
            var printer = HexPrinter(
                wordOrder: order, output: output, modeFixed: !assumed, orderFixed: options.wordOrder != .auto)
            let pasted = words.isEmpty ? nil : LogReader.record(inLine: words.joined(separator: " "))
            if assumed, output == .text, pasted?.mode == nil {
                Output.standardOutput(
                    "# non-flit mode assumed: the input does not say; pass --mode flit for a flit-mode link\n")
            }
            if words.isEmpty {
                // Standard input is read like a hex file: one TLP per line, `# mode:` honoured.
                var reader = HexReader(try ByteSource(path: "-"), wordOrder: order)
                while let record = try reader.next() {
                    let source = "-:\(record.source.line ?? 0)"
                    if let error = record.error {
                        printer.fail(error, source: source)
                    } else {
                        printer.decode(
                            record.bytes, mode: assumed ? record.mode ?? mode : mode, hadWords: record.wordOrder != nil,
                            source: source)
                    }
                }
            } else {
                let text = words.joined(separator: " ")
                // A pasted dmesg or lspci line: the words after its marker, in its mode.
                if let record = pasted {
                    let lineMode = assumed ? record.mode ?? mode : mode
                    printer.decode(
                        record.bytes, mode: lineMode, hadWords: false, trailingExpected: true, source: "args")
                    Output.flush()
                    if printer.errors > 0 { throw ExitStatus.failure }
                    return
                }
                let parsed: HexText.Parsed
                do {
                    parsed = try HexText.parse(text, wordOrder: order)
                } catch {
                    Output.standardError("tlpcheck: \(error)\n")
                    throw ExitStatus.unusableInput
                }
                guard parsed.bytes.count <= HexReader.maxTLPBytes else {
                    Output.standardError(
                        "tlpcheck: \(parsed.bytes.count) bytes of hex: more than one TLP can hold (\(HexReader.maxTLPBytes))\n"
                    )
                    throw ExitStatus.unusableInput
                }
                printer.decode(parsed.bytes, mode: mode, hadWords: parsed.hadWords, source: "args")
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

    init(wordOrder: WordOrder, output: TLPCheck.Hex.OutputFormat, modeFixed: Bool, orderFixed: Bool) {
        self.wordOrder = wordOrder
        self.output = output
        self.modeFixed = modeFixed
        self.orderFixed = orderFixed
    }

    /// Decodes and prints the TLP in `bytes` (wire order). `trailingExpected`: the bytes come
    /// from a header log, whose padding after the TLP is not shown.
    mutating func decode(
        _ bytes: [UInt8], mode: LinkMode, hadWords: Bool, trailingExpected: Bool = false, source: String
    ) {
        do {
            let result = try TLPDecoder.decode(bytes, mode: mode)
            print(result.tlp, extra: trailingExpected ? [] : bytes[result.consumed...], source: source)
        } catch {
            fail("\(error)", source: source)
        }
        // Only words are affected by word order; bytes are bytes.
        let better = DecodeQuality.betterReadings(
            bytes, mode: mode, modeFixed: modeFixed, order: wordOrder, orderFixed: orderFixed || !hadWords,
            trailingExpected: trailingExpected)
        if let first = better.first {
            let others = better.dropFirst().map { " (or with \($0))" }.joined()
            Output.standardError("\(source): hint: these words decode cleanly with \(first)\(others)\n")
        }
    }

    /// Prints one TLP; `extra` are captured bytes after its end, shown but not decoded.
    private mutating func print(_ tlp: TLP, extra: ArraySlice<UInt8>, source: String) {
        records += 1
        switch output {
        case .text:
            if records > 1 { Output.standardOutput("\n") }
            Output.standardOutput(AnalyzerText.render(tlp, wordOrder: wordOrder))
            var offset = extra.startIndex
            while offset < extra.endIndex {
                let chunk = extra[offset..<min(offset + 4, extra.endIndex)]
                Output.standardOutput(AnalyzerText.capturedDW(chunk, wordOrder) + " -> (after the end of the TLP)\n")
                offset += 4
            }
            for warning in tlp.warnings { Output.standardError("\(source): warning: \(warning)\n") }
        case .jsonl:
            Output.standardOutput(
                JSONRecord.render(tlp, origin: .init(record: records, source: source)) + "\n")
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
