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

    @Option(
        name: .customLong("source"),
        help: ArgumentHelp(
            "How records name their input in 'source': path (as given) or basename (the file name alone, for stable golden diffs).",
            valueName: "form"))
    var sourceForm: SourceForm = .path

    @Option(
        name: .customLong("source-name"),
        help: ArgumentHelp("The name records give their input in 'source' (for every input).", valueName: "name"))
    var sourceName: String?

    /// `--source path|basename`
    enum SourceForm: String, ExpressibleByArgument, CaseIterable {
        case path, basename
    }

    /// The path records carry for the input `path`.
    func sourcePath(_ path: String) -> String {
        if let sourceName { return sourceName }
        switch sourceForm {
        case .path: return path
        case .basename: return path.split(separator: "/").last.map(String.init) ?? path
        }
    }

    /// True when records carry another name than the path as given.
    var renamesSources: Bool { sourceName != nil || sourceForm != .path }

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
