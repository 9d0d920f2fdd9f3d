#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// `--color auto|always|never`
enum ColorChoice: String, CaseIterable, Sendable {
    case auto, always, never
}

/// Colour for people at a terminal: with `--color auto` (the default), only when standard
/// output is a terminal, `TERM` is not `dumb` and `NO_COLOR` is unset or empty (no-color.org).
enum Terminal {
    nonisolated(unsafe) static var choice = ColorChoice.auto

    /// The variables the decision reads.
    static let variables = ["NO_COLOR", "TERM"]

    /// Whether to colour, for a `choice`, whether standard output `isTerminal`, and the
    /// `environment` (``variables``; a missing name is unset): `always` and `never` decide alone.
    static func colour(_ choice: ColorChoice, isTerminal: Bool, environment: [String: String]) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            return isTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        }
    }

    /// The decision for this run: the `--color` given, standard output and the environment.
    static var colour: Bool {
        var environment: [String: String] = [:]
        for name in variables { environment[name] = getenv(name).map { String(cString: $0) } }
        return colour(choice, isTerminal: isatty(1) == 1, environment: environment)
    }

    /// `text` with its leading verdict (`PASS` / `FAIL` / `ERROR`) in green or red when colour is on.
    static func verdict(_ text: String) -> String { verdict(text, colour: colour) }

    static func verdict(_ text: String, colour: Bool) -> String {
        guard colour else { return text }
        if text.hasPrefix("PASS") { return "\u{1B}[32mPASS\u{1B}[0m" + text.dropFirst(4) }
        if text.hasPrefix("FAIL") { return "\u{1B}[1;31mFAIL\u{1B}[0m" + text.dropFirst(4) }
        if text.hasPrefix("ERROR") { return "\u{1B}[1;31mERROR\u{1B}[0m" + text.dropFirst(5) }
        return text
    }
}
