/// Long lists of positional arguments (thousands of hex words or file names) kept away from
/// swift-argument-parser, whose parsing time grows with the square of the argument count
/// (20,000 words took 23 s). The positional words are taken out before parsing and handed to
/// the command afterwards; options and their values still go through the parser, so help,
/// validation and messages stay the parser's. Short lists go through the parser unchanged.
enum LongArgumentList {
    /// Lists longer than this are taken out of the parser's way.
    static let threshold = 256

    /// Options that take a value in the next argument, on any subcommand (a test checks the list
    /// against the parser's own description of every command).
    static let optionsWithValues: Set<String> = [
        "--mode", "--word-order", "--input", "--skip-bytes", "--output", "--tuples", "--rules", "--report",
        "--report-file", "-o", "--to", "--linktype", "--count", "--mismatch-rate", "--payload", "--seed", "--bars",
        "--completion-timeout", "--filter", "-c", "--format", "-T", "--fields", "--output-file", "--color",
        "--source-name", "--source", "--ids",
    ]

    /// The positional arguments taken out, in order; empty when the list went to the parser.
    nonisolated(unsafe) private(set) static var positional: [String] = []

    /// `arguments` (without the program name) with the positional words taken out when there are
    /// many of them.
    static func arguments(_ arguments: ArraySlice<String>) -> [String] {
        guard arguments.count > threshold, let command = arguments.first, !command.hasPrefix("-") else {
            return Array(arguments)
        }
        var kept = [command]
        var words: [String] = []
        var index = arguments.index(after: arguments.startIndex)
        var afterTerminator = false
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            if afterTerminator || argument == "-" || !argument.hasPrefix("-") {
                words.append(argument)
            } else if argument == "--" {
                afterTerminator = true
            } else {
                kept.append(argument)
                if optionsWithValues.contains(argument), index < arguments.endIndex {
                    kept.append(arguments[index])
                    index += 1
                }
            }
        }
        guard words.count > threshold else { return Array(arguments) }
        positional = words
        return kept
    }

    /// The command's positional arguments: what the parser gave, or the list taken out.
    static func merged(_ parsed: [String]) -> [String] { positional.isEmpty ? parsed : parsed + positional }
}
