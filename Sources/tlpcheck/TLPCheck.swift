import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
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
        subcommands: [Hex.self]
    )

    /// Parses and runs the command, mapping usage errors to exit code 2 (the contract), where
    /// ArgumentParser would use 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode {
                exit(withError: error)
            }
            if code == .validationFailure || code.rawValue == 64 || error is CleanExit == false {
                Output.standardError(fullMessage(for: error) + "\n")
                Glibc.exit(ExitStatus.unusableInput.rawValue)
            }
            exit(withError: error)
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
