import ArgumentParser
import PCIeTLP
import TLPCapture

/// `--input auto|analyzer|hex|aer|pcap`
enum InputOption: String, ExpressibleByArgument, CaseIterable {
    case auto, analyzer, hex, aer, pcap

    var format: InputFormat? { InputFormat(rawValue: rawValue) }
}

/// Options of every command that reads captures (design §2, §3).
struct InputOptions: ParsableArguments {
    @OptionGroup var decoding: DecodeOptions

    @Option(
        help: ArgumentHelp(
            "Input format: auto (pcap/pcapng by magic, logs by their markers, analyzer dumps by '->', else hex), analyzer, hex, aer, or pcap.",
            valueName: "format"))
    var input: InputOption = .auto

    @Option(
        name: .customLong("skip-bytes"),
        help: ArgumentHelp(
            "Bytes of private pseudo-header to drop from the front of each pcap packet (USER0..USER15 link types).",
            valueName: "n"))
    var skipBytes: Int = 0

    func validate() throws {
        guard (0...65535).contains(skipBytes) else { throw ValidationError("--skip-bytes must be between 0 and 65535") }
    }

    var readerOptions: ReaderOptions {
        ReaderOptions(
            format: input.format, wordOrder: decoding.givenWordOrder, skipBytes: skipBytes, mode: decoding.givenMode)
    }

    var recordDecoder: RecordDecoder { RecordDecoder(mode: decoding.givenMode) }
}

extension OutputFormat: ExpressibleByArgument {}

/// `synth --mode flit|non-flit`: a link mode, which synthetic traffic always has.
extension LinkMode: ExpressibleByArgument {}
