import Foundation
import TPHVerify
import Testing

@testable import tlpcheck

/// The decisions behind the progress meter and colour, without a terminal: the terminal, the
/// environment and the clock are given.
@Suite struct ProgressMeterUnitTests {
    @Test func showsOnlyAtATerminalUnlessQuietForLargeOrUnknownInputs() {
        #expect(ProgressMeter.shows(total: nil, quiet: false, terminal: true))
        #expect(ProgressMeter.shows(total: 65 << 20, quiet: false, terminal: true))
        #expect(!ProgressMeter.shows(total: 64 << 20, quiet: false, terminal: true))
        #expect(!ProgressMeter.shows(total: nil, quiet: true, terminal: true))
        #expect(!ProgressMeter.shows(total: nil, quiet: false, terminal: false))
    }

    @Test func lineFormat() {
        #expect(ProgressMeter.line(percent: 42, records: 1234, rate: 5678.9) == "42%  1234 records  5678 records/s")
        #expect(ProgressMeter.line(percent: nil, records: 1234, rate: 10) == "1234 records  10 records/s")
        #expect(ProgressMeter.line(percent: nil, records: 1, rate: 1) == "1 record  1 records/s")
    }

    @Test func firstLineAfterASecondThenFourTimesASecond() {
        var meter = ProgressMeter(total: nil, quiet: false, terminal: true, started: 100)
        #expect(meter.line(records: 4096, done: 0, total: nil, at: 100.5) == nil)
        #expect(meter.line(records: 8192, done: 0, total: nil, at: 101) == "8192 records  8192 records/s")
        #expect(meter.line(records: 9000, done: 0, total: nil, at: 101.1) == nil)
        #expect(meter.line(records: 10000, done: 0, total: nil, at: 101.25) == "10000 records  8000 records/s")
        var synth = ProgressMeter.writing(quiet: false, terminal: true, started: 0)
        #expect(synth.line(records: 500, done: 500, total: 2000, at: 2) == "25%  500 records  250 records/s")
        var quiet = ProgressMeter.writing(quiet: true, terminal: true, started: 0)
        #expect(quiet.line(records: 500, done: 500, total: 2000, at: 2) == nil)
        var piped = ProgressMeter.writing(quiet: false, terminal: false, started: 0)
        #expect(piped.line(records: 500, done: 500, total: 2000, at: 2) == nil)
        var file = ProgressMeter(total: 100 << 20, quiet: false, terminal: true, started: 0)
        #expect(file.line(records: 1, done: 50 << 20, total: 100 << 20, at: 1) == "50%  1 record  1 records/s")
    }
}

/// `--color` and `NO_COLOR` (no-color.org: honoured only when set and not empty), decided
/// with the terminal and the environment given.
@Suite struct ColourDecisionUnitTests {
    static func colour(_ choice: ColorChoice, terminal: Bool, _ environment: [String: String] = ["TERM": "xterm"])
        -> Bool
    {
        Terminal.colour(choice, isTerminal: terminal, environment: environment)
    }

    @Test func autoAtATerminal() {
        #expect(Self.colour(.auto, terminal: true))
        #expect(Self.colour(.auto, terminal: true, ["TERM": "xterm", "NO_COLOR": ""]))
        #expect(!Self.colour(.auto, terminal: true, ["TERM": "xterm", "NO_COLOR": "1"]))
        #expect(!Self.colour(.auto, terminal: true, ["TERM": "xterm", "NO_COLOR": "0"]))
        #expect(!Self.colour(.auto, terminal: true, ["TERM": "dumb"]))
        #expect(Self.colour(.auto, terminal: true, [:]))
    }

    @Test func notATerminal() {
        #expect(!Self.colour(.auto, terminal: false))
        #expect(!Self.colour(.auto, terminal: false, ["TERM": "xterm", "NO_COLOR": ""]))
    }

    @Test func alwaysAndNeverOverrideTheEnvironment() {
        #expect(Self.colour(.always, terminal: true, ["TERM": "xterm", "NO_COLOR": "1"]))
        #expect(Self.colour(.always, terminal: false, ["TERM": "dumb", "NO_COLOR": "1"]))
        #expect(!Self.colour(.never, terminal: true))
        #expect(!Self.colour(.never, terminal: true, ["TERM": "xterm", "NO_COLOR": ""]))
    }

    @Test func verdictColours() {
        #expect(Terminal.verdict("PASS: 1 TLP", colour: true) == "\u{1B}[32mPASS\u{1B}[0m: 1 TLP")
        #expect(Terminal.verdict("FAIL: x", colour: true) == "\u{1B}[1;31mFAIL\u{1B}[0m: x")
        #expect(Terminal.verdict("ERROR: x", colour: true) == "\u{1B}[1;31mERROR\u{1B}[0m: x")
        #expect(Terminal.verdict("PASS: 1 TLP", colour: false) == "PASS: 1 TLP")
    }
}

/// A tuple file read as bytes (the verify path) reads as Foundation reads it as text: the same
/// bytes, a byte-order mark dropped, and the same refusals.
@Suite struct TupleFileBytesTests {
    static func readBoth(_ path: String) -> (bytes: Result<[UInt8], ConfigError>, text: Result<[UInt8], ConfigError>) {
        let bytes: Result<[UInt8], ConfigError>
        do throws(ConfigError) { bytes = .success(try TLPCheck.Verify.readUTF8(path)) } catch {
            bytes = .failure(error)
        }
        let text: Result<[UInt8], ConfigError>
        do throws(ConfigError) { text = .success(Array(try TLPCheck.Verify.read(path).utf8)) } catch {
            text = .failure(error)
        }
        return (bytes, text)
    }

    @Test func bytesReadAsTheText() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tuple-bytes-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cases: [String: [UInt8]] = [
            "plain": Array("tuples:\n  - {name: a, ph: 0, ranges: [{base: 0, size: 1}]}\n".utf8),
            "bom": [0xEF, 0xBB, 0xBF] + Array("tuples: []\n".utf8),
            "bom-only": [0xEF, 0xBB, 0xBF],
            "utf8": Array("# é 中文\ntuples: []\n".utf8),
            "invalid": Array("tuples: [".utf8) + [0xFF, 0xFE] + Array("]\n".utf8),
            "utf16": [0xFF, 0xFE, 0x74, 0x00],
            "empty": [],
            "long": Array(repeating: UInt8(ascii: "#"), count: 200_000) + [0x0A],
        ]
        for (name, content) in cases {
            let path = directory.appendingPathComponent(name).path
            #expect(FileManager.default.createFile(atPath: path, contents: Data(content)))
            let (bytes, text) = Self.readBoth(path)
            #expect(bytes == text, "\(name)")
        }
        for path in [directory.path, directory.appendingPathComponent("missing").path] {
            let (bytes, text) = Self.readBoth(path)
            #expect(bytes == text, "\(path)")
            guard case .failure = bytes else {
                Issue.record("\(path) read")
                continue
            }
        }
    }
}
