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

    static func run(_ arguments: [String], stdin: String? = nil) throws -> Run {
        try run(arguments, stdinData: stdin.map { Data($0.utf8) })
    }

    /// A child that stops reading standard input early must not kill the tests with SIGPIPE.
    static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    static func run(_ arguments: [String], stdinData: Data?) throws -> Run {
        _ = ignoreBrokenPipes
        let process = Process()
        process.executableURL = binary
        process.currentDirectoryURL = root
        process.arguments = arguments
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

    final class Box: @unchecked Sendable {
        var data = Data()
    }

    static func fixture(_ path: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(path), encoding: .utf8)
    }
}
