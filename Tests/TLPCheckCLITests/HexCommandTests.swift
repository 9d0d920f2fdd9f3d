import Foundation
import Testing

/// `tlpcheck hex` end to end, against the golden files in Fixtures/seed/.
@Suite struct HexCommandTests {
    static let seedArguments =
        ["hex", "--mode", "flit", "--word-order", "swapped"]
        + ["08000260", "F0000004", "E0200000", "00080006", "90F00000"]

    @Test func seedPrintsTheCoverLetterLinesByteForByte() throws {
        let run = try CLI.run(Self.seedArguments)
        #expect(run.status == 0)
        #expect(run.stdout == (try CLI.fixture("seed/seed.hex.expected.txt")))
        #expect(run.stderr.isEmpty)
    }

    /// The seed words fixture on standard input, one TLP per line.
    @Test func seedWordsOnStandardInput() throws {
        let words = try CLI.fixture("seed/seed.words.txt")
        let run = try CLI.run(["hex", "--mode", "flit", "--word-order", "swapped"], stdin: words)
        #expect(run.status == 0)
        #expect(run.stdout == (try CLI.fixture("seed/seed.analyzer.txt")))
    }

    /// Decoding the seed dump prints it as captured (swapped words, annotations rebuilt).
    @Test func decodingTheSeedDumpPrintsItAsCaptured() throws {
        let run = try CLI.run(["decode", "Fixtures/seed/seed.analyzer.txt"])
        #expect(run.status == 0)
        #expect(run.stdout == (try CLI.fixture("seed/seed.analyzer.txt")))
    }

    @Test func seedJSONMatchesTheGoldenRecord() throws {
        let run = try CLI.run(Self.seedArguments + ["--output", "jsonl"])
        #expect(run.status == 0)
        #expect(run.stdout == (try CLI.fixture("seed/seed.hex.expected.jsonl")))
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(object?["type"] as? String == "MWr64")
        #expect(object?["requester"] as? String == "04:00.0")
        #expect(object?["address"] as? String == "0x000020e006000800")
        #expect(object?["ohc"] as? Int == 2)
        #expect(object?["length"] as? Int == 8)
        #expect(object?["tph"] as? Bool == true)
        #expect(object?["st"] as? Int == 240)
        #expect(object?["st_width"] as? Int == 8)
        #expect(object?["ph"] as? Int == 2)
        #expect(object?["truncated"] as? Bool == true)
    }

    @Test func oneQuotedStringWorksLikeSeparateWords() throws {
        let run = try CLI.run([
            "hex", "--mode", "flit", "--word-order", "swapped", "08000260,F0000004,E0200000,00080006,90F00000",
        ])
        #expect(run.stdout == (try CLI.fixture("seed/seed.hex.expected.txt")))
    }

    @Test func wireBytesGiveTheSameTLPWhateverTheWordOrderOption() throws {
        let run = try CLI.run(["hex", "--mode", "flit", "60 02 00 08 04 00 00 F0 00 00 20 E0 06 00 08 00 00 00 F0 90"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("60020008 -> STP MWr64 TC=0 OHC=2 TS=0 Attr=0 L=8"))
        #expect(run.stdout.contains("0000F090 -> OHC-B ST=F0h PH=2 HV=1 AMA=0 AV-"))
    }

    @Test func autoModeSaysNonFlitWasAssumed() throws {
        let run = try CLI.run(["hex", "04000001", "00200a03", "05010000", "00050100"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("# non-flit mode assumed") == true)
        #expect(lines.contains("04000001 -> STP CfgRd0 TC=0 TH=0 TD=0 EP=0 Attr=0 AT=0 L=1"))
        #expect(lines.contains("05010000 -> Dest=5h:0h.1h Reg=0h"))
        #expect(lines.last == "00050100 -> (after the end of the TLP)")
    }

    @Test func standardInputHoldsOneTLPPerLine() throws {
        let input = """
            # two TLPs from a log
            04000001 00200a03 05010000 00050100

            34000000 70000010 00000000 00000000  # LTR
            60020008 040000F0
            """
        let run = try CLI.run(["hex", "--mode", "non-flit", "--output", "jsonl"], stdin: input)
        #expect(run.status == 1)
        let records = run.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(records.count == 3)
        #expect(records[0]["source"] as? String == "-:2")
        #expect(records[0]["type"] as? String == "CfgRd0")
        #expect(records[1]["source"] as? String == "-:4")
        #expect(records[1]["msg_code"] as? Int == 0x10)
        #expect(records[2]["record"] as? Int == 3)
        #expect(records[2]["error"] as? String == "TLP header cut short: need 16 bytes, have 8")
        #expect(run.stderr.contains("-:5: error: TLP header cut short: need 16 bytes, have 8"))
    }

    @Test func aHeaderCutShortExitsOne() throws {
        let run = try CLI.run(["hex", "--mode", "flit", "60020008", "040000F0"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("args: error: TLP header cut short: need 16 bytes, have 8"))
    }

    @Test(arguments: [
        (["hex", "08000260", "zz"], "column 10: not a hex digit: 'zz'"),
        (["hex", "0800026"], "odd number of hex digits"),
        (["hex", "--mode", "fast", "00000000"], "--mode"),
        (["hex", "--word-order", "big", "00000000"], "--word-order"),
        (["nonsense"], "Unexpected argument"),
    ])
    func usageErrorsExitTwo(_ arguments: [String], _ message: String) throws {
        let run = try CLI.run(arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func bareHexThatLooksSwappedGetsAHintNotAGuess() throws {
        let run = try CLI.run(["hex", "--mode", "flit", "08000260", "F0000004", "E0200000", "00080006", "90F00000"])
        #expect(run.stderr.contains("hint: these words decode cleanly with --word-order swapped"))
        #expect(!run.stdout.contains("MWr64"))
    }

    @Test func helpShowsAWorkedExampleAndDefaults() throws {
        let run = try CLI.run(["hex", "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("08000260 F0000004 E0200000 00080006 90F00000"))
        #expect(run.stdout.contains("default: auto)"))
        #expect(run.stdout.contains("default: text)"))
    }
}

/// A whole dmesg or lspci line pasted into `hex`.
@Suite struct PastedLogLineTests {
    @Test func flitAERLineDecodesInFlitMode() throws {
        let run = try CLI.run([
            "hex",
            "mlx5_core 0000:04:00.0: AER:   TLP Header (Flit): 0x60020008 0x040000f0 0x000020e0 0x06000800 0x0000f090",
        ])
        #expect(run.status == 0)
        #expect(!run.stdout.contains("assumed"))
        #expect(run.stdout.contains("0000F090 -> OHC-B ST=F0h PH=2 HV=1 AMA=0 AV-"))
    }

    @Test func plainAERLineHidesTheLogPadding() throws {
        let run = try CLI.run([
            "hex", "--output", "jsonl", "nvme 0000:05:00.0:   TLP Header: 04000001 00200a03 05010000 00050100",
        ])
        #expect(run.stdout.contains("\"type\":\"CfgRd0\""))
        #expect(run.stdout.contains("\"mode\":\"non-flit\""))
    }
}
