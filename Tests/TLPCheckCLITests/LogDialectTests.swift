import Foundation
import Testing

/// Header logs as the kernel, rasdaemon and pciutils print them (Docs/formats.md, "Linux AER,
/// DPC and lspci logs"). The goldens hold every field; these tests check the fields that
/// matter by hand, each against the PCIe header layout.
@Suite struct LogDialectTests {
    static func records(_ arguments: [String], stdin: String? = nil) throws -> (CLI.Run, [[String: Any]]) {
        let run = try CLI.run(arguments, stdin: stdin)
        return (run, CaptureCommandTests.records(run.stdout))
    }

    static func decode(_ file: String) throws -> (CLI.Run, [[String: Any]]) {
        try records(["decode", "--output", "jsonl", "Fixtures/logs/\(file)"])
    }

    /// 2.6 kernels (aerdrv_errprint.c): `TLB Header:` alone, the words on the next line. Real
    /// paste (Ubuntu 2.6.27). `4a000001`: Fmt=010b (3 DW, data) Type=01010b: CplD, TC=0,
    /// Length=1. `02000004`: Completer ID 02:00.0, Status=000b SC, BCM=0, Byte Count=4.
    /// `00100f00`: Requester ID 00:02.0, Tag=0Fh, Lower Address=0. The 4th word is log
    /// padding; the one payload DW was not logged, so the record is truncated.
    @Test func tlbHeaderOnTheNextLine() throws {
        let (run, records) = try Self.decode("aer-2.6-tlb-header.log")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(records.count == 2)
        let first = try #require(records.first)
        #expect(first["type"] as? String == "CplD")
        #expect(first["completer"] as? String == "02:00.0")
        #expect(first["requester"] as? String == "00:02.0")
        #expect(first["tag"] as? Int == 0x0F)
        #expect(first["byte_count"] as? Int == 4)
        #expect(first["truncated"] as? Bool == true)
        #expect(first["bytes"] as? String == "4a0000010200000400100f00")
        #expect(first["source"] as? String == "Fixtures/logs/aer-2.6-tlb-header.log:8")
        // The syslog copy: `... kernel: [  119.396991] 4a000001 ...` continues its marker line.
        #expect(records[1]["source"] as? String == "Fixtures/logs/aer-2.6-tlb-header.log:13")
        #expect(records[1]["tag"] as? Int == 0x1C)
        let text = try CLI.run(["decode", "Fixtures/logs/aer-2.6-tlb-header.log"])
        #expect(text.stdout.contains("00000000 -> (log padding)"))
        #expect(!text.stdout.contains("-> Data"))
    }

    /// CPER (3.x `cper_print_aer`): `aer_tlp_header: %02x%02x%02x%02x ...`, behind
    /// `{1}[Hardware Error]:` or, later, the device. `60000001`: Fmt=011b Type=0: MWr64, L=1;
    /// `0300000f`: Requester 03:00.0, Tag 0, Last BE 0, First BE Fh; address 1_FEE00000h.
    /// `00000001 0300000f fed00000 00000000`: MRd32 L=1 from 03:00.0 at FED00000h, padding after.
    @Test func cperAERTLPHeader() throws {
        let (run, records) = try Self.decode("aer-3.x-cper.log")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(records.map { $0["type"] as? String } == ["MWr64", "MRd32"])
        #expect(records.first?["address"] as? String == "0x00000001fee00000")
        #expect(records.first?["requester"] as? String == "03:00.0")
        #expect(records[1]["source"] as? String == "Fixtures/logs/aer-3.x-cper.log:14 (0000:00:03.0)")
        #expect(records[1]["truncated"] as? Bool == false)
        #expect(records[1]["bytes"] as? String == "000000010300000ffed00000")
    }

    /// The `aer_event` tracepoint: `TLP Header={%x,...}` (`__print_array`, `0x%x`, no padding
    /// of the digits). `0x34000000`: Fmt=001b Type=10100b: Msg routed locally, L=0;
    /// `0x8000052` = 08000052h: Requester 08:00.0, Tag 0, Message Code 52h (PTM Request).
    /// 6.15+ prints all 14 words: in non-flit mode words 5..8 are the prefix log, so
    /// `0x90010000` is a TPH prefix (ST[15:8]=01h) in front of the MWr64 with ST[7:0]=F0h.
    /// `TLP Header=Not available` is no record.
    @Test func tracepointWordsOfAnyWidth() throws {
        let (run, records) = try Self.decode("aer-event-tracepoint.log")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(records.count == 2)
        #expect(records.first?["type"] as? String == "Msg")
        #expect(records.first?["msg_code"] as? Int == 0x52)
        #expect(records.first?["requester"] as? String == "08:00.0")
        #expect(records.first?["bytes"] as? String == "340000000800005200000000" + "00000000")
        #expect(records[1]["type"] as? String == "MWr64")
        #expect(records[1]["st"] as? Int == 0x01F0)
        #expect(records[1]["source"] as? String == "Fixtures/logs/aer-event-tracepoint.log:5 (0000:04:00.0)")
        // The tracepoint does not say the mode: the text output says it was assumed.
        let text = try CLI.run(["decode", "Fixtures/logs/aer-event-tracepoint.log"])
        #expect(text.stdout.contains("non-flit mode assumed"))
    }

    /// DPC before 6.10: `TLP Header: %#010x ...`, `RP PIO ImpSpec Log`, then one
    /// `TLP Prefix Header: dw%d, %#010x` line per prefix log DW (zero ones unused). The prefix
    /// joins its TLP: `0x90010000` TPH prefix, ST[15:8]=01h, so ST=01F0h with byte 6 (F0h);
    /// PH=2 from the low bits of `0x06000802`.
    @Test func dpcPrefixLinesJoinTheirTLP() throws {
        let (run, records) = try Self.decode("dpc-prefix-lines.log")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(records.map { $0["type"] as? String } == ["MWr64", "MRd32"])
        #expect(records.first?["st"] as? Int == 0x01F0)
        #expect(records.first?["st_width"] as? Int == 16)
        #expect(records.first?["ph"] as? Int == 2)
        #expect((records.first?["bytes"] as? String)?.hasPrefix("90010000") == true)
        #expect(records.first?["source"] as? String == "Fixtures/logs/dpc-prefix-lines.log:5 (0000:00:01.0)")
    }

    /// A real 5.x line (Raspberry Pi 5, ASM1064): `60000001`: MWr64 L=1; `0100000f`: Requester
    /// 01:00.0, Tag 0, First BE Fh; address 000000FF_FFFFE000h. A 4-DW header: no padding,
    /// and the payload DW was not logged.
    @Test func realFiveXLine() throws {
        let (run, records) = try Self.decode("aer-5.x-rpi-cmplto.log")
        #expect(run.status == 0, "\(run.stderr)")
        let record = try #require(records.first)
        #expect(record["type"] as? String == "MWr64")
        #expect(record["requester"] as? String == "01:00.0")
        #expect(record["address"] as? String == "0x000000ffffffe000")
        #expect(record["truncated"] as? Bool == true)
        #expect(record["bytes"] as? String == "600000010100000f000000ffffffe000")
    }

    /// pciutils 3.14+: `FltMode+`/`FltMode-` on the third line of `LnkSta2:` (not the
    /// `FltModeDis` of `LnkCtl:`). `03000001` in flit mode: Type 03h MRd32, OHC=0, L=1;
    /// `0400002a`: Requester 04:00.0, Tag 2Ah; 3 DWs, then padding. A block without the token
    /// (pciutils before 3.14) is decoded non-flit and said to be assumed.
    @Test func lspciModeFromFltMode() throws {
        let (run, records) = try Self.decode("lspci-vv-3.14-fltmode.txt")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(records.map { $0["mode"] as? String } == ["non-flit", "flit", "non-flit"])
        #expect(records[1]["type"] as? String == "MRd32")
        #expect(records[1]["tag"] as? Int == 0x2A)
        #expect(records[1]["source"] as? String == "Fixtures/logs/lspci-vv-3.14-fltmode.txt:20 (00:1c.0/05:00.0)")
        // `40000001 0000000f fed00000 fed00000`: MWr32; the 4th word repeats the address and is
        // padding, not the payload.
        #expect(records[2]["truncated"] as? Bool == true)
        #expect(records[2]["bytes"] as? String == "400000010000000ffed00000")
        let text = try CLI.run(["decode", "Fixtures/logs/lspci-vv-3.14-fltmode.txt"])
        #expect(text.stdout.contains("FED00000 -> (log padding)"))
        let assumedAt = try #require(text.stdout.range(of: "non-flit mode assumed"))
        let mwrAt = try #require(text.stdout.range(of: "STP MWr32"))
        #expect(assumedAt.lowerBound < mwrAt.lowerBound)
        #expect(!text.stdout[..<assumedAt.lowerBound].contains("MWr32"))
    }

    /// Convert never writes log padding as payload: the MWr32 of a 4-word log is 3 words.
    @Test func convertLeavesThePaddingOut() throws {
        let run = try CLI.run(["convert", "--to", "hex", "Fixtures/logs/aer-5.x-plain.log", "-o", "-"])
        #expect(run.stdout.contains("40000001 0000020f fed00000\n"), "\(run.stdout) \(run.stderr)")
    }

    static let header = ["60000001", "0100000f", "000000ff", "ffffe000"]

    /// The same log wrapped after every word, in each dialect that prints words on one line:
    /// each decodes to the one unwrapped record.
    @Test(arguments: 0...3)
    func wrappedAfterAnyWord(_ cut: Int) throws {
        let head = Self.header[..<cut].joined(separator: " ")
        let tail = Self.header[cut...].joined(separator: " ")
        let zeroX = Self.header.map { "0x" + $0 }
        let pastes = [
            "[   58.299822] pcieport 0000:00:00.0: AER:   TLP Header: \(head)\n\(tail)\n",
            "pcieport 0000:00:00.0: AER:   TLP Header: \(zeroX[..<cut].joined(separator: " "))\n"
                + "    \(zeroX[cut...].joined(separator: " ")) E-E Prefixes: 0x90010000\n",
            "00:1c.0 PCI bridge: Intel Corporation Device a110\n\t\tHeaderLog: \(head)\n\t\t\t\(tail)\n",
        ]
        for paste in pastes {
            let (run, records) = try Self.records(["decode", "--input", "aer", "--output", "jsonl"], stdin: paste)
            #expect(run.status == 0, "\(paste): \(run.stderr)")
            #expect(records.count == 1, "\(paste)")
            let bytes = try #require(records.first?["bytes"] as? String)
            #expect(bytes.hasSuffix(Self.header.joined()), "\(paste)")
            #expect(records.first?["type"] as? String == "MWr64")
        }
    }

    @Test func wrappedPastesFixture() throws {
        let (run, records) = try Self.decode("wrapped-pastes.log")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(records.map { $0["type"] as? String } == ["MWr64", "MWr32", "MWr64", "MWr64"])
        #expect(records[2]["st"] as? Int == 0x01F0)
        #expect(records[3]["mode"] as? String == "flit")
    }

    /// A continuation takes at most the words one log holds, and only right after its log.
    @Test func continuationIsBounded() throws {
        let words = Array(repeating: "00000000", count: 40).joined(separator: " ")
        let paste = "nvme 0000:05:00.0:   TLP Header: 40000001\n0000020f fed00000 00000000 \(words)\n"
        let (run, records) = try Self.records(["decode", "--input", "aer", "--output", "jsonl"], stdin: paste)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(records.first?["bytes"] as? String == "400000010000020ffed00000")
        let separate = "nvme 0000:05:00.0:   TLP Header: 40000001 0000020f fed00000 00000000\n0000020f\n"
        let (_, more) = try Self.records(["decode", "--input", "aer", "--output", "jsonl"], stdin: separate)
        #expect(more.count == 1)
    }

    /// A corrupt first word is an error record with file:line and column, never skipped.
    @Test func corruptFirstWordIsAnError() throws {
        let paste = "ok line\nnvme 0000:05:00.0:   TLP Header: 4000x001 0000020f fed00000 00000000\n"
        let run = try CLI.run(["decode", "--input", "aer", "-"], stdin: paste)
        #expect(run.status == 1)
        #expect(run.stderr.contains("-:2 (0000:05:00.0): error: column 34: not an 8-digit hex word"), "\(run.stderr)")
        #expect(run.stderr.contains("1 errors"))
        let trace = "aer_event: 0000:04:00.0 PCIe Bus Error: severity=Corrected, Bad TLP, TLP Header={0x4000z,0x0}\n"
        let traced = try CLI.run(["decode", "--input", "aer", "-"], stdin: trace)
        #expect(traced.status == 1)
        #expect(traced.stderr.contains("column 82"), "\(traced.stderr)")
    }

    /// `hex` reads whole log lines from standard input exactly as from arguments; `-` is
    /// standard input.
    @Test func hexReadsLogLinesOnStandardInput() throws {
        let line =
            "mlx5_core 0000:04:00.0: AER:   TLP Header (Flit): 0x60020008 0x040000f0 0x000020e0 0x06000800 0x0000f090"
        let argument = try CLI.run(["hex", line])
        let piped = try CLI.run(["hex"], stdin: line + "\n")
        let dash = try CLI.run(["hex", "-"], stdin: line + "\n")
        #expect(argument.status == 0)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout == argument.stdout)
        #expect(dash.stdout == argument.stdout)
        // The 2.6 form across two lines, and plain hex after it, in one paste.
        let paste = "TLB Header:\n4a000001 02000004 00100f00 00000000\n40000001 0000020f fed00000\n"
        let mixed = try CLI.run(["hex", "-"], stdin: paste)
        #expect(mixed.status == 0, "\(mixed.stderr)")
        #expect(mixed.stdout.contains("4A000001 -> STP CplD"))
        #expect(mixed.stdout.contains("00000000 -> (log padding)"))
        #expect(mixed.stdout.contains("40000001 -> STP MWr32"))
    }
}
