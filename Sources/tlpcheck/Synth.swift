import ArgumentParser
import PCIeTLP
import TLPCapture
import TPHVerify

extension TLPCheck {
    /// `tlpcheck synth -o OUT --count N`: deterministic synthetic captures for tests and benchmarks.
    struct Synth: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a deterministic synthetic capture, optionally with injected TPH violations.",
            discussion: """
                Mostly TPH-tagged memory writes into the tuples' ranges, from their requesters, with \
                the published ST and PH; about 10% reads, 6% completions and 2% messages. With \
                --mismatch-rate R, that share of the in-range requests breaks exactly one tuple \
                check (st-mismatch, ph-mismatch, missing-tph, unexpected-requester, \
                namespace-not-published), and the counts injected are printed on standard error as \
                'injected CHECK=N ...' (not with -q), to compare with verify. The same --seed gives \
                the same bytes. At a terminal, a run that takes more than a second shows its \
                progress on standard error.

                Without --tuples, the seed capture's tuple is used (8-bit ST F0h, PH 2, 04:00.0).

                Example:
                  tlpcheck synth -o synth.pcap --count 1000000 --tuples tuples.yaml --mismatch-rate 0.01
                  tlpcheck verify --mode flit synth.pcap --tuples tuples.yaml
                """
        )

        @Option(
            name: .shortAndLong, help: ArgumentHelp("Output file ('-' for standard output).", valueName: "out"),
            completion: .file())
        var output: String

        @Option(help: ArgumentHelp("Number of TLPs.", valueName: "n"))
        var count: Int

        @Option(help: ArgumentHelp("Link mode: flit or non-flit.", valueName: "mode"))
        var mode: LinkMode = .flit

        @Option(
            help: ArgumentHelp("Tuples to aim the traffic at (YAML or JSON).", valueName: "file"), completion: .file())
        var tuples: String?

        @Option(
            name: .customLong("mismatch-rate"),
            help: ArgumentHelp("Share of in-range requests that break one check, 0...1.", valueName: "r"))
        var mismatchRate: Double = 0

        @Option(help: ArgumentHelp("Payload: none (header-only capture) or full.", valueName: "payload"))
        var payload: Payload = .none

        @Option(help: ArgumentHelp("Random seed: the same seed gives the same capture.", valueName: "s"))
        var seed: UInt64 = 1

        @Flag(
            help:
                "Answer reads with completions a few TLPs later (some split in two, 5% never answered) and add stray completions (1%), instead of unrelated completions."
        )
        var transactions = false

        @Option(
            name: [.customShort("T"), .customLong("format")],
            help: ArgumentHelp("Output format: pcap, pcapng, analyzer, or hex (default: pcap).", valueName: "format"))
        var format: OutputFormat?

        /// The old spelling of --format, kept for scripts.
        @Option(name: .customLong("to"), help: .hidden)
        var legacyTo: OutputFormat?

        @Flag(name: .shortAndLong, help: "No summary or progress on standard error: only errors.")
        var quiet = false

        enum Payload: String, ExpressibleByArgument, CaseIterable {
            case none, full
        }

        func validate() throws {
            _ = try FormatSpelling.resolve(format, old: legacyTo, oldName: "--to")
            guard count >= 0 else { throw ValidationError("--count must not be negative") }
            guard (0...1).contains(mismatchRate) else {
                throw ValidationError("--mismatch-rate must be between 0 and 1")
            }
        }

        static let seedTuple = PublishedTuple(
            name: "gpu-buf-0", flags: [.st], steeringTag: 0xF0, ph: 2,
            ranges: [AddressRange(base: 0x20E0_0600_0000, size: 0x100_0000)],
            requesters: [PCIID(bus: 4, device: 0, function: 0)])

        func run() throws {
            var published = [Self.seedTuple]
            if let tuples {
                do {
                    published = try TupleFile.parse(path: tuples, text: try Verify.read(tuples)).tuples
                } catch {
                    Output.standardError("tlpcheck: \(error)\n")
                    throw ExitStatus.unusableInput
                }
            }
            var synthesizer = TrafficSynthesizer(
                mode: mode, tuples: published, mismatchRate: mismatchRate,
                fullPayload: payload == .full, seed: seed, transactions: transactions)
            var writer: any CaptureWriter
            do {
                try CaptureOutput.refuseOverwriting(output, inputs: tuples.map { [$0] } ?? [])
                writer = try CaptureOutput.open(
                    output, format: format ?? legacyTo ?? .pcap, linkType: PcapReader.pciExpress)
            } catch {
                Output.standardError("tlpcheck: \(error)\n")
                throw ExitStatus.unusableInput
            }
            var progress = ProgressMeter.writing(quiet: quiet)
            defer { progress.finish() }
            for index in 0..<count {
                let (tlp, length) = synthesizer.next()
                var record = CaptureRecord(
                    source: RecordSource(path: output, packet: index + 1), bytes: tlp.bytes,
                    time: Timestamp(
                        seconds: 1_700_000_000 + Int64(index / 1_000_000),
                        nanoseconds: UInt32(index % 1_000_000) * 1000))
                record.originalLength = length
                record.mode = mode
                do throws(CaptureError) { try writer.write(record, tlp: tlp) } catch { Output.fail(error) }
                if index & 0xFFF == 0 {
                    try Interrupted.check(after: index + 1)
                    progress.update(records: index + 1, done: Int64(index + 1), total: Int64(count))
                }
            }
            do throws(CaptureError) { try writer.finish() } catch { Output.fail(error) }
            progress.finish()
            guard !quiet else { return }
            let c = synthesizer.counts
            let injected = TrafficSynthesizer.Violation.allCases.map { "\($0.rawValue)=\(c.injected[$0] ?? 0)" }
            Output.standardError(
                "synth: \(c.tlps) TLPs: \(c.writes) writes, \(c.reads) reads, \(c.completions) completions, \(c.messages) messages\n"
                    + "injected \(injected.joined(separator: " "))\n"
                    + (transactions
                        ? "transactions: \(c.splitReads) split reads, \(c.missingCompletions + synthesizer.readsAwaitingCompletion) reads never answered (\(synthesizer.readsAwaitingCompletion) of them cut off by --count), \(c.strayCompletions) stray completions\n"
                        : ""))
        }
    }
}
