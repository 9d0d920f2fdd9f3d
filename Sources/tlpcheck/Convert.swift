import ArgumentParser
import PCIeTLP
import TLPCapture

extension TLPCheck {
    /// `tlpcheck convert IN -o OUT`: captures in any readable format out as pcap, hex or dump.
    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert a capture to pcap, plain hex, or an analyzer-style dump.",
            discussion: """
                Each TLP keeps its captured bytes exactly: pcap packets hold the TLP's wire \
                bytes with no pseudo-header (caplen = captured bytes, len = the size the header \
                announces, so a header-only capture stays marked as cut). pcap records no link \
                mode: decode a flit-mode pcap with --mode flit. Hex output starts with a \
                '# mode: ...' line and the analyzer dump's annotations carry the mode, so both \
                read back as they were.

                --to defaults from OUT's extension: .pcap/.cap → pcap, .hex → hex, .txt/.log → \
                analyzer; anything else → pcap.

                Example:
                  tlpcheck convert Fixtures/seed/seed.analyzer.txt -o seed.pcap
                  tlpcheck convert --mode flit seed.pcap -o seed.txt --to analyzer
                """
        )

        @OptionGroup var input: InputOptions

        @Option(name: .shortAndLong, help: ArgumentHelp("Output file ('-' for standard output).", valueName: "out"))
        var output: String

        @Option(
            help: ArgumentHelp(
                "Output format: pcap, hex, or analyzer (default: from OUT's extension).", valueName: "format"))
        var to: Target?

        @Option(
            help: ArgumentHelp(
                "pcap link type: 125 (DLT_PCI_EXP, default) or user0..user15 (147..162).", valueName: "linktype"))
        var linktype: LinkType = LinkType(value: PcapReader.pciExpress)

        @Argument(help: ArgumentHelp("Capture to read; '-' for standard input.", valueName: "in"))
        var inputFile: String

        enum Target: String, ExpressibleByArgument, CaseIterable {
            case pcap, hex, analyzer
        }

        struct LinkType: ExpressibleByArgument {
            var value: Int32

            init(value: Int32) { self.value = value }

            init?(argument: String) {
                let text = argument.lowercased()
                if text.hasPrefix("user"), let n = Int32(text.dropFirst(4)), (0...15).contains(n) {
                    value = PcapReader.userLinkTypes.lowerBound + n
                } else if let n = Int32(text), n == PcapReader.pciExpress || PcapReader.userLinkTypes.contains(n) {
                    value = n
                } else {
                    return nil
                }
            }

            static var defaultValueDescription: String { "125" }
        }

        var format: Target {
            if let to { return to }
            let lower = output.lowercased()
            if lower.hasSuffix(".hex") { return .hex }
            if lower.hasSuffix(".txt") || lower.hasSuffix(".log") { return .analyzer }
            return .pcap
        }

        func run() throws {
            var writer: any CaptureWriter
            do {
                switch format {
                case .pcap: writer = try PcapWriter(path: output, linkType: linktype.value)
                case .hex: writer = HexWriter(try ByteSink(path: output))
                case .analyzer: writer = AnalyzerWriter(try ByteSink(path: output))
                }
            } catch {
                Output.standardError("tlpcheck: \(error)\n")
                throw ExitStatus.unusableInput
            }
            var run = CaptureRun(input)
            var flit = false
            var writeError: CaptureError?
            try run.run([inputFile]) { item in
                guard writeError == nil else { return }
                var tlp: TLP?
                if case .tlp(let decoded, _) = item.result { tlp = decoded }
                if tlp?.mode == .flit { flit = true }
                var record = item.record
                // Header logs pad the TLP to the log's size; the padding is not part of it.
                if record.isHeaderLog, let tlp { record.bytes = tlp.bytes }
                do throws(CaptureError) { try writer.write(record, tlp: tlp) } catch { writeError = error }
            }
            do throws(CaptureError) { try writer.finish() } catch { writeError = writeError ?? error }
            if let writeError {
                Output.standardError("tlpcheck: \(writeError)\n")
                throw ExitStatus.unusableInput
            }
            if flit, format == .pcap {
                Output.standardError("tlpcheck: note: pcap records no link mode; decode \(output) with --mode flit\n")
            }
            Output.standardError(run.summary + "\n")
            if run.exitStatus != 0 { throw ExitCode(run.exitStatus) }
        }
    }
}
