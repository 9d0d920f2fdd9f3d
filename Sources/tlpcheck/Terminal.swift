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

    static var colour: Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto:
            let noColor = getenv("NO_COLOR").map { String(cString: $0) } ?? ""
            return isatty(1) == 1 && noColor.isEmpty && (getenv("TERM").map { String(cString: $0) } ?? "") != "dumb"
        }
    }

    /// `text` with its leading verdict (`PASS` / `FAIL` / `ERROR`) in green or red when colour is on.
    static func verdict(_ text: String) -> String {
        guard colour else { return text }
        if text.hasPrefix("PASS") { return "\u{1B}[32mPASS\u{1B}[0m" + text.dropFirst(4) }
        if text.hasPrefix("FAIL") { return "\u{1B}[1;31mFAIL\u{1B}[0m" + text.dropFirst(4) }
        if text.hasPrefix("ERROR") { return "\u{1B}[1;31mERROR\u{1B}[0m" + text.dropFirst(5) }
        return text
    }
}
