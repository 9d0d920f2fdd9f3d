import Foundation
import Testing

/// Every golden output in Fixtures/goldens.txt, produced again by the built binary.
@Suite struct GoldenTests {
    struct Golden: CustomTestStringConvertible, Sendable {
        let expected: String
        let arguments: [String]
        var testDescription: String { expected }
    }

    static let goldens: [Golden] = {
        guard let text = try? CLI.fixture("goldens.txt") else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), let colon = line.firstIndex(of: ":") else { return nil }
            let arguments = line[line.index(after: colon)...].split(separator: " ").map(String.init)
            return Golden(expected: String(line[..<colon]), arguments: arguments)
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
        #expect(run.status == 0, "\(run.stderr)")
        let expected = try String(contentsOf: CLI.root.appendingPathComponent(golden.expected), encoding: .utf8)
        #expect(run.stdout == expected)
    }
}
