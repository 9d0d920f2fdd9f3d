import Foundation
import Testing

/// Every golden output in Fixtures/goldens.txt, produced again by the built binary.
@Suite struct GoldenTests {
    struct Golden: CustomTestStringConvertible, Sendable {
        let expected: String
        let arguments: [String]
        /// The exit status the run must have (`exit=N` after the file name; 0 when not given).
        let status: Int32
        var testDescription: String { expected }
    }

    static let goldens: [Golden] = {
        guard let text = try? CLI.fixture("goldens.txt") else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), let colon = line.firstIndex(of: ":") else { return nil }
            let arguments = line[line.index(after: colon)...].split(separator: " ").map(String.init)
            let head = line[..<colon].split(separator: " ")
            let status = head.dropFirst().first { $0.hasPrefix("exit=") }.flatMap { Int32($0.dropFirst(5)) } ?? 0
            return Golden(expected: String(head.first ?? ""), arguments: arguments, status: status)
        }
    }()

    @Test func manifestListsEveryFormat() {
        #expect(Self.goldens.count >= 15)
        let inputs = Set(Self.goldens.compactMap { $0.arguments.last?.split(separator: ".").last })
        #expect(inputs.isSuperset(of: ["txt", "log", "pcap", "pcapng"]))
    }

    @Test(arguments: goldens)
    func outputMatchesGolden(_ golden: Golden) throws {
        let run = try CLI.run(golden.arguments)
        #expect(run.status == golden.status, "\(run.stderr)")
        let expected = try String(contentsOf: CLI.root.appendingPathComponent(golden.expected), encoding: .utf8)
        #expect(run.stdout == expected)
    }
}
