import Foundation
import Testing

/// Everyday selection: `--filter`, `-c/--count`.
@Suite struct DailyUseTests {
    /// A 200-TLP synthetic flit capture, made once.
    static let capture: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tlpcheck-daily-\(UUID().uuidString).pcap"
        ).path
        _ = try? CLI.run(["synth", "-o", path, "--count", "200", "--seed", "3"])
        return path
    }()

    static func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    @Test func filterOnDecodeKeepsOnlyMatchingRecords() throws {
        let all = try CLI.run(["decode", "--output", "jsonl", Self.capture])
        #expect(all.status == 0, "\(all.stderr)")
        let writes = try CLI.run(["decode", "--output", "jsonl", "--filter", "type ~ MWr && tph", Self.capture])
        #expect(writes.status == 0)
        let kept = Self.lines(writes.stdout)
        #expect(!kept.isEmpty && kept.count < Self.lines(all.stdout).count)
        #expect(kept.allSatisfy { $0.contains("\"type\":\"MWr") && $0.contains("\"tph\":true") })
        let none = try CLI.run(["decode", "--output", "csv", "--filter", "type == CfgWr1", Self.capture])
        #expect(Self.lines(none.stdout).count == 1)  // the header only
    }

    @Test func filterOnStatsConvertAndVerify() throws {
        let stats = try CLI.run(["stats", "--output", "json", "--filter", "type == mem_read", Self.capture])
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(!stats.stdout.contains("\"MWr64\""))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("daily-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let convert = try CLI.run(["convert", Self.capture, "-o", out, "--to", "hex", "--filter", "type == mem_read"])
        #expect(convert.status == 0, "\(convert.stderr)")
        let verify = try CLI.run([
            "verify", Self.capture, "--tuples", "Fixtures/seed/tuples.yaml", "--report", "json", "--filter",
            "type == Cpl",
        ])
        let unfiltered = try CLI.run([
            "verify", Self.capture, "--tuples", "Fixtures/seed/tuples.yaml", "--report", "json",
        ])
        // Only the TLPs the filter accepts are checked.
        #expect(verify.stdout.contains("\"totals\":{\"records\":"), "\(verify.stderr)")
        #expect(!unfiltered.stdout.contains("\"totals\":{\"records\":0,"))
        #expect(verify.stdout != unfiltered.stdout)
    }

    @Test func badFilterShowsTheColumnAndExits2() throws {
        for command in ["decode", "stats", "verify"] {
            var arguments = [command, "--filter", "type == && tph", Self.capture]
            if command == "verify" { arguments += ["--tuples", "Fixtures/seed/tuples.yaml"] }
            let run = try CLI.run(arguments)
            #expect(run.status == 2, "\(command)")
            #expect(run.stderr.contains("column 9: expected a value\n  type == && tph\n          ^"), "\(run.stderr)")
        }
    }

    @Test func countStopsReading() throws {
        let run = try CLI.run(["decode", "--output", "jsonl", "-c", "5", Self.capture])
        #expect(run.status == 0)
        #expect(Self.lines(run.stdout).count == 5)
        #expect(run.stderr.contains("read 5 records"), "\(run.stderr)")
        let filtered = try CLI.run(["decode", "--output", "jsonl", "--count", "3", "--filter", "tph", Self.capture])
        #expect(Self.lines(filtered.stdout).count == 3)
        #expect(Self.lines(filtered.stdout).allSatisfy { $0.contains("\"tph\":true") })
        let verify = try CLI.run([
            "verify", "-c", "1", Fixtures.seed, "--tuples", "Fixtures/seed/tuples.yaml",
        ])
        #expect(verify.stderr.contains("read 1 record"), "\(verify.stderr)")
        let bad = try CLI.run(["decode", "-c", "0", Self.capture])
        #expect(bad.status != 0)
    }
}

enum Fixtures {
    static let seed = "Fixtures/seed/seed.analyzer.txt"
}

/// `--fields`, `--format fields`, `-q`, `-o FILE` and the one `--format` spelling.
@Suite struct SelectionOutputTests {
    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tlpcheck-\(UUID().uuidString)-\(name)").path
    }

    @Test func fieldsSelectKeysInOrder() throws {
        let jsonl = try CLI.run(["decode", "--format", "jsonl", "--fields", "type,record,ohc_b.ph", Fixtures.seed])
        #expect(jsonl.stdout == "{\"type\":\"MWr64\",\"record\":1,\"ohc_b.ph\":2}\n", "\(jsonl.stderr)")
        let csv = try CLI.run(["decode", "--format", "csv", "--fields", "record,type,requester,nope", Fixtures.seed])
        #expect(csv.stdout == "record,type,requester,nope\n1,MWr64,04:00.0,\n")
        let tabs = try CLI.run(["decode", "-T", "fields", "--fields", "record,type,requester", Fixtures.seed])
        #expect(tabs.stdout == "1\tMWr64\t04:00.0\n")
        let missing = try CLI.run(["decode", "--format", "fields", Fixtures.seed])
        #expect(missing.status != 0)
    }

    @Test func quietLeavesOnlyErrorsAndTheVerdict() throws {
        let decode = try CLI.run(["decode", "-q", "--format", "jsonl", Fixtures.seed])
        #expect(decode.status == 0)
        #expect(decode.stderr.isEmpty, "\(decode.stderr)")
        let verify = try CLI.run(["verify", "--quiet", Fixtures.seed, "--tuples", "Fixtures/seed/tuples.yaml"])
        #expect(verify.stderr.isEmpty, "\(verify.stderr)")
        #expect(verify.stdout.contains("PASS"))
        let bad = try CLI.run(["decode", "-q", "--input", "hex"], stdin: "zz\n")
        #expect(bad.status != 0)
        #expect(!bad.stderr.isEmpty)
    }

    @Test func outputFileOnDecodeAndStats() throws {
        let out = Self.temporary("decode.jsonl")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let decode = try CLI.run(["decode", "--format", "jsonl", "-o", out, Fixtures.seed])
        #expect(decode.status == 0)
        #expect(decode.stdout.isEmpty)
        let expected = try String(contentsOfFile: "Fixtures/seed/seed.decode.expected.jsonl", encoding: .utf8)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == expected)
        let stats = Self.temporary("stats.json")
        defer { try? FileManager.default.removeItem(atPath: stats) }
        let run = try CLI.run(["stats", "-T", "json", "--output-file", stats, Fixtures.seed])
        #expect(run.status == 0)
        #expect(try String(contentsOfFile: stats, encoding: .utf8).hasPrefix("{"))
        let overwrite = try CLI.run(["decode", "-o", Fixtures.seed, Fixtures.seed])
        #expect(overwrite.status == 2)
    }

    @Test func oneFormatSpellingWithOldOnesKept() throws {
        for (new, old) in [
            (["decode", "--format", "jsonl"], ["decode", "--output", "jsonl"]),
            (["stats", "--format", "json"], ["stats", "--output", "json"]),
            (
                ["verify", "--tuples", "Fixtures/seed/tuples.yaml", "--format", "json"],
                ["verify", "--tuples", "Fixtures/seed/tuples.yaml", "--report", "json"]
            ),
        ] {
            let a = try CLI.run(new + [Fixtures.seed])
            let b = try CLI.run(old + [Fixtures.seed])
            #expect(a.status == 0 && a.stdout == b.stdout && !a.stdout.isEmpty, "\(new)")
            let help = try CLI.run([new[0], "--help"])
            #expect(help.stdout.contains("--format"))
            #expect(!help.stdout.contains("--report <") && !help.stdout.contains("--output <"), "\(new[0])")
        }
    }
}

/// `-T/--format` on `convert`, `synth` and `hex` too; every old spelling kept, hidden.
@Suite struct FormatSpellingTests {
    @Test func convertSynthAndHexTakeFormatAndTheirOldSpelling() throws {
        for (new, old) in [
            (
                ["convert", Fixtures.seed, "-o", "-", "-T", "hex"],
                ["convert", Fixtures.seed, "-o", "-", "--to", "hex"]
            ),
            (
                ["convert", Fixtures.seed, "-o", "-", "--format", "analyzer"],
                ["convert", Fixtures.seed, "-o", "-", "--to", "analyzer"]
            ),
            (
                ["synth", "-o", "-", "--count", "20", "-T", "hex"],
                ["synth", "-o", "-", "--count", "20", "--to", "hex"]
            ),
            (
                ["synth", "-o", "-", "--count", "20", "--format", "analyzer"],
                ["synth", "-o", "-", "--count", "20", "--to", "analyzer"]
            ),
            (
                ["hex", "-T", "jsonl", "04000001", "00200a03", "05010000", "00050100"],
                ["hex", "--output", "jsonl", "04000001", "00200a03", "05010000", "00050100"]
            ),
        ] {
            let a = try CLI.run(new)
            let b = try CLI.run(old)
            #expect(a.status == 0, "\(new): \(a.stderr)")
            #expect(a.stdout == b.stdout && !a.stdout.isEmpty, "\(new)")
        }
        #expect(try CLI.run(["convert", Fixtures.seed, "-o", "-", "-T", "hex"]).stdout.hasPrefix("# mode: flit\n"))
        #expect(try CLI.run(["synth", "-o", "-", "--count", "1", "-T", "analyzer"]).stdout.contains(" -> STP "))
        for command in ["convert", "synth", "hex"] {
            let help = try CLI.run([command, "--help"])
            #expect(help.stdout.contains("-T, --format <format>"), "\(command)")
            #expect(!help.stdout.contains("--to <") && !help.stdout.contains("--output <format>"), "\(command)")
        }
    }

    /// The two spellings may be given together only when they agree.
    @Test func disagreeingSpellingsAreAUsageError() throws {
        let tuples = "Fixtures/seed/tuples.yaml"
        for (arguments, old) in [
            (["decode", "-T", "jsonl", "--output", "csv", Fixtures.seed], "--output csv"),
            (["stats", "-T", "json", "--output", "text", Fixtures.seed], "--output text"),
            (["verify", Fixtures.seed, "--tuples", tuples, "-T", "json", "--report", "junit"], "--report junit"),
            (["hex", "--format", "text", "--output", "jsonl", "04000001"], "--output jsonl"),
            (["convert", Fixtures.seed, "-o", "-", "-T", "hex", "--to", "pcap"], "--to pcap"),
            (["synth", "-o", "-", "--count", "1", "-T", "hex", "--to", "analyzer"], "--to analyzer"),
        ] {
            let run = try CLI.run(arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stdout.isEmpty, "\(arguments)")
            #expect(
                run.stderr.contains("disagree (\(old.split(separator: " ")[0]) is the old spelling of --format)"),
                "\(run.stderr)")
            #expect(run.stderr.contains(old), "\(run.stderr)")
        }
        // The same format in both spellings is no conflict.
        let same = try CLI.run(["convert", Fixtures.seed, "-o", "-", "-T", "hex", "--to", "hex"])
        #expect(same.status == 0, "\(same.stderr)")
        #expect(same.stdout.hasPrefix("# mode: flit\n"))
        let decode = try CLI.run(["decode", "--format", "csv", "--output", "csv", Fixtures.seed])
        #expect(decode.status == 0 && decode.stdout.hasPrefix("record,source,"))
    }
}

/// `--source basename|path`, `--source-name NAME` and `--color`.
@Suite struct SourceAndColorTests {
    @Test func sourceDoesNotDependOnHowThePathWasTyped() throws {
        let a = try CLI.run([
            "decode", "-T", "jsonl", "--source", "basename", "./Fixtures/seed/../seed/seed.analyzer.txt",
        ])
        let b = try CLI.run(["decode", "-T", "jsonl", "--source", "basename", Fixtures.seed])
        #expect(a.stdout == b.stdout)
        #expect(a.stdout.contains("\"source\":\"seed.analyzer.txt:1\""))
        let named = try CLI.run(["decode", "-T", "csv", "--fields", "source", "--source-name", "x", Fixtures.seed])
        #expect(named.stdout == "source\nx:1\n")
        let verify = try CLI.run([
            "verify", "-T", "json", "--source", "basename", Fixtures.seed, "--tuples", "Fixtures/seed/tuples.yaml",
        ])
        #expect(verify.stdout.contains("\"path\":\"seed.analyzer.txt\""))
    }

    @Test func colorAlwaysNeverAndAuto() throws {
        let arguments = ["verify", Fixtures.seed, "--tuples", "Fixtures/seed/tuples.yaml"]
        let always = try CLI.run(arguments + ["--color", "always"])
        #expect(always.stdout.hasPrefix("\u{1B}[32mPASS"))
        let never = try CLI.run(arguments + ["--color", "never"])
        #expect(never.stdout.hasPrefix("PASS"))
        let auto = try CLI.run(arguments)  // a pipe: no colour
        #expect(auto.stdout.hasPrefix("PASS"))
        let bad = try CLI.run(arguments + ["--color", "sometimes"])
        #expect(bad.status == 2)
    }
}

/// Rough edges: the version line, how to get findings past the first ones.
@Suite struct RoughEdgeTests {
    @Test func versionNamesTheToolAndLibpcap() throws {
        let run = try CLI.run(["--version"])
        #expect(run.stdout.hasPrefix("tlpcheck 0.1.0 (libpcap version "), "\(run.stdout)")
    }

    @Test func textIDsAsBDFAndARecordHeader() throws {
        let seed = try CLI.run(["decode", Fixtures.seed])
        let expected = try String(contentsOfFile: "Fixtures/seed/seed.decode.expected.txt", encoding: .utf8)
        #expect(seed.stdout == expected)  // the analyzer form stays the default, byte for byte
        let bdf = try CLI.run(["decode", "--ids", "bdf", "--record-header", Fixtures.seed])
        #expect(bdf.stdout.hasPrefix("# record 1  \(Fixtures.seed):1\n"))
        #expect(bdf.stdout.contains("RID=04:00.0 "))
        #expect(!bdf.stdout.contains("RID=4h:0h.0h"))
        #expect(
            bdf.stdout == "# record 1  \(Fixtures.seed):1\n" + expected.replacing("RID=4h:0h.0h", with: "RID=04:00.0"))
    }

    @Test func manPageHasEnvironmentExitStatusAndNoBlankLines() throws {
        let page = try String(contentsOf: CLI.root.appendingPathComponent("Docs/man/tlpcheck.1"), encoding: .utf8)
        #expect(page.contains(".Sh ENVIRONMENT\n"))
        #expect(page.contains(".It Ev NO_COLOR\n"))
        #expect(page.contains(".Sh EXIT STATUS\n"))
        #expect(page.contains(".It 141\n"))
        #expect(!page.contains(".Ex -std"))
        #expect(!page.contains("\n\n"), "mdoc warns about blank lines")
    }

    @Test func convertHelpShowsTheLinkTypeDefaultReadably() throws {
        let help = try CLI.run(["convert", "--help"])
        #expect(!help.stdout.contains("LinkType("))
        #expect(help.stdout.contains("(default: 147)"))
    }

    @Test func oneRecordIsSingular() throws {
        let run = try CLI.run(["decode", Fixtures.seed])
        #expect(run.stderr.contains("read 1 record: "))
    }

    @Test func bashCompletesFileNames() throws {
        let script = try String(
            contentsOf: CLI.root.appendingPathComponent("Docs/completions/tlpcheck.bash"), encoding: .utf8)
        #expect(script.contains("'--tuples')\n        __tlpcheck_add_completions -f"))
        #expect(
            script.contains(
                "# Offer positional completions\n    case \"${positional_number}\" in\n    *)\n        __tlpcheck_add_completions -f"
            ))
    }

    @Test func truncatedFindingsSayHowToGetTheRest() throws {
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tlpcheck-rough-\(UUID().uuidString).pcap"
        ).path
        defer { try? FileManager.default.removeItem(atPath: capture) }
        let tuples = "Fixtures/verify/tuples.yaml"
        _ = try CLI.run([
            "synth", "-o", capture, "--count", "2000", "--tuples", tuples, "--mismatch-rate", "0.5", "--seed", "1",
        ])
        let text = try CLI.run(["verify", "--mode", "flit", capture, "--tuples", tuples])
        #expect(text.status == 1)
        #expect(text.stdout.contains("findings (the JSON report, --format json, lists more):"), "\(text.stdout)")
        let junit = try CLI.run(["verify", "--mode", "flit", capture, "--tuples", tuples, "-T", "junit"])
        #expect(junit.stdout.contains("... and "), "\(junit.stdout.prefix(2000))")
        #expect(junit.stdout.contains(" more (the JSON report lists them)"))
    }
}

/// Progress on `synth` and `convert` as on `decode`: at a terminal, once the run has taken a
/// second, never with `-q` or in a pipe. Standard output goes to a reader that starts 1.5 s
/// late, so the run is slow however fast the machine.
@Suite struct ProgressTests {
    static let slowReader = "| (sleep 1.5; cat > /dev/null)"

    /// 10,000 TLPs as plain hex, for `convert` to read from a pipe.
    static let hex: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tlpcheck-progress-\(UUID().uuidString).hex"
        ).path
        _ = try? CLI.run(["synth", "-o", path, "--count", "10000", "-T", "hex"])
        return path
    }()

    @Test(.enabled(if: CLI.hasScript, "script(1) is not installed (Debian package bsdutils)"))
    func synthShowsProgressAtATerminal() throws {
        let synth = "tlpcheck synth -o - --count 10000 -T analyzer"
        let shown = try CLI.shell("\(synth) \(Self.slowReader)", terminal: true)
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("%  "), "\(shown.stdout)")
        #expect(shown.stdout.contains(" records/s "))
        // The line is cleared before the summary.
        #expect(shown.stdout.contains("\r\u{1B}[Ksynth: 10000 TLPs"), "\(shown.stdout)")
        let quiet = try CLI.shell("\(synth) -q \(Self.slowReader)", terminal: true)
        #expect(quiet.status == 0)
        #expect(!quiet.stdout.contains("records/s") && !quiet.stdout.contains("synth:"), "\(quiet.stdout)")
        let piped = try CLI.shell("\(synth) \(Self.slowReader)", terminal: false)
        #expect(piped.stderr.hasPrefix("synth: 10000 TLPs: "), "\(piped.stderr)")
        #expect(!piped.stderr.contains("\r"))
    }

    @Test(.enabled(if: CLI.hasScript, "script(1) is not installed (Debian package bsdutils)"))
    func convertShowsProgressAtATerminal() throws {
        let convert = "cat \(Self.hex) | tlpcheck convert - -o - -T analyzer"
        let shown = try CLI.shell("\(convert) \(Self.slowReader)", terminal: true)
        #expect(shown.status == 0)
        // Standard input has no size: records and rate, no percentage.
        #expect(shown.stdout.contains(" records/s "), "\(shown.stdout)")
        #expect(!shown.stdout.contains("%  "))
        #expect(shown.stdout.contains("\r\u{1B}[Ktlpcheck: read 10000 records"), "\(shown.stdout)")
        let quiet = try CLI.shell("\(convert) --quiet \(Self.slowReader)", terminal: true)
        #expect(!quiet.stdout.contains("records/s") && !quiet.stdout.contains("read 10000"), "\(quiet.stdout)")
        let piped = try CLI.shell("\(convert) \(Self.slowReader)", terminal: false)
        #expect(piped.stderr.hasPrefix("tlpcheck: read 10000 records: 10000 decoded, 0 errors"), "\(piped.stderr)")
        #expect(!piped.stderr.contains("\r"))
    }
}

/// `--fields` as Docs/formats.md ("Output: selected fields") describes it.
@Suite struct FieldSelectionTests {
    static let pad2pcapng = "Fixtures/encap/user11-pad2pcapng.pcapng"
    /// A flit MWr64 below 4 GB with a reserved HV: two warnings.
    static let twoWarnings = "60020001 040000f0 00000000 00001000 0000f020\n"

    @Test func theDocumentedExample() throws {
        let run = try CLI.run(["decode", "-T", "fields", "--fields", "record,type,requester,ohc_b.ph", Fixtures.seed])
        #expect(run.stdout == "1\tMWr64\t04:00.0\t2\n")
    }

    @Test func jsonLinesByDefaultAndNotWithTheTextView() throws {
        let run = try CLI.run(["decode", "--fields", "type", Fixtures.seed])
        #expect(run.status == 0)
        #expect(run.stdout == "{\"type\":\"MWr64\"}\n")
        let text = try CLI.run(["decode", "-T", "text", "--fields", "type", Fixtures.seed])
        #expect(text.status == 2)
        #expect(text.stderr.contains("--fields needs --format jsonl, csv or fields"), "\(text.stderr)")
    }

    @Test func spacesEmptyItemsAndRepeatsAreDropped() throws {
        let run = try CLI.run(["decode", "-T", "csv", "--fields", " record, type,,record ,type", Fixtures.seed])
        #expect(run.stdout == "record,type\n1,MWr64\n", "\(run.stderr)")
        let json = try CLI.run(["decode", "--fields", "ph,ph", Fixtures.seed])
        #expect(json.stdout == "{\"ph\":2}\n")
        for list in ["", ",", " , "] {
            let empty = try CLI.run(["decode", "-T", "fields", "--fields", list, Fixtures.seed])
            #expect(empty.status == 2, "'\(list)'")
            #expect(empty.stdout.isEmpty)
            #expect(empty.stderr.contains("--fields needs at least one key"), "\(empty.stderr)")
        }
    }

    @Test func keysNoRecordHasAreNamedOnStandardError() throws {
        let run = try CLI.run(["decode", "-T", "csv", "--fields", "record,reqeuster,type.x,ohc_b.ph", Fixtures.seed])
        #expect(run.status == 0)
        #expect(run.stdout == "record,reqeuster,type.x,ohc_b.ph\n1,,,2\n")
        #expect(
            run.stderr.contains("tlpcheck: note: --fields: no record has reqeuster, type.x; left empty"),
            "\(run.stderr)")
        let known = try CLI.run(["decode", "--fields", "completer,request,nettlp.seq,prefixes", Fixtures.seed])
        #expect(!known.stderr.contains("--fields"), "\(known.stderr)")
        #expect(known.stdout == "{}\n")  // the record has none of them
        let quiet = try CLI.run(["decode", "-q", "--fields", "nope", Fixtures.seed])
        #expect(quiet.stderr.isEmpty && quiet.stdout == "{}\n")
    }

    @Test func objectsAndArraysInEachFormat() throws {
        let json = try CLI.run(["decode", "--fields", "ohc_b,ohc_b.st", Fixtures.seed])
        #expect(json.stdout == "{\"ohc_b\":{\"st\":240,\"ph\":2,\"hv\":1,\"ama\":0,\"av\":false},\"ohc_b.st\":240}\n")
        let prefixes = "Fixtures/logs/aer-6.x-0x-prefixes.log"
        let array = try CLI.run(["decode", "--fields", "record,prefixes", prefixes])
        #expect(
            array.stdout.hasPrefix(
                "{\"record\":1,\"prefixes\":[{\"kind\":\"tph\",\"code\":144,\"st_high\":1,\"ama\":0,\"av\":false}]}\n"),
            "\(array.stdout)")
        // Objects and arrays of objects are left to JSON; arrays of values are joined with "; ".
        let csv = try CLI.run(["decode", "-T", "csv", "--fields", "record,ohc_b,prefixes,tph", prefixes])
        #expect(csv.stdout.hasPrefix("record,ohc_b,prefixes,tph\n1,,,true\n"), "\(csv.stdout)")
        let warnings = try CLI.run(
            ["decode", "--mode", "flit", "-T", "fields", "--fields", "warnings,tph"], stdin: Self.twoWarnings)
        #expect(
            warnings.stdout
                == "64-bit address format for an address below 4 GB (0000000000001000h); reserved OHC-B HV=10b: PH and ST treated as not valid\tfalse\n",
            "\(warnings.stdout)")
        let jsonWarnings = try CLI.run(["decode", "--mode", "flit", "--fields", "warnings"], stdin: Self.twoWarnings)
        #expect(jsonWarnings.stdout.hasPrefix("{\"warnings\":[\"64-bit address format"))
    }

    @Test func csvQuotesAndFieldsReplacesTabsAndLineBreaks() throws {
        let csv = try CLI.run([
            "decode", "-T", "csv", "--fields", "source,type", "--source-name", "a,\"b\"", Fixtures.seed,
        ])
        #expect(csv.stdout == "source,type\n\"a,\"\"b\"\":1\",MWr64\n", "\(csv.stdout)")
        let fields = try CLI.run([
            "decode", "-T", "fields", "--fields", "source,type", "--source-name", "a,\"b\"\tc\nd", Fixtures.seed,
        ])
        // No header, never quoted, a tab or line break in a value becomes a space.
        #expect(fields.stdout == "a,\"b\" c d:1\tMWr64\n", "\(fields.stdout)")
    }

    @Test func errorRecordsInEveryFormatAndNoOtherPackets() throws {
        let input = "zz\n" + Self.twoWarnings
        let fields = try CLI.run(
            ["decode", "--mode", "flit", "-T", "fields", "--fields", "record,type,error"], stdin: input)
        #expect(fields.status == 1)
        #expect(fields.stdout == "1\t\tcolumn 1: not a hex digit: 'zz'\n2\tMWr64\t\n", "\(fields.stdout)")
        let csv = try CLI.run(["decode", "--mode", "flit", "-T", "csv", "--fields", "record,type,error"], stdin: input)
        #expect(csv.stdout == "record,type,error\n1,,column 1: not a hex digit: 'zz'\n2,MWr64,\n", "\(csv.stdout)")
        let json = try CLI.run(["decode", "--mode", "flit", "--fields", "record,error"], stdin: input)
        #expect(json.stdout == "{\"record\":1,\"error\":\"column 1: not a hex digit: 'zz'\"}\n{\"record\":2}\n")
        // The capture holds 3 TLPs and 5 other packets: only the TLPs are written.
        let all = try CLI.run(["decode", "-T", "jsonl", Self.pad2pcapng])
        #expect(all.stdout.contains("\"packet\":\"dllp\""))
        for format in ["jsonl", "csv", "fields"] {
            let run = try CLI.run(["decode", "-T", format, "--fields", "record,source,packet", Self.pad2pcapng])
            #expect(run.status == 0)
            #expect(!run.stdout.contains("dllp"), "\(format): \(run.stdout)")
            #expect(run.stdout.split(separator: "\n").count == (format == "csv" ? 4 : 3), "\(format)")
            #expect(run.stderr.contains("5 other packets (4 dllp, 1 ordered-set)"))
        }
    }
}

/// `NO_COLOR` and `--color` at a real terminal (script(1)) and in a pipe.
@Suite struct NoColorTests {
    static let verify = "tlpcheck verify Fixtures/seed/seed.analyzer.txt --tuples Fixtures/seed/tuples.yaml"
    static let green = "\u{1B}[32mPASS\u{1B}[0m"

    /// What the terminal showed for `verify` with `NO_COLOR` set to `noColor` (nil: unset).
    static func atATerminal(noColor: String?, _ options: String = "") throws -> String {
        let variable = noColor.map { "NO_COLOR='\($0)'" } ?? ""
        let run = try CLI.shell("env -u NO_COLOR TERM=xterm \(variable) \(verify) \(options)", terminal: true)
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("PASS"), "\(run.stdout)")
        return run.stdout
    }

    @Test(.enabled(if: CLI.hasScript, "script(1) is not installed (Debian package bsdutils)"))
    func emptyNoColorIsIgnoredAtATerminal() throws {
        #expect(try Self.atATerminal(noColor: nil).contains(Self.green))
        #expect(try Self.atATerminal(noColor: "").contains(Self.green))
    }

    @Test(.enabled(if: CLI.hasScript, "script(1) is not installed (Debian package bsdutils)"))
    func noColorSetTurnsColourOff() throws {
        #expect(!(try Self.atATerminal(noColor: "1")).contains("\u{1B}["))
        #expect(!(try Self.atATerminal(noColor: "0")).contains("\u{1B}["))
    }

    @Test(.enabled(if: CLI.hasScript, "script(1) is not installed (Debian package bsdutils)"))
    func colorAlwaysAndNeverOverrideNoColor() throws {
        #expect(try Self.atATerminal(noColor: "1", "--color always").contains(Self.green))
        #expect(!(try Self.atATerminal(noColor: "", "--color never")).contains("\u{1B}["))
        #expect(!(try Self.atATerminal(noColor: nil, "--color never")).contains("\u{1B}["))
    }

    @Test func notATerminalHasNoColourUnlessAlways() throws {
        let arguments = ["verify", Fixtures.seed, "--tuples", "Fixtures/seed/tuples.yaml"]
        let piped = try CLI.run(arguments, environment: ["NO_COLOR": "", "TERM": "xterm"])
        #expect(piped.stdout.hasPrefix("PASS:"), "\(piped.stdout)")
        let unset = try CLI.run(arguments, environment: ["NO_COLOR": nil, "TERM": "xterm"])
        #expect(unset.stdout.hasPrefix("PASS:"))
        let always = try CLI.run(arguments + ["--color", "always"], environment: ["NO_COLOR": "1"])
        #expect(always.stdout.hasPrefix(Self.green))
    }
}

/// The README after the quick start: the extract, the CI job and the recipes run as printed.
@Suite struct ReadmeTests {
    static let readme = (try? String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    /// The README between two headings.
    static func section(_ heading: String, until next: String) -> String {
        guard let start = readme.range(of: "\n## \(heading)\n"), let end = readme.range(of: "\n## \(next)\n") else {
            return ""
        }
        return String(readme[start.upperBound..<end.lowerBound])
    }

    /// The command lines of the `sh` blocks of `text`, comments and the build step left out.
    static func commands(_ text: String) -> [String] {
        text.components(separatedBy: "```sh\n").dropFirst().flatMap { block in
            block.components(separatedBy: "\n```")[0].split(separator: "\n").map(String.init).filter {
                !$0.hasPrefix("#") && !$0.hasPrefix("export PATH=") && !$0.hasPrefix("bash Scripts/install-deps.sh")
            }
        }
    }

    /// A scratch folder with the fixtures, for the files the commands write.
    static func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tlpcheck-readme-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("Fixtures"), withDestinationURL: CLI.fixtures)
        return folder
    }

    @Test func theExtractAfterTheQuickStartIsWhatTheReadmeShows() throws {
        let next = Self.section("Next: an extract, a CI job", until: "Recipes")
        #expect(next.contains(".build/debug/tlpcheck"))
        let extract = try #require(Self.commands(next).first)
        #expect(extract.contains("--filter 'type == MWr64 && ohc_b.ph == 2' -T jsonl --source basename"))
        let run = try CLI.shell(extract, terminal: false)
        #expect(run.status == 0, "\(run.stderr)")
        // The output block after the command, with its "..." standing for the keys left out.
        let shown = try #require(
            next.components(separatedBy: "```\n\n```\n").dropFirst().first?.split(separator: "\n").first)
        let parts = shown.components(separatedBy: "...")
        #expect(parts.count == 2)
        #expect(run.stdout.hasPrefix(parts[0]) && run.stdout.hasSuffix(parts[1] + "\n"), "\(run.stdout)")
    }

    @Test func theCIJobAndTheRecipesRunAsPrinted() throws {
        let lines =
            Self.commands(Self.section("Next: an extract, a CI job", until: "Recipes"))
            + Self.commands(Self.section("Recipes", until: "Inputs and outputs"))
        #expect(lines.count > 20)
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        for line in lines {
            #expect(line.hasPrefix("tlpcheck ") || line.hasPrefix("echo "), "\(line)")
            let run = try CLI.shell(line, terminal: false, in: folder)
            // 0, or 1 for a verify that fails (the flit fixture breaks the seed's tuple).
            #expect(run.status == 0 || (run.status == 1 && run.stdout.hasPrefix("FAIL: ")), "\(line): \(run.stderr)")
        }
        let golden = try String(contentsOf: folder.appendingPathComponent("seed.golden.jsonl"), encoding: .utf8)
        #expect(golden.hasPrefix("{\"record\":1,\"source\":\"seed.analyzer.txt:1\""))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("verify.xml").path))
    }
}
