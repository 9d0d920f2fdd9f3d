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
                  tlpcheck stats -T json Fixtures/seed/seed.analyzer.txt
                """
        )

        @OptionGroup var input: InputOptions

        @OptionGroup var selection: SelectionOptions

        @Option(
            name: [.customShort("T"), .customLong("format")],
            help: ArgumentHelp("Output format: text or json.", valueName: "format"))
        var format: Format?

        /// The old spelling of --format, kept for scripts.
        @Option(name: .customLong("output"), help: .hidden)
        var legacyOutput: Format?

        @Option(
            name: [.customShort("o"), .customLong("output-file")],
            help: ArgumentHelp("Write to this file (through a temporary file, renamed at the end).", valueName: "file"),
            completion: .file())
        var outputFile: String?

        var output: Format { format ?? legacyOutput ?? .text }

        func validate() throws {
            _ = try FormatSpelling.resolve(format, old: legacyOutput, oldName: "--output")
        }

        @Option(
            name: .customLong("completion-timeout"),
            help: ArgumentHelp(
                "A request with no completion this long after it (records with times) is unanswered: 50ms, 100us, 2s, 500ns.",
                valueName: "duration"))
        var completionTimeout: Duration = Duration(nanoseconds: TransactionTracker.Configuration().timeoutNS)

        @Argument(
            help: ArgumentHelp("Capture files; '-' or none for standard input.", valueName: "capture"),
            completion: .file())
        var captures: [String] = []

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        func run() throws {
            var run = CaptureRun(input)
            try selection.apply(to: &run)
            let captures = LongArgumentList.merged(captures)
            if let outputFile {
                do { try CaptureOutput.refuseOverwriting(outputFile, inputs: captures) } catch {
                    Output.standardError("tlpcheck: \(error)\n")
                    throw ExitStatus.unusableInput
                }
                Output.redirect(to: outputFile)
            }
            var stats = CaptureStats()
            var tracker = TransactionTracker(.init(timeoutNS: completionTimeout.nanoseconds))
            try run.run(
                captures, startFile: { _ in tracker.finishCapture() },
                other: { record, _ in stats.addPacket(record) }
            ) { item in
                stats.add(item.result)
                stats.addPacket(item.record)
                if case .tlp(let tlp, _) = item.result, let pairing = TransactionTLP.reading(tlp) {
                    _ = tracker.add(pairing, record: item.number, timeNS: item.record.time?.totalNanoseconds)
                }
            }
            tracker.finishCapture()
            let transactions = tracker.stats
            Output.standardOutput(
                output == .json ? Self.json(stats, transactions) : Self.text(stats) + Self.text(transactions))
            Output.commit()
            run.printNotes()
            run.printSummary()
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

        /// The transaction tables: latency per requester and type, then statuses and anomalies;
        /// nothing when the captures hold no request or completion to pair.
        static func text(_ stats: TransactionStats) -> String {
            guard !stats.isEmpty else { return "" }
            func ns(_ value: UInt64?) -> String { value.map(String.init) ?? "-" }
            let header = [
                "requester", "type", "requests", "completed", "unanswered", "timed out", "min ns", "median ns",
                "p99 ns", "max ns",
            ]
            let rows = stats.sortedGroups.map { key, group in
                let latency = group.latency
                return [
                    PCIID(key.requester).description, key.type.rawValue, String(group.requests),
                    String(group.completed), String(group.unanswered), String(group.timedOut),
                    ns(latency.count > 0 ? latency.min : nil), ns(latency.quantile(0.5)), ns(latency.quantile(0.99)),
                    ns(latency.count > 0 ? latency.max : nil),
                ]
            }
            var widths = header.map(\.count)
            for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { index, cell in
                    index < 2
                        ? cell.padding(widths[index])
                        : String(repeating: " ", count: widths[index] - cell.count) + cell
                }.joined(separator: "  ") + "\n"
            }
            var out = "transactions (completion latency)\n" + line(header)
            for row in rows { out += line(row) }
            out += "\n"
            out += table("completion status", CaptureStats.sorted(stats.statuses).map { ($0.key, $0.count) })
            out += table(
                "pairing",
                [
                    ("requests never completed", stats.unansweredRequests),
                    ("completions without a request", stats.completionsWithoutRequest),
                    ("byte-count mismatches", stats.byteCountMismatches),
                    ("lower-address mismatches", stats.lowerAddressMismatches),
                    ("completer mismatches", stats.completerMismatches),
                    ("tags reused before completion", stats.tagsReused),
                ])
            return out
        }

        static func json(_ stats: CaptureStats, _ transactions: TransactionStats) -> String {
            var entries = jsonEntries(stats)
            if !transactions.isEmpty {
                let groups: [RecordValue] = transactions.sortedGroups.map { key, group in
                    var fields = [
                        RecordEntry("requester", .string(PCIID(key.requester).description)),
                        RecordEntry("type", .string(key.type.rawValue)), RecordEntry("requests", .int(group.requests)),
                        RecordEntry("completed", .int(group.completed)),
                        RecordEntry("unanswered", .int(group.unanswered)),
                        RecordEntry("timed_out", .int(group.timedOut)),
                    ]
                    let latency = group.latency
                    if latency.count > 0 {
                        func int(_ value: UInt64?) -> RecordValue { .int(Int(clamping: value ?? 0)) }
                        fields.append(
                            RecordEntry(
                                "latency_ns",
                                .object([
                                    RecordEntry("count", .int(latency.count)), RecordEntry("min", int(latency.min)),
                                    RecordEntry("median", int(latency.quantile(0.5))),
                                    RecordEntry("p99", int(latency.quantile(0.99))),
                                    RecordEntry("max", int(latency.max)),
                                ])))
                    }
                    return .object(fields)
                }
                entries.append(
                    RecordEntry(
                        "transactions",
                        .object([
                            RecordEntry("groups", .array(groups)),
                            RecordEntry(
                                "statuses",
                                .object(
                                    CaptureStats.sorted(transactions.statuses).map {
                                        RecordEntry($0.key, .int($0.count))
                                    })),
                            RecordEntry("unanswered", .int(transactions.unansweredRequests)),
                            RecordEntry(
                                "completions_without_request", .int(transactions.completionsWithoutRequest)),
                            RecordEntry("byte_count_mismatches", .int(transactions.byteCountMismatches)),
                            RecordEntry("lower_address_mismatches", .int(transactions.lowerAddressMismatches)),
                            RecordEntry("completer_mismatches", .int(transactions.completerMismatches)),
                            RecordEntry("tags_reused", .int(transactions.tagsReused)),
                        ])))
            }
            return JSONRecord.render(entries) + "\n"
        }

        static func jsonEntries(_ stats: CaptureStats) -> [RecordEntry] {
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
            return encapsulations.isEmpty ? entries : entries + [RecordEntry("encapsulations", .object(encapsulations))]
        }

    }
}

extension String {
    /// Left-aligned in `width` columns.
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}

/// A duration on the command line: a number with `ns`, `us`, `ms` or `s`.
struct Duration: ExpressibleByArgument, CustomStringConvertible {
    var nanoseconds: UInt64

    init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }

    init?(argument: String) {
        let units: [(String, UInt64)] = [("ns", 1), ("us", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000)]
        guard let (suffix, scale) = units.first(where: { argument.hasSuffix($0.0) }),
            let value = UInt64(argument.dropLast(suffix.count))
        else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        nanoseconds = product
    }

    var description: String {
        if nanoseconds % 1_000_000_000 == 0 { return "\(nanoseconds / 1_000_000_000)s" }
        if nanoseconds % 1_000_000 == 0 { return "\(nanoseconds / 1_000_000)ms" }
        if nanoseconds % 1_000 == 0 { return "\(nanoseconds / 1_000)us" }
        return "\(nanoseconds)ns"
    }

    var defaultValueDescription: String { description }
}
