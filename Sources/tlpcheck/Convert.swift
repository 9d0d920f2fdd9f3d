import ArgumentParser
import PCIeTLP
import TLPCapture

extension TLPCheck {
    /// `tlpcheck convert IN -o OUT`: captures in any readable format out as pcap, hex or dump.
    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert a capture to pcapng, pcap, plain hex, or an analyzer-style dump.",
            discussion: """
                Each TLP keeps its captured bytes exactly: packets hold the TLP's wire bytes \
                with no pseudo-header (caplen = captured bytes, len = the size the header \
                announces, so a header-only capture stays marked as cut). pcapng records the \
                link mode in the interface description (when the input or --mode says it), the \
                direction in each packet's flags and the source record in a comment, so it reads \
                back with no --mode; classic pcap records no link mode: decode a flit-mode pcap \
                with --mode flit. Hex output starts with a '# mode: ...' line and the analyzer \
                dump's annotations carry the mode. Packets that hold no TLP (DLLPs, ordered \
                sets, other network traffic) are counted and not written.

                --format defaults from OUT's extension: .pcapng → pcapng, .pcap/.cap → pcap, .hex → \
                hex, .txt/.log → analyzer; anything else → pcap. The link type defaults to USER0 \
                (147), which Wireshark opens with Tools/wireshark/tlpcheck.lua; --linktype 125 \
                writes DLT_PCI_EXP for readers that want it.

                Example:
                  tlpcheck convert Fixtures/seed/seed.analyzer.txt -o seed.pcapng
                  tlpcheck convert --mode flit seed.pcap -o seed.txt -T analyzer
                """
        )

        @OptionGroup var input: InputOptions

        @OptionGroup var selection: SelectionOptions

        @Option(
            name: .shortAndLong, help: ArgumentHelp("Output file ('-' for standard output).", valueName: "out"),
            completion: .file())
        var output: String

        @Option(
            name: [.customShort("T"), .customLong("format")],
            help: ArgumentHelp(
                "Output format: pcapng, pcap, hex, or analyzer (default: from OUT's extension).",
                valueName: "format"))
        var format: OutputFormat?

        /// The old spelling of --format, kept for scripts.
        @Option(name: .customLong("to"), help: .hidden)
        var legacyTo: OutputFormat?

        func validate() throws {
            _ = try FormatSpelling.resolve(format, old: legacyTo, oldName: "--to")
        }

        @Option(
            help: ArgumentHelp(
                "pcap/pcapng link type: user0..user15 (147..162; default user0, which Wireshark opens with the Lua dissector) or 125 (DLT_PCI_EXP).",
                valueName: "linktype"))
        var linktype: LinkType = LinkType(value: PcapReader.userLinkTypes.lowerBound)

        @Argument(help: ArgumentHelp("Capture to read; '-' for standard input.", valueName: "in"), completion: .file())
        var inputFile: String

        struct LinkType: ExpressibleByArgument, CustomStringConvertible {
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

            var description: String { String(value) }

            static var defaultValueDescription: String { "user0" }
        }

        func run() throws {
            let format = self.format ?? legacyTo ?? OutputFormat.forPath(output)
            var writer: any CaptureWriter
            do {
                try CaptureOutput.refuseOverwriting(output, inputs: [inputFile])
                writer = try CaptureOutput.open(output, format: format, linkType: linktype.value)
            } catch {
                Output.standardError("tlpcheck: \(error)\n")
                throw ExitStatus.unusableInput
            }
            var run = CaptureRun(input)
            try selection.apply(to: &run)
            var flit = false
            try run.run([inputFile]) { item in
                var tlp: TLP?
                if case .tlp(let decoded, _) = item.result { tlp = decoded }
                if tlp?.mode == .flit { flit = true }
                var record = item.record
                if record.bytes.isEmpty, !item.bytes.isEmpty { record.bytes = Array(item.bytes) }
                // A mode the input or --mode stated is written down; an assumed one is not.
                if let tlp, !item.modeAssumed { record.mode = tlp.mode }
                // Header logs pad the TLP to the log's size; the padding is not part of it.
                if record.isHeaderLog, let tlp { record.bytes = tlp.bytes }
                do throws(CaptureError) { try writer.write(record, tlp: tlp) } catch { Output.fail(error) }
            }
            // An input that could not be used leaves the output as it was: nothing is renamed.
            guard run.unusableInputs == 0 else {
                run.printSummary()
                throw ExitStatus.unusableInput
            }
            do throws(CaptureError) { try writer.finish() } catch { Output.fail(error) }
            if flit, format == .pcap {
                Output.standardError("tlpcheck: note: pcap records no link mode; decode \(output) with --mode flit\n")
            }
            run.printNotes()
            run.printSummary()
            if run.exitStatus != 0 { throw ExitCode(run.exitStatus) }
        }
    }
}
