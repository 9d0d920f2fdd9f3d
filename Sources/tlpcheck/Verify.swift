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

                Exit status: 0 when no error-severity check fired, 1 when one did, 2 for a bad \
                tuple or rules file or an unreadable capture.

                Example (the seed capture against the tuple its cover letter published):
                  tlpcheck verify Fixtures/seed/seed.analyzer.txt --tuples Fixtures/seed/tuples.yaml
                  tlpcheck verify --mode flit cap.pcap --tuples t.yaml --report junit --report-file verify.xml
                """
        )

        @OptionGroup var input: InputOptions

        @Option(help: ArgumentHelp("Published tuples, YAML or JSON (Docs/rules.md).", valueName: "file"))
        var tuples: String

        @Option(help: ArgumentHelp("Rules file: re-grades checks and adds rules (Docs/rules.md).", valueName: "file"))
        var rules: String?

        @Option(help: ArgumentHelp("Report format: text, json, or junit.", valueName: "format"))
        var report: ReportFormat = .text

        @Option(
            name: .customLong("report-file"),
            help: ArgumentHelp("Write the report here and print a one-line summary instead.", valueName: "path"))
        var reportFile: String?

        @Argument(help: ArgumentHelp("Captures to verify; '-' for standard input.", valueName: "capture"))
        var captures: [String] = []

        enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
            case text, json, junit
        }

        func run() throws {
            let tupleSet: TupleSet
            var ruleSet = RuleSet()
            do {
                tupleSet = try TupleFile.parse(path: tuples, text: try Self.read(tuples))
                if let rules { ruleSet = try RuleSet.parse(path: rules, text: try Self.read(rules)) }
            } catch {
                Output.standardError("tlpcheck: \(error)\n")
                throw ExitStatus.unusableInput
            }
            var verifier = Verifier(tuples: tupleSet, rules: ruleSet)
            var run = CaptureRun(input)
            let decoder = input.recordDecoder
            try run.runRecords(captures, startFile: { verifier.beginCapture($0) }) { record, bytes, number in
                if let error = record.error {
                    verifier.addMalformed(error, record: number, source: record.source.description)
                    return error
                }
                let (mode, assumed) = decoder.mode(for: record)
                if record.nonFlitBytes != nil, mode == .nonFlit {
                    return RecordDecoder.bytes(of: record, mode: mode).withUnsafeBytes { logBytes in
                        verifier.add(
                            bytes: logBytes, mode: mode, modeAssumed: assumed, record: number,
                            source: record.source.description)
                    }
                }
                return verifier.add(
                    bytes: bytes, mode: mode, modeAssumed: assumed, record: number, source: record.source.description)
            }
            verifier.finish()
            let result = verifier.result
            let text: String =
                switch report {
                case .text: TextReport.render(result)
                case .json: JSONReport.render(result)
                case .junit: JUnitReport.render(result)
                }
            if let reportFile {
                do {
                    let sink = try ByteSink(path: reportFile)
                    try sink.write(text)
                    try sink.flush()
                } catch {
                    Output.standardError("tlpcheck: \(error)\n")
                    throw ExitStatus.unusableInput
                }
                Output.standardOutput(Terminal.verdict(TextReport.summaryLine(result)) + "\n")
            } else {
                Output.standardOutput(report == .text ? Terminal.verdict(text) : text)
            }
            Output.flush()
            if result.assumedModeRecords > 0 {
                Output.standardError("tlpcheck: note: " + TextReport.assumedModeNote(result) + "\n")
            }
            Output.standardError(run.summary + "\n")
            if run.unusableInputs > 0 { throw ExitStatus.unusableInput }
            if !result.passed { throw ExitStatus.failure }
        }

        /// A tuple or rules file as text (they are small; the parser bounds the size).
        static func read(_ path: String) throws(ConfigError) -> String {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            guard size <= 16 << 20 else { throw ConfigError(path: path, line: nil, "file larger than 16 MiB") }
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
