import Foundation
import Testing

/// The JSON that tlpcheck writes matches the schemas in Docs/: the keys, and the JSON type of
/// every value (numbers are numbers). The validator covers the keywords those schemas use.
@Suite struct JSONSchemaTests {
    /// A JSON Schema subset: type, enum, const, properties, required, additionalProperties,
    /// items, oneOf, minimum, maximum, pattern and local `$ref`s.
    struct Validator {
        let root: [String: Any]

        init(_ docsFile: String) throws {
            let data = try Data(contentsOf: CLI.root.appendingPathComponent("Docs/\(docsFile)"))
            root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }

        /// Problems found, each with its JSON path; empty when `value` matches.
        func problems(_ value: Any, _ schema: [String: Any]? = nil, at path: String = "$") -> [String] {
            var schema = schema ?? root
            if let ref = schema["$ref"] as? String, ref.hasPrefix("#/$defs/"),
                let target = (root["$defs"] as? [String: Any])?[String(ref.dropFirst(8))] as? [String: Any]
            {
                schema = target
            }
            var out: [String] = []
            if let types = schema["type"] {
                let allowed = (types as? [String]) ?? [(types as? String) ?? ""]
                if !allowed.contains(where: { Self.isType(value, $0) }) {
                    return ["\(path): \(Self.describe(value)) is not \(allowed.joined(separator: "/"))"]
                }
            }
            if let options = schema["enum"] as? [Any], !options.contains(where: { Self.equal($0, value) }) {
                out.append("\(path): \(value) is not one of \(options)")
            }
            if let constant = schema["const"], !Self.equal(constant, value) { out.append("\(path): not \(constant)") }
            if let number = value as? NSNumber, !Self.isBool(value) {
                if let minimum = schema["minimum"] as? Double, number.doubleValue < minimum {
                    out.append("\(path): below \(minimum)")
                }
                if let maximum = schema["maximum"] as? Double, number.doubleValue > maximum {
                    out.append("\(path): above \(maximum)")
                }
            }
            if let text = value as? String, let pattern = schema["pattern"] as? String,
                text.range(of: pattern, options: .regularExpression) == nil
            {
                out.append("\(path): '\(text)' does not match \(pattern)")
            }
            if let choices = schema["oneOf"] as? [[String: Any]] {
                let matching = choices.filter { problems(value, $0, at: path).isEmpty }.count
                if matching != 1 { out.append("\(path): matches \(matching) of the oneOf choices") }
            }
            if let object = value as? [String: Any] {
                let properties = schema["properties"] as? [String: Any] ?? [:]
                for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                    out.append("\(path): no \(key)")
                }
                for (key, item) in object {
                    if let property = properties[key] as? [String: Any] {
                        out += problems(item, property, at: "\(path).\(key)")
                    } else if let extra = schema["additionalProperties"] as? [String: Any] {
                        out += problems(item, extra, at: "\(path).\(key)")
                    } else if schema["additionalProperties"] as? Bool == false {
                        out.append("\(path): key \(key) is not in the schema")
                    }
                }
            }
            if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
                for (index, item) in array.enumerated() { out += problems(item, items, at: "\(path)[\(index)]") }
            }
            return out
        }

        static func isBool(_ value: Any) -> Bool {
            // JSONSerialization gives booleans as their own NSNumber subclass.
            value is NSNumber && String(describing: type(of: value)).contains("Boolean")
        }

        static func isType(_ value: Any, _ type: String) -> Bool {
            switch type {
            case "object": value is [String: Any]
            case "array": value is [Any]
            case "string": value is String
            case "boolean": isBool(value)
            case "integer":
                !isBool(value) && (value as? NSNumber).map { $0.doubleValue == $0.doubleValue.rounded() } == true
                    && !(value is String)
            case "number": !isBool(value) && value is NSNumber
            default: false
            }
        }

        static func equal(_ a: Any, _ b: Any) -> Bool {
            if isBool(a) != isBool(b) { return false }
            if let x = a as? NSNumber, let y = b as? NSNumber { return x == y }
            if let x = a as? String, let y = b as? String { return x == y }
            return false
        }

        static func describe(_ value: Any) -> String {
            isBool(value) ? "a boolean" : value is String ? "the string '\(value)'" : "\(value)"
        }
    }

    static func json(_ text: some StringProtocol) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    static let verifyRuns: [[String]] = [
        ["verify", "Fixtures/seed/seed.analyzer.txt", "--tuples", "Fixtures/seed/tuples.yaml"],
        ["verify", "Fixtures/verify/scenario.hex", "--tuples", "Fixtures/verify/tuples.yaml"],
        ["verify", "nosuch.pcap", "--tuples", "Fixtures/seed/tuples.yaml"],
        ["verify", "Fixtures/malformed/analyzer-damaged-word.txt", "--tuples", "Fixtures/seed/tuples.yaml"],
        ["verify", "Fixtures/seed/seed.analyzer.txt", "--tuples", "Fixtures/dmabuf/tuples-wrong-st.yaml"],
    ]

    @Test(arguments: verifyRuns)
    func verifyReportsMatchTheirSchema(_ arguments: [String]) throws {
        let run = try CLI.run(arguments + ["--report", "json"])
        let problems = try Validator("verify-report.schema.json").problems(try Self.json(run.stdout))
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }

    @Test(arguments: [
        "Fixtures/seed/seed.analyzer.txt", "Fixtures/verify/scenario.hex", "Fixtures/logs/aer-6.x-0x-prefixes.log",
        "Fixtures/pcap/flit-125-us.pcap",
    ])
    func statsMatchTheirSchema(_ capture: String) throws {
        let run = try CLI.run(["stats", "--output", "json", capture])
        let problems = try Validator("stats.schema.json").problems(try Self.json(run.stdout))
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }

    @Test func recordsMatchTheirSchema() throws {
        let validator = try Validator("record.schema.json")
        var checked = 0
        for folder in ["seed", "logs", "pcap", "verify", "malformed"] {
            let directory = CLI.fixtures.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            where !name.contains(".expected.") && !name.hasSuffix(".yaml") && !name.hasSuffix(".md")
                && name != "cases.txt"
            {
                let run = try CLI.run(["decode", "--output", "jsonl", "Fixtures/\(folder)/\(name)"])
                for line in run.stdout.split(separator: "\n") {
                    let problems = validator.problems(try Self.json(line))
                    #expect(problems.isEmpty, "\(folder)/\(name): \(problems.prefix(3))")
                    checked += 1
                }
            }
        }
        #expect(checked > 50)
    }

    @Test func theValidatorCatchesANumberWrittenAsAString() throws {
        let validator = try Validator("stats.schema.json")
        let run = try CLI.run(["stats", "--output", "json", "Fixtures/seed/seed.analyzer.txt"])
        let broken = run.stdout.replacingOccurrences(
            of: #""coverage_percent":100.0"#, with: #""coverage_percent":"100.0""#)
        #expect(broken != run.stdout)
        #expect(validator.problems(try Self.json(broken)).contains { $0.contains("coverage_percent") })
    }
}
