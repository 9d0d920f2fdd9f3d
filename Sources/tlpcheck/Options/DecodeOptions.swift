import ArgumentParser
import PCIeTLP

/// `--mode flit|non-flit|auto`
enum ModeOption: String, ExpressibleByArgument, CaseIterable {
    case flit
    case nonFlit = "non-flit"
    case auto
}

/// `--word-order auto|wire|swapped`
enum WordOrderOption: String, ExpressibleByArgument, CaseIterable {
    case auto, wire, swapped
}

/// Options shared by every command that decodes TLPs (design §2).
struct DecodeOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Link mode: flit, non-flit, or auto (from the source when it says; otherwise non-flit, and the output says so).",
            valueName: "mode"))
    var mode: ModeOption = .auto

    @Option(
        name: .customLong("word-order"),
        help: ArgumentHelp(
            "How 8-digit words map to wire bytes: wire (spec, AER, lspci), swapped (each word a little-endian integer), or auto (wire for bare hex).",
            valueName: "order"))
    var wordOrder: WordOrderOption = .auto

    /// The mode given on the command line; nil for `auto`, which leaves the choice to the
    /// input and ``RecordDecoder/mode(for:)``, the one place that decides it.
    var givenMode: LinkMode? {
        switch mode {
        case .flit: .flit
        case .nonFlit: .nonFlit
        case .auto: nil
        }
    }

    /// The word order given on the command line; nil for `auto` (readers decide).
    var givenWordOrder: WordOrder? {
        switch wordOrder {
        case .auto: nil
        case .wire: .wire
        case .swapped: .swapped
        }
    }
}
