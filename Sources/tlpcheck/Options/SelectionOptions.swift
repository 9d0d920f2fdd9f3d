import ArgumentParser
import PCIeTLP
import TLPCapture

/// `--filter EXPR` and `-c/--count N`: which records a command looks at (Docs/filters.md).
struct SelectionOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Only records the expression accepts, e.g. 'type == MWr64 && requester == 04:00.0' (Docs/filters.md).",
            valueName: "expr"))
    var filter: String?

    @Option(
        name: [.customShort("c"), .customLong("count")],
        help: ArgumentHelp("Stop after N records (after the filter); reading stops too.", valueName: "n"))
    var count: Int?

    @Flag(name: .shortAndLong, help: "No summary, notes or progress on standard error: only errors and the verdict.")
    var quiet = false

    @Option(
        help: ArgumentHelp(
            "Colour the verdict: auto (a terminal, unless NO_COLOR is set and not empty), always, or never.",
            valueName: "when"))
    var color: ColorChoice = .auto

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
    }

    /// The compiled filter, or nil without `--filter`; a filter that does not parse is reported
    /// with its column and a caret, and exits 2.
    func compiled() throws -> TLPFilter? {
        guard let filter else { return nil }
        do throws(FilterError) {
            return try TLPFilter(filter)
        } catch {
            Output.standardError("tlpcheck: --filter: " + error.explain(filter) + "\n")
            throw ExitCode(2)
        }
    }

    /// Applies the selection to `run`.
    func apply(to run: inout CaptureRun) throws {
        run.filter = try compiled()
        run.limit = count
        run.quiet = quiet
        Terminal.choice = color
    }
}

extension ColorChoice: ExpressibleByArgument {}
