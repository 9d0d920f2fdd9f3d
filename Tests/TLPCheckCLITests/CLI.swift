import Foundation

/// Runs the built `tlpcheck` binary, as a user would.
enum CLI {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary sits next to the test bundle in the build folder.
    static let binary: URL = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = exe.deletingLastPathComponent()
        for _ in 0..<3 where !FileManager.default.fileExists(atPath: folder.appendingPathComponent("tlpcheck").path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("tlpcheck")
    }()

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The repository root: goldens name their inputs relative to it.
    static let root = fixtures.deletingLastPathComponent()

    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String?] = [:]) throws -> Run {
        try run(arguments, stdinData: stdin.map { Data($0.utf8) }, environment: environment)
    }

    /// A child that stops reading standard input early must not kill the tests with SIGPIPE.
    static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// `environment` sets (a value) or unsets (nil) variables of the test's own environment.
    static func run(_ arguments: [String], stdinData: Data?, environment: [String: String?] = [:]) throws -> Run {
        _ = ignoreBrokenPipes
        let process = Process()
        process.executableURL = binary
        process.currentDirectoryURL = root
        process.arguments = arguments
        if !environment.isEmpty {
            var variables = ProcessInfo.processInfo.environment
            for (name, value) in environment { variables[name] = value }
            process.environment = variables
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        // Standard input is fed from another thread, so a child that fills its output pipes
        // before reading all of it cannot deadlock the test.
        let writer = input.fileHandleForWriting
        let feeding = DispatchGroup()
        DispatchQueue.global().async(group: feeding) {
            if let stdinData { try? writer.write(contentsOf: stdinData) }
            try? writer.close()
        }
        let stderrData = Box()
        DispatchQueue.global().async(group: feeding) {
            stderrData.data = err.fileHandleForReading.readDataToEndOfFile()
        }
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        feeding.wait()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData.data, as: UTF8.self))
    }

    /// script(1) runs a command under a pseudo-terminal (Debian package bsdutils).
    static let hasScript = FileManager.default.isExecutableFile(atPath: "/usr/bin/script")

    /// Runs a `sh` command line from the repository root, with `tlpcheck` standing for the built
    /// binary. At a terminal (`terminal: true`, through script(1)) standard output and standard
    /// error are the terminal, and what it showed is returned as `stdout`; else both are pipes.
    static func shell(_ command: String, terminal: Bool, in directory: URL = root) throws -> Run {
        _ = ignoreBrokenPipes
        let line = command.replacing("tlpcheck ", with: binary.path + " ")
        let process = Process()
        process.currentDirectoryURL = directory
        if terminal {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", line, "/dev/null"]
        } else {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", line]
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = Pipe()
        try process.run()
        let stderrData = Box()
        let reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) {
            stderrData.data = err.fileHandleForReading.readDataToEndOfFile()
        }
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        reading.wait()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData.data, as: UTF8.self))
    }

    final class Box: @unchecked Sendable {
        var data = Data()
    }

    static func fixture(_ path: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(path), encoding: .utf8)
    }
}
