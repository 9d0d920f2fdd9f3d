import Foundation
import Testing

/// Completions and the man page are regenerated from the parser; the Wireshark dissector shows
/// what tlpcheck decodes.
@Suite struct DocsAndToolsTests {
    @Test(arguments: [("bash", "tlpcheck.bash"), ("zsh", "_tlpcheck"), ("fish", "tlpcheck.fish")])
    func committedCompletionsMatchTheParser(_ shell: String, _ file: String) throws {
        let run = try CLI.run(["--generate-completion-script", shell])
        #expect(run.status == 0)
        let committed = try CLI.fixture("../Docs/completions/\(file)")
        #expect(run.stdout == committed, "run: bash Scripts/generate-docs.sh")
        for command in ["decode", "hex", "verify", "convert", "synth", "stats"] {
            #expect(committed.contains(command))
        }
    }

    @Test func manPageCoversEverySubcommand() throws {
        let page = try CLI.fixture("../Docs/man/tlpcheck.1")
        for command in ["decode", "hex", "verify", "convert", "synth", "stats"] {
            #expect(page.contains(".It Em \(command)"), "\(command) missing: run bash Scripts/generate-docs.sh")
        }
    }

    @Test func everySubcommandHelpHasAnExampleAndDefaults() throws {
        for command in ["decode", "hex", "verify", "convert", "synth", "stats"] {
            let run = try CLI.run([command, "--help"])
            #expect(run.status == 0)
            #expect(run.stdout.contains("OVERVIEW:"), "\(command)")
            #expect(run.stdout.contains("tlpcheck \(command) "), "\(command) has no worked example")
            #expect(run.stdout.contains("(default: ") || run.stdout.contains("default: "), "\(command)")
        }
    }

    static let tshark = ["/usr/bin/tshark", "/usr/local/bin/tshark"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// tshark's detailed view of `capture` with the dissector and `options`.
    static func tsharkView(_ capture: String, _ options: [String] = []) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(tshark))
        process.currentDirectoryURL = CLI.root
        process.arguments = ["-X", "lua_script:Tools/wireshark/tlpcheck.lua"] + options + ["-r", capture, "-V"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }

    /// convert's default output (pcapng, USER0, the mode in the interface block) opens in stock
    /// tshark with the dissector and no options.
    @Test(.enabled(if: tshark != nil, "tshark is not installed (Debian package tshark)"))
    func wiresharkOpensConvertsDefaultOutputWithNoOptions() throws {
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("tlpcheck-\(UUID()).pcapng").path
        defer { try? FileManager.default.removeItem(atPath: capture) }
        #expect(try CLI.run(["convert", "Fixtures/seed/seed.analyzer.txt", "-o", capture]).status == 0)
        let text = try Self.tsharkView(capture)
        #expect(text.contains("PCI Express TLP (flit mode)"))
        #expect(text.contains("Type: MWr64 (0x60)"))
        #expect(text.contains("Requester ID: 04:00.0"))
        #expect(text.contains("Address: 0x000020e006000800"))
        #expect(text.contains("Steering Tag: 0x00f0"))
        #expect(text.contains("Processing Hint: target (2)"))
        #expect(text.contains("Hints Valid (HV): 8-bit ST valid (1)"))
        #expect(text.contains("Fixtures/seed/seed.analyzer.txt:1"))
    }

    /// Classic pcap has no interface block: the mode comes from the preference.
    @Test(.enabled(if: tshark != nil, "tshark is not installed (Debian package tshark)"))
    func wiresharkReadsAClassicPcapInTheModeOfThePreference() throws {
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("tlpcheck-\(UUID()).pcap").path
        defer { try? FileManager.default.removeItem(atPath: capture) }
        #expect(try CLI.run(["convert", "Fixtures/seed/seed.analyzer.txt", "-o", capture]).status == 0)
        #expect(try Self.tsharkView(capture).contains("PCI Express TLP (non-flit mode assumed)"))
        let text = try Self.tsharkView(capture, ["-o", "tlp.mode:flit"])
        #expect(text.contains("Steering Tag: 0x00f0"))
    }
}

/// Colour only at a terminal, and never with NO_COLOR.
@Suite struct ColourTests {
    static let hasScript = FileManager.default.isExecutableFile(atPath: "/usr/bin/script")

    static func underTerminal(_ environment: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.currentDirectoryURL = CLI.root
        process.arguments = [
            "-qc",
            "env -u NO_COLOR \(environment) \(CLI.binary.path) verify Fixtures/seed/seed.analyzer.txt --tuples Fixtures/seed/tuples.yaml",
            "/dev/null",
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = Pipe()
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }

    @Test(.enabled(if: hasScript, "script(1) is not installed (Debian package bsdutils)"))
    func verdictIsColouredAtATerminalOnly() throws {
        let coloured = try Self.underTerminal("TERM=xterm")
        #expect(coloured.contains("\u{1B}[32mPASS\u{1B}[0m"))
        let plain = try Self.underTerminal("TERM=xterm NO_COLOR=1")
        #expect(!plain.contains("\u{1B}["))
        #expect(plain.contains("PASS:"))
        let piped = try CLI.run(["verify", "Fixtures/seed/seed.analyzer.txt", "--tuples", "Fixtures/seed/tuples.yaml"])
        #expect(!piped.stdout.contains("\u{1B}["))
    }
}
