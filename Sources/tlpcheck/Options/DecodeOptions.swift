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

    /// The link mode to decode with, and whether it was assumed rather than given.
    var linkMode: (mode: LinkMode, assumed: Bool) {
        switch mode {
        case .flit: (.flit, false)
        case .nonFlit: (.nonFlit, false)
        case .auto: (.nonFlit, true)
        }
    }
}
