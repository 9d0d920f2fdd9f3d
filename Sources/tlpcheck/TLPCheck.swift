import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

@main
struct TLPCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tlpcheck",
        abstract: "Decode PCIe TLP captures and verify their TLP Processing Hints.",
        discussion: """
            Exit codes: 0 success; 1 a record could not be decoded (or, for verify, a check \
            failed); 2 usage error or unusable input.
            """,
        version: "0.1.0",
        subcommands: [Decode.self, Hex.self, Verify.self, Convert.self, Synth.self, Stats.self]
    )

    /// Parses and runs the command. Exit codes follow the contract: a command's own
    /// `ExitCode`, 0 for help and version, and 2 for every usage error (where ArgumentParser
    /// would use 64) or other failure to run.
    static func main() {
        // A closed pipe (`tlpcheck decode | head`, or libpcap closing the pipe it reads standard
        // input through) must end in an error or a normal exit, never in a signal.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Output.flush()
            exit(withError: code)
        } catch {
            Output.flush()
            if exitCode(for: error) == .success { exit(withError: error) }
            Output.standardError(fullMessage(for: error) + "\n")
            exit(withError: ExitStatus.unusableInput)
        }
    }
}

/// The contract's exit codes (design §4).
enum ExitStatus {
    /// verify found a violation, or decode met a malformed record.
    static let failure = ExitCode(1)
    /// Usage error or unusable input.
    static let unusableInput = ExitCode(2)
}
