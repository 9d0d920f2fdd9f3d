#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Colour for people at a terminal, never for pipes, files or `NO_COLOR` (no-color.org).
enum Terminal {
    static let colour: Bool =
        isatty(1) == 1 && getenv("NO_COLOR") == nil && (getenv("TERM").map { String(cString: $0) } ?? "") != "dumb"

    /// `text` with its leading verdict (`PASS` / `FAIL` / `ERROR`) in green or red when colour is on.
    static func verdict(_ text: String) -> String {
        guard colour else { return text }
        if text.hasPrefix("PASS") { return "\u{1B}[32mPASS\u{1B}[0m" + text.dropFirst(4) }
        if text.hasPrefix("FAIL") { return "\u{1B}[1;31mFAIL\u{1B}[0m" + text.dropFirst(4) }
        if text.hasPrefix("ERROR") { return "\u{1B}[1;31mERROR\u{1B}[0m" + text.dropFirst(5) }
        return text
    }
}
