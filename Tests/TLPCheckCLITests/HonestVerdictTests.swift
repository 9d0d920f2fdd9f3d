import Foundation
import Testing

/// A verdict is earned: every case here once ended in PASS or exit 0 while something was not
/// read, dropped, or not written (Docs/reliability.md, "What tlpcheck does with ...").
@Suite struct HonestVerdictTests {
    static let tuples = "Fixtures/seed/tuples.yaml"
    static let seed = "Fixtures/seed/seed.analyzer.txt"

    static func temporary(_ name: String, _ data: Data) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tlpcheck-\(UUID().uuidString)-\(name)"
        ).path
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    static func temporary(_ name: String, _ text: String) throws -> String { try temporary(name, Data(text.utf8)) }

    static func jsonObject(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    // MARK: verdicts

    @Test func aMissingCaptureIsAnErrorInEveryReport() throws {
        let text = try CLI.run(["verify", "nosuch.pcap", "--tuples", Self.tuples])
        #expect(text.status == 2)
        #expect(text.stdout.hasPrefix("ERROR: 1 of 1 capture could not be used, so there is no verdict: nosuch.pcap"))
        #expect(!text.stdout.contains("PASS"))

        let json = try CLI.run(["verify", "nosuch.pcap", "--tuples", Self.tuples, "--report", "json"])
        #expect(json.status == 2)
        let report = try Self.jsonObject(json.stdout)
        #expect(report["result"] as? String == "error")
        #expect((report["reason"] as? String)?.contains("nosuch.pcap: cannot open") == true)
        let captures = try #require(report["captures"] as? [[String: Any]])
        #expect(captures.first?["error"] as? String == "cannot open: No such file or directory")

        let junit = try CLI.run(["verify", "nosuch.pcap", "--tuples", Self.tuples, "--report", "junit"])
        #expect(junit.status == 2)
        #expect(junit.stdout.contains(#"<testsuite name="nosuch.pcap" tests="1" failures="0" errors="1">"#))
        #expect(
            junit.stdout.contains(#"<error message="cannot open: No such file or directory" type="unusable-input">"#))
    }

    @Test func oneUnusableCaptureAmongGoodOnesIsStillAnError() throws {
        let run = try CLI.run(["verify", Self.seed, "nosuch.txt", "--tuples", Self.tuples])
        #expect(run.status == 2)
        #expect(run.stdout.hasPrefix("ERROR: 1 of 2 captures could not be used"))
    }

    @Test func anEmptyCaptureDoesNotPass() throws {
        let empty = try Self.temporary("empty.txt", "")
        let run = try CLI.run(["verify", empty, "--tuples", Self.tuples])
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("FAIL: 0 TLPs"))
        #expect(run.stdout.contains("no-tlp-matched"))
        let allowed = try CLI.run(["verify", empty, "--tuples", Self.tuples, "--allow-no-match"])
        #expect(allowed.status == 0)
        #expect(allowed.stdout.hasPrefix("PASS"))
    }

    @Test func aCaptureWithNoTLPInAnyRangeDoesNotPass() throws {
        // An MWr64 to 0x1000, far from the published range.
        let capture = try Self.temporary(
            "elsewhere.hex", "# mode: non-flit\n60000001 040000ff 00000000 00001000 00000000\n")
        let run = try CLI.run(["verify", capture, "--tuples", Self.tuples, "--report", "json"])
        #expect(run.status == 1)
        let report = try Self.jsonObject(run.stdout)
        #expect(report["result"] as? String == "fail")
        let findings = try #require(report["findings"] as? [[String: Any]])
        let noMatch = try #require(findings.first { $0["check"] as? String == "no-tlp-matched" })
        #expect((noMatch["expected"] as? [String: Any])?["min_matched"] as? Int == 1)
        #expect((noMatch["actual"] as? [String: Any])?["records"] as? Int == 1)
    }

    // MARK: nothing dropped

    @Test func aByteOrderMarkChangesNothing() throws {
        let failing = try Self.temporary(
            "ph3.yaml",
            "tuples:\n  - {name: b, flags: [st], steering_tag: 0xf0, ph: 3, ranges: [{base: 0x20e006000000, size: 0x1000000}]}\n"
        )
        let dump = try String(contentsOfFile: CLI.root.appendingPathComponent(Self.seed).path, encoding: .utf8)
        let marked = try Self.temporary("bom.txt", Data([0xEF, 0xBB, 0xBF]) + Data(dump.utf8))
        let plain = try CLI.run(["verify", Self.seed, "--tuples", failing])
        let withMark = try CLI.run(["verify", marked, "--tuples", failing])
        #expect(plain.status == 1)
        #expect(withMark.status == 1)
        #expect(withMark.stdout.hasPrefix("FAIL: 1 TLP in the ranges of 1 published tuple"))
        let decoded = try CLI.run(["decode", "--output", "jsonl", marked])
        #expect(decoded.stdout.contains(#""source":"\#(marked):1""#))
        #expect(decoded.stdout.contains(#""st":240"#))
    }

    @Test func utf16TextIsRefusedWithItsEncodingNamed() throws {
        let dump = try String(contentsOfFile: CLI.root.appendingPathComponent(Self.seed).path, encoding: .utf8)
        for (name, data) in [
            ("le.txt", Data([0xFF, 0xFE]) + (dump.data(using: .utf16LittleEndian) ?? Data())),
            ("be-nomark.txt", dump.data(using: .utf16BigEndian) ?? Data()),
        ] {
            let path = try Self.temporary(name, data)
            let run = try CLI.run(["verify", path, "--tuples", Self.tuples])
            #expect(run.status == 2, "\(name)")
            #expect(run.stderr.contains("UTF-16"), "\(name): \(run.stderr)")
            #expect(run.stdout.hasPrefix("ERROR"), "\(name)")
        }
    }

    @Test func aDamagedAnnotatedLineIsAnErrorRecordNotNoise() throws {
        let run = try CLI.run(["verify", "Fixtures/malformed/analyzer-damaged-word.txt", "--tuples", Self.tuples])
        #expect(run.status == 1)
        #expect(run.stderr.contains("analyzer-damaged-word.txt:1: error: column 1: not a hex digit 'O'"))
        #expect(run.stdout.contains("1 malformed"))
    }

    @Test func hexLinesInsideAnAnalyzerDumpAreNotSkipped() throws {
        let run = try CLI.run(["verify", "Fixtures/malformed/analyzer-hex-line.txt", "--tuples", Self.tuples])
        #expect(run.status == 1)
        #expect(run.stderr.contains("analyzer-hex-line.txt:7: error: hex words without '->' in an analyzer dump"))
    }

    @Test func aForcedFormatThatFindsNothingSaysWhatTheInputLooksLike() throws {
        let aer = try CLI.run(["decode", "--input", "aer", Self.seed])
        #expect(aer.status == 2)
        #expect(
            aer.stderr.contains(
                "no TLP found in 5 lines of text read as a kernel or lspci log; it looks like an analyzer text dump (--input analyzer)"
            ), "\(aer.stderr)")
        let analyzer = try CLI.run(["decode", "--input", "analyzer", "Fixtures/pcap/flit-125-us.pcap"])
        #expect(analyzer.status == 2)
        #expect(analyzer.stderr.contains("it looks like a pcap/pcapng file (--input pcap)"), "\(analyzer.stderr)")
        let verify = try CLI.run(["verify", "--input", "aer", Self.seed, "--tuples", Self.tuples])
        #expect(verify.status == 2)
        #expect(verify.stdout.hasPrefix("ERROR"))
    }

    @Test func theSummaryCountsSkippedLines() throws {
        let path = try Self.temporary(
            "noise.txt", "header line\n\n" + (try CLI.fixture("seed/seed.analyzer.txt")) + "\n")
        let run = try CLI.run(["decode", path])
        #expect(run.stderr.hasSuffix("tlpcheck: read 1 record: 1 decoded, 0 errors; 3 other lines skipped (2 blank)\n"))
    }

    // MARK: mode honesty

    @Test func jsonLinesSayWhenTheModeWasAssumed() throws {
        let run = try CLI.run(["decode", "--output", "jsonl", "Fixtures/pcap/flit-125-us.pcap"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { $0.contains(#""mode_assumed":true"#) })
        #expect(run.stderr.contains("non-flit mode assumed"))
        #expect(run.stderr.contains("decode cleanly in flit mode: add --mode flit"), "\(run.stderr)")
        let given = try CLI.run(["decode", "--output", "jsonl", "--mode", "flit", "Fixtures/pcap/flit-125-us.pcap"])
        #expect(!given.stdout.contains("mode_assumed"))
        #expect(!given.stderr.contains("note"))
        let csv = try CLI.run(["decode", "--output", "csv", "Fixtures/pcap/flit-125-us.pcap"])
        #expect(csv.stderr.contains("non-flit mode assumed"))
    }

    @Test func hexSuggestsTheModeThatDecodesCleanly() throws {
        let run = try CLI.run(["hex", "03000001", "0400002a", "fed00000"])
        #expect(run.stderr.contains("hint: these words decode cleanly with --mode flit"), "\(run.stderr)")
        let fixed = try CLI.run(["hex", "--mode", "flit", "03000001", "0400002a", "fed00000"])
        #expect(!fixed.stderr.contains("hint"))
        #expect(fixed.stdout.contains("MRd32"))
    }

    // MARK: outputs

    /// Runs tlpcheck with standard output on `/dev/full`.
    static func runToFullDevice(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = CLI.binary
        process.currentDirectoryURL = CLI.root
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let err = Pipe()
        process.standardError = err
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: [
        ["decode", seed], ["decode", "--output", "jsonl", seed], ["convert", seed, "-o", "-"],
        ["stats", seed], ["verify", seed, "--tuples", tuples], ["hex", "04000001", "00200a03", "05010000"],
    ])
    func aFullDeviceIsAnError(_ arguments: [String]) throws {
        let run = try Self.runToFullDevice(arguments)
        #expect(run.status == 2, "\(arguments)")
        #expect(run.stderr.contains("standard output: write error: No space left on device"), "\(run.stderr)")
    }

    @Test func convertToAFullDeviceIsAnError() throws {
        let run = try CLI.run(["convert", Self.seed, "-o", "/dev/full"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("/dev/full: write error: No space left on device"))
    }

    @Test func aReaderThatLeavesStopsTheRunQuietly() throws {
        let big = FileManager.default.temporaryDirectory.appendingPathComponent("tlpcheck-\(UUID().uuidString).pcap")
            .path
        defer { try? FileManager.default.removeItem(atPath: big) }
        #expect(try CLI.run(["synth", "-o", big, "--count", "200000"]).status == 0)
        let bin = CLI.binary.path
        let output = try Self.shell("'\(bin)' decode --mode flit '\(big)' | head -2; echo \"status=${PIPESTATUS[0]}\"")
        #expect(output.stdout.contains("status=141"), "\(output.stdout)")
        #expect(output.stdout.split(separator: "\n").count == 3)
        #expect(!output.stderr.contains("read 200000"), "decoding went on after the reader left: \(output.stderr)")
        #expect(!output.stderr.contains("error"))
    }

    static func shell(_ script: String) throws -> CLI.Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errors = CLI.Box()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errors.data = err.fileHandleForReading.readDataToEndOfFile() }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CLI.Run(
            status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self),
            stderr: String(decoding: errors.data, as: UTF8.self))
    }

    // MARK: convert keeps what exists

    @Test func aMistypedInputLeavesAnExistingOutputAlone() throws {
        let output = try Self.temporary("kept.pcap", "precious")
        let run = try CLI.run(["convert", "nosuch.txt", "-o", output])
        #expect(run.status == 2)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "precious")
    }

    @Test func anOutputThatIsTheInputIsRefused() throws {
        let pcap = FileManager.default.temporaryDirectory.appendingPathComponent("tlpcheck-\(UUID().uuidString).pcap")
            .path
        defer { try? FileManager.default.removeItem(atPath: pcap) }
        #expect(try CLI.run(["convert", Self.seed, "-o", pcap]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: pcap))
        let run = try CLI.run(["convert", pcap, "-o", pcap])
        #expect(run.status == 2)
        #expect(run.stderr.contains("is also an input"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: pcap)) == before)
        // The same file under another name.
        let link = pcap + ".link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: pcap)
        defer { try? FileManager.default.removeItem(atPath: link) }
        #expect(try CLI.run(["convert", link, "-o", pcap]).status == 2)
        #expect(try CLI.run(["verify", pcap, "--tuples", Self.tuples, "--report-file", pcap]).status == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: pcap)) == before)
    }

    // MARK: interrupts

    /// Starts tlpcheck with `input` on standard input, which stays open, then sends SIGINT.
    /// `--input` is given so that reading starts at once (recognising the format of a pipe waits
    /// for 64 KiB or its end).
    static func interrupt(_ arguments: [String], input: String) throws -> CLI.Run {
        _ = CLI.ignoreBrokenPipes
        let process = Process()
        process.executableURL = CLI.binary
        process.currentDirectoryURL = CLI.root
        process.arguments = arguments
        let stdin = Pipe()
        let out = Pipe()
        let err = Pipe()
        process.standardInput = stdin
        process.standardOutput = out
        process.standardError = err
        try process.run()
        try stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
        let outData = CLI.Box()
        let errData = CLI.Box()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { outData.data = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData.data = err.fileHandleForReading.readDataToEndOfFile() }
        Thread.sleep(forTimeInterval: 1)
        process.interrupt()
        group.wait()
        process.waitUntilExit()
        try? stdin.fileHandleForWriting.close()
        return CLI.Run(
            status: process.terminationStatus, stdout: String(decoding: outData.data, as: UTF8.self),
            stderr: String(decoding: errData.data, as: UTF8.self))
    }

    static let threeTLPs =
        "# mode: flit\n" + String(repeating: "60020008 040000f0 000020e0 06000800 0000f090\n", count: 3)

    @Test func anInterruptedDecodeFlushesAndSaysSo() throws {
        let run = try Self.interrupt(["decode", "--input", "hex", "--output", "jsonl", "-"], input: Self.threeTLPs)
        #expect(run.status == 130)
        #expect(run.stderr.contains("tlpcheck: interrupted after 3 records"), "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").count == 3)
    }

    @Test func anInterruptedVerifyWritesNoVerdict() throws {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("tlpcheck-\(UUID().uuidString).xml")
            .path
        let run = try Self.interrupt(
            ["verify", "--input", "hex", "-", "--tuples", Self.tuples, "--report", "junit", "--report-file", report],
            input: Self.threeTLPs)
        #expect(run.status == 130)
        #expect(run.stdout.isEmpty, "\(run.stdout)")
        #expect(run.stderr.contains("interrupted after 3 records"))
        #expect(!FileManager.default.fileExists(atPath: report))
    }

    @Test func anInterruptedConvertLeavesNoFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tlpcheck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.pcap").path
        let run = try Self.interrupt(["convert", "--input", "hex", "-", "-o", output], input: Self.threeTLPs)
        #expect(run.status == 130)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    // MARK: streams

    @Test func aFIFOAndProcessSubstitutionReadLikeFiles() throws {
        let bin = CLI.binary.path
        let root = CLI.root.path
        for capture in ["flit-125-us.pcap", "flit-125-ns.pcapng"] {
            let path = "\(root)/Fixtures/pcap/\(capture)"
            let substituted = try Self.shell("'\(bin)' decode --mode flit --output jsonl <(cat '\(path)')")
            #expect(substituted.status == 0, "\(capture): \(substituted.stderr)")
            #expect(substituted.stdout.split(separator: "\n").count == 4, "\(capture)")
            let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("tlpcheck-\(UUID().uuidString)")
                .path
            defer { try? FileManager.default.removeItem(atPath: fifo) }
            let viaFIFO = try Self.shell(
                "mkfifo '\(fifo)' && (cat '\(path)' > '\(fifo)' &) && timeout 20 '\(bin)' decode --mode flit --output jsonl '\(fifo)'"
            )
            #expect(viaFIFO.status == 0, "\(capture): \(viaFIFO.stderr)")
            #expect(viaFIFO.stdout.split(separator: "\n").count == 4, "\(capture)")
        }
    }

    // MARK: argument lists

    @Test func manyHexWordsAreLinearAndTooManyAreRefused() throws {
        let many = ["40000400", "00000000", "00001000"] + Array(repeating: "00000000", count: 1024)
        let run = try CLI.run(["hex", "--output", "jsonl"] + many)
        #expect(run.status == 0, "\(run.stderr)")
        // Length 0 is 1024 DW: the whole payload is there, nothing truncated.
        #expect(run.stdout.contains(#""length":0,"#))
        #expect(run.stdout.contains(#""truncated":false"#))
        let tooMany = try CLI.run(["hex"] + Array(repeating: "00000000", count: 20_000))
        #expect(tooMany.status == 2)
        #expect(tooMany.stderr.contains("80000 bytes on one line: more than one TLP can hold (8192)"))
    }

    @Test func manyFileNamesAreAllRead() throws {
        let run = try CLI.run(["decode"] + Array(repeating: Self.seed, count: 2000))
        #expect(run.status == 0)
        #expect(run.stderr.hasSuffix("read 2000 records: 2000 decoded, 0 errors\n"))
    }

    // MARK: configuration files

    @Test func twentyThousandRulesAreIndexed() throws {
        var rules = "rules:\n"
        for index in 0..<20_000 {
            let base = 0x1000_0000_0000 + index * 0x10000
            rules +=
                "  - { name: r\(index), match: { address: { base: 0x\(String(base, radix: 16)), size: 0x1000 } }, expect: { ph: 3 } }\n"
        }
        // The last rule covers the seed's address and expects PH 3: it must fire.
        rules +=
            "  - { name: seed-rule, match: { address: { base: 0x20e006000000, size: 0x1000 } }, expect: { ph: 3 } }\n"
        let path = try Self.temporary("rules.yaml", rules)
        let run = try CLI.run(["verify", Self.seed, "--tuples", Self.tuples, "--rules", path, "--report", "json"])
        #expect(run.status == 1)
        let report = try Self.jsonObject(run.stdout)
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.map { $0["check"] as? String } == ["seed-rule"])
    }

    // MARK: JSON numbers

    @Test func jsonNumbersAreNumbers() throws {
        let stats = try Self.jsonObject(try CLI.run(["stats", "--output", "json", Self.seed]).stdout)
        let tph = try #require(stats["tph"] as? [String: Any])
        #expect(tph["coverage_percent"] as? Double == 100)
        let hv2 = try Self.temporary("hv2.hex", "# mode: flit\n60020008 040000f0 000020e0 06000800 0000f0a0\n")
        let verify = try Self.jsonObject(
            try CLI.run(["verify", hv2, "--tuples", Self.tuples, "--report", "json"]).stdout)
        let findings = try #require(verify["findings"] as? [[String: Any]])
        let reserved = try #require(findings.first { $0["check"] as? String == "reserved-hv" })
        #expect((reserved["expected"] as? [String: Any])?["hv"] as? [Int] == [1, 3])
    }
}

/// The long-argument-list splitter must know every option that takes a value, or it would take
/// that value for a positional word.
@Suite struct LongArgumentListTests {
    @Test func everyOptionWithAValueIsKnown() throws {
        let dump = try CLI.run(["--experimental-dump-help"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        let command = try #require(root["command"] as? [String: Any])
        var options: Set<String> = []
        for sub in command["subcommands"] as? [[String: Any]] ?? [] {
            for argument in sub["arguments"] as? [[String: Any]] ?? [] where argument["kind"] as? String == "option" {
                for name in argument["names"] as? [[String: Any]] ?? [] {
                    guard let text = name["name"] as? String else { continue }
                    options.insert((name["kind"] as? String == "short" ? "-" : "--") + text)
                }
            }
        }
        #expect(options.count >= 10)
        let known = try String(
            contentsOf: CLI.root.appendingPathComponent("Sources/tlpcheck/LongArgumentList.swift"), encoding: .utf8)
        for option in options { #expect(known.contains("\"\(option)\""), "\(option) is not in optionsWithValues") }
    }

    @Test func optionsAmongManyWordsStillApply() throws {
        let words = ["03000001", "0400002a", "fed00000"] + Array(repeating: "00000000", count: 300)
        let run = try CLI.run(["hex", "--mode", "flit", "--output", "jsonl"] + words)
        #expect(run.stdout.contains(#""type":"MRd32""#), "\(run.stderr)")
        #expect(run.stdout.contains(#""mode":"flit""#))
    }
}

/// `hex`, `decode` and `verify` decide mode and word order in one place, so they agree on the
/// same input whichever way it arrives.
@Suite struct ModeAgreementTests {
    static let inputs: [String] = [
        "# mode: flit\n60020008 040000f0 000020e0 06000800 0000f090\n",
        "mlx5_core 0000:04:00.0: AER:   TLP Header (Flit): 0x60020008 0x040000f0 0x000020e0 0x06000800 0x0000f090\n",
        "pcieport 0000:00:1c.0: AER:   TLP Header: 04000001 00200a03 05010000 00050100\n",
        "60020008 040000f0 000020e0 06000800 0000f090\n",
    ]

    static func essentials(_ jsonl: String) -> [[String: String]] {
        jsonl.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                return nil
            }
            var out: [String: String] = [:]
            for key in ["mode", "mode_assumed", "type", "st", "ph", "bytes", "truncated"] {
                if let value = object[key] { out[key] = "\(value)" }
            }
            return out
        }
    }

    @Test(arguments: inputs)
    func hexDecodeAndVerifyAgree(_ input: String) throws {
        let path = try HonestVerdictTests.temporary("agree.txt", input)
        let decoded = Self.essentials(try CLI.run(["decode", "--output", "jsonl", path]).stdout)
        let fromStandardInput = Self.essentials(try CLI.run(["hex", "--output", "jsonl"], stdin: input).stdout)
        let lastLine = input.split(separator: "\n").last.map(String.init) ?? ""
        let fromArguments = Self.essentials(try CLI.run(["hex", "--output", "jsonl", lastLine]).stdout)
        #expect(decoded.count == 1)
        #expect(decoded == fromStandardInput)
        if !input.hasPrefix("#") { #expect(decoded == fromArguments) }
        let verify = try CLI.run(["verify", path, "--tuples", "Fixtures/seed/tuples.yaml", "--allow-no-match"])
        let assumed = decoded.first?["mode_assumed"] != nil
        #expect(verify.stderr.contains("decoded in non-flit mode, assumed") == assumed, "\(verify.stderr)")
    }
}
