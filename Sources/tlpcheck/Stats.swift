import ArgumentParser
import PCIeTLP
import TLPCapture

extension TLPCheck {
    /// `tlpcheck stats CAPTURE...`: what a capture holds, at a glance.
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count the TLPs of the captures by type, requester and ST/PH, with TPH coverage.",
            discussion: """
                TPH coverage is the share of memory requests (reads, writes, AtomicOps, DMWr) \
                that carry valid TPH. Truncated records decode (their payload was not captured); \
                errors are records that could not be decoded.

                Example:
                  tlpcheck stats --mode flit capture.pcap
                  tlpcheck stats --output json Fixtures/seed/seed.analyzer.txt
                """
        )

        @OptionGroup var input: InputOptions

        @Option(help: ArgumentHelp("Output format: text or json.", valueName: "format"))
        var output: Format = .text

        @Argument(help: ArgumentHelp("Capture files; '-' or none for standard input.", valueName: "capture"))
        var captures: [String] = []

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        func run() throws {
            var run = CaptureRun(input)
            var stats = CaptureStats()
            try run.run(LongArgumentList.merged(captures), other: { record, _ in stats.addPacket(record) }) {
                stats.add($0.result)
                stats.addPacket($0.record)
            }
            Output.standardOutput(output == .json ? Self.json(stats) : Self.text(stats))
            Output.flush()
            run.printNotes()
            Output.standardError(run.summary + "\n")
            if run.exitStatus != 0 { throw ExitCode(run.exitStatus) }
        }

        static func text(_ stats: CaptureStats) -> String {
            var out = ""
            out += table(
                "records",
                [
                    ("read", stats.records), ("decoded", stats.decoded), ("errors", stats.errors),
                    ("truncated", stats.truncated), ("with warnings", stats.withWarnings),
                ])
            out += table("mode", CaptureStats.sorted(stats.modes).map { ($0.key, $0.count) })
            out += table("type", CaptureStats.sorted(stats.types).map { ($0.key, $0.count) })
            out += table("requester", CaptureStats.sorted(stats.requesters).map { ($0.key, $0.count) })
            let percent = (stats.tphCoverage * 1000).rounded() / 10
            out +=
                "TPH coverage: \(stats.memoryRequestsWithTPH) of \(stats.memoryRequests) memory requests (\(percent)%)\n"
            out += table(
                "ST/PH",
                stats.sortedPairs.map {
                    ("ST=\(PCIeTLP.Hex.analyzer($0.tph.st)) (\($0.tph.width)-bit) PH=\($0.tph.ph)", $0.count)
                })
            for (name, counts) in stats.encapsulations.sorted(by: { $0.key < $1.key }) {
                var rows = [("TLP records", counts.records)]
                rows += CaptureStats.sorted(counts.others).map { ("other: \($0.key)", $0.count) }
                rows += CaptureStats.sorted(counts.directions).map { ("direction: \($0.key)", $0.count) }
                out += table("packets (\(name))", rows)
            }
            return out
        }

        /// A two-column table with the counts aligned right.
        static func table(_ title: String, _ rows: [(String, Int)]) -> String {
            guard !rows.isEmpty else { return "" }
            let width = max(title.count, rows.map(\.0.count).max() ?? 0)
            let countWidth = max(5, rows.map { String($0.1).count }.max() ?? 0)
            var out = title.padding(width) + "  " + String(repeating: " ", count: countWidth - 5) + "count\n"
            for (name, count) in rows {
                let number = String(count)
                out +=
                    name.padding(width) + "  " + String(repeating: " ", count: countWidth - number.count) + number
                    + "\n"
            }
            return out + "\n"
        }

        static func json(_ stats: CaptureStats) -> String {
            func counts(_ table: [String: Int]) -> RecordValue {
                .object(CaptureStats.sorted(table).map { RecordEntry($0.key, .int($0.count)) })
            }
            let pairs: [RecordValue] = stats.sortedPairs.map {
                .object([
                    RecordEntry("st", .int(Int($0.tph.st))), RecordEntry("st_width", .int($0.tph.width)),
                    RecordEntry("ph", .int(Int($0.tph.ph))), RecordEntry("count", .int($0.count)),
                ])
            }
            let entries = [
                RecordEntry("records", .int(stats.records)), RecordEntry("decoded", .int(stats.decoded)),
                RecordEntry("errors", .int(stats.errors)), RecordEntry("truncated", .int(stats.truncated)),
                RecordEntry("with_warnings", .int(stats.withWarnings)), RecordEntry("modes", counts(stats.modes)),
                RecordEntry("types", counts(stats.types)), RecordEntry("requesters", counts(stats.requesters)),
                RecordEntry(
                    "tph",
                    .object([
                        RecordEntry("memory_requests", .int(stats.memoryRequests)),
                        RecordEntry("with_tph", .int(stats.memoryRequestsWithTPH)),
                        RecordEntry("coverage_percent", .number((stats.tphCoverage * 1000).rounded() / 10)),
                        RecordEntry("pairs", .array(pairs)),
                    ])),
            ]
            let encapsulations = stats.encapsulations.sorted { $0.key < $1.key }.map { name, tally in
                RecordEntry(
                    name,
                    .object([
                        RecordEntry("tlps", .int(tally.records)), RecordEntry("other", counts(tally.others)),
                        RecordEntry("directions", counts(tally.directions)),
                    ]))
            }
            let all =
                encapsulations.isEmpty ? entries : entries + [RecordEntry("encapsulations", .object(encapsulations))]
            return JSONRecord.render(all) + "\n"
        }

    }
}

extension String {
    /// Left-aligned in `width` columns.
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
