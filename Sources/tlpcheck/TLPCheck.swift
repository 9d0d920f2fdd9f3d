import ArgumentParser
import TLPCapture

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

@main
struct TLPCheck: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "tlpcheck",
        abstract: "Decode PCIe TLP captures and verify their TLP Processing Hints.",
        discussion: """
            Exit codes: 0 success; 1 a record could not be decoded (or, for verify, a check \
            failed); 2 usage error or unusable input.
            """,
        version: "tlpcheck \(TLPCheck.version) (\(PcapReader.libraryVersion))",
        subcommands: [Decode.self, Hex.self, Verify.self, Convert.self, Synth.self, Stats.self]
    )

    /// Parses and runs the command. Exit codes follow the contract: a command's own
    /// `ExitCode`, 0 for help and version, and 2 for every usage error (where ArgumentParser
    /// would use 64) or other failure to run.
    static func main() {
        // A closed pipe (`tlpcheck decode | head`, or libpcap closing the pipe it reads standard
        // input through) must end in an error or a normal exit, never in a signal.
        signal(SIGPIPE, SIG_IGN)
        Interruption.install()
        do {
            var command = try parseAsRoot(LongArgumentList.arguments(CommandLine.arguments.dropFirst()))
            try command.run()
            Output.flush()
        } catch let code as ExitCode {
            Output.flush()
            TemporaryFiles.removeAll()
            exit(withError: code)
        } catch let stop as Interrupted {
            Output.flush()
            TemporaryFiles.removeAll()
            Output.standardError(
                "tlpcheck: interrupted after \(stop.records) \(stop.records == 1 ? "record" : "records")\n")
            Glibc.exit(ExitStatus.interrupted)
        } catch {
            Output.flush()
            TemporaryFiles.removeAll()
            if exitCode(for: error) == .success { exit(withError: error) }
            Output.standardError(fullMessage(for: error) + "\n")
            exit(withError: ExitStatus.unusableInput)
        }
    }
}

/// SIGINT or SIGTERM arrived: the run stopped after `records` records (design: exit 130).
struct Interrupted: Error {
    var records: Int

    /// Throws when an interrupt was requested; call between records.
    static func check(after records: Int) throws(Interrupted) {
        if Interruption.requested != 0 { throw Interrupted(records: records) }
    }
}

/// The contract's exit codes (design §4).
enum ExitStatus {
    /// verify found a violation, or decode met a malformed record.
    static let failure = ExitCode(1)
    /// Usage error, unusable input, or an output that cannot be written.
    static let unusableInput = ExitCode(2)
    /// Interrupted by SIGINT or SIGTERM (128 + SIGINT, as shells report it).
    static let interrupted: Int32 = 130
    /// Standard output's reader went away (`| head`): 128 + SIGPIPE, as shells report a
    /// program that a closed pipe stopped, without a message.
    static let brokenPipe: Int32 = 141
}
