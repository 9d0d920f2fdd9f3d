import Foundation
import PCIeTLP
import Testing

@testable import TPHVerify

/// The fast reader of tuple and rules files against Yams: for every file it accepts, the same
/// tree (kinds, scalar strings, order, lines); every file Yams refuses, it refuses too.
@Suite struct ConfigParserTests {
    /// The tree as text: one line per node, `kind @line "string"`, children indented.
    static func dump(_ tree: ConfigTree) -> String {
        var out = ""
        func walk(_ index: Int32, isKey: Bool, depth: Int) {
            let node = tree.nodes[Int(index)]
            out += String(repeating: " ", count: depth) + "\(node.kind) @\(node.line)"
            switch node.kind {
            case .scalar:
                out += " " + String(reflecting: tree.string(index))
                // Yams resolves the tags of keys when it checks them for duplicates.
                if node.stringTag && !isKey { out += " !!str" }
            case .mapping:
                if let string = tree.mappingStrings[index] { out += " =" + String(reflecting: string) }
            default: break
            }
            out += "\n"
            guard node.kind == .mapping || node.kind == .sequence else { return }
            for member in 0..<Int(node.count) {
                walk(tree.child(index, member), isKey: node.kind == .mapping && member % 2 == 0, depth: depth + 1)
            }
        }
        walk(tree.root, isKey: false, depth: 0)
        return out
    }

    static func yamsTree(_ text: String) -> ConfigTree? { try? ConfigNode.loadThroughYams(path: "t", text: text) }

    /// Checks the one property that matters: what the fast reader accepts, Yams reads to the
    /// same tree. Returns whether the fast reader accepted `text`.
    @discardableResult
    static func agree(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        guard let fast = ConfigSubsetParser.parse(text) else { return false }
        guard let yams = yamsTree(text) else {
            Issue.record("accepted what Yams refuses:\n\(text)", sourceLocation: sourceLocation)
            return true
        }
        let (a, b) = (dump(fast), dump(yams))
        #expect(a == b, "trees differ for:\n\(text)\nfast:\n\(a)\nyams:\n\(b)", sourceLocation: sourceLocation)
        return true
    }

    // MARK: fixtures

    static func configFixtures() throws -> [String] {
        let root = repositoryRoot.appendingPathComponent("Fixtures")
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String } ?? []
        return
            files
            .filter {
                ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json")) && !$0.contains("expected")
            }
            .sorted()
    }

    @Test func everyFixtureReadsAsYamsReadsIt() throws {
        let names = try Self.configFixtures()
        #expect(names.count >= 9)
        var accepted: [String] = []
        for name in names {
            let text = try String(
                contentsOf: repositoryRoot.appendingPathComponent("Fixtures/" + name), encoding: .utf8)
            if Self.agree(text) { accepted.append(name) }
        }
        // The fixtures anyone writes take the fast path; the alias bomb and the 600,000-value
        // file do not (Yams and the bounds decide them).
        #expect(
            Set(accepted).isSuperset(of: [
                "seed/tuples.yaml", "verify/tuples.yaml", "dmabuf/tuples.yaml", "dmabuf/tuples-wrong-st.yaml",
                "malformed/tuples-duplicate-names.yaml", "malformed/tuples-huge-number.yaml",
                "malformed/tuples-wrong-type.yaml",
            ]))
        #expect(!accepted.contains("malformed/tuples-anchor-bomb.yaml"))
        #expect(!accepted.contains("malformed/tuples-flow-sequence-bomb.yaml"))
    }

    /// The YAML examples of the docs (rules files, tuple files) read the same both ways.
    @Test func documentedExamplesReadAsYamsReadsThem() throws {
        var blocks = 0
        var accepted = 0
        for doc in ["Docs/rules.md", "Docs/design.md", "README.md"] {
            let text = try String(contentsOf: repositoryRoot.appendingPathComponent(doc), encoding: .utf8)
            var block: [Substring]?
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if block == nil, line.hasPrefix("```yaml") || line.hasPrefix("```json") {
                    block = []
                } else if block != nil, line.hasPrefix("```") {
                    blocks += 1
                    if Self.agree(block?.joined(separator: "\n") ?? "") { accepted += 1 }
                    block = nil
                } else {
                    block?.append(line)
                }
            }
        }
        #expect(blocks >= 3)
        #expect(accepted >= 3)
    }

    @Test func tupleAndRulesTextsOfTheTestsReadAsYamsReadsThem() {
        let texts = [
            tupleText("  - {name: a, flags: [st], steering_tag: 1, ph: 4, ranges: [{base: 0, size: 16}]}"),
            tupleText(
                "  - {name: a, flags: [st], steering_tag: 1, ph: 0, ranges: [{base: 0, size: 16}], requesters: [\"4:0\"]}"
            ),
            """
            {"completer_tph": "extended", "tuples": [{"name": "b", "flags": ["st", "st_ext"], "steering_tag": 16,
             "steering_tag_ext": 496, "ph": 1, "ranges": [{"base": 4096, "size": 4096}]}]}
            """,
            "checks:\n  unexpected-requester: warning\n  missing-tph: off\n",
            """
            rules:
              - name: tc0-writes-carry-tph
                match: { type: [MWr32, MWr64], requester: "04:00.0", address: { base: 0x1000, size: 0x100 }, tc: 0 }
                expect: { tph: true, st: 0xf0, st_width: 8, ph: 2 }
              - name: no-tc7
                match: { type: MWr32 }
                expect: { tc: 0 }
                severity: warning
            """,
            "checks: { malformed: warning }",
        ]
        for text in texts { #expect(Self.agree(text), "refused:\n\(text)") }
    }

    // MARK: what is accepted, exactly

    @Test(arguments: [
        // Plain scalars: inner blanks kept, trailing blanks and comments dropped, `#` and `:`
        // inside a word kept, `key:value` one scalar.
        "a: b  c   # comment\nd: e#f\ng: 04:00.0\nh: -1\n",
        "- a:b\n- 'x' # c\n- \"y\"\n",
        "a:   \n  - x\n  - y\n",
        "a:\n- x\n- y\nb: z\n",
        "- a: 1\n  b: 2\n-   c: 3\n    d: [4, 5]\n",
        "-\n  a: 1\n-\n  - x\n",
        "a: {b: 1, c: [x, y], 'd': \"e\"}\n",
        "a: {\"b\":1,\"c\":[2,3]}\n",
        "{\"a\": [1, 2,\n  3], \"b\": {\"c\": null}\n}\n",
        "{\n\t\"a\": 1,\n\t\"b\": [true, false]\n}\n",
        "a: [x, y, ]\nb: {c: 1, }\n",
        "a: []\nb: {}\n",
        "---\na: 1\n",
        "# lead\n\n--- # start\n# more\na: 1 # one\n\n# trailing\n",
        "a: 'it''s'\nb: \"q\\\"\\\\\\t\\x41\\u0042\\U00000043\\/ \"\nc: '  spaced  '\n",
        "a : 1\n\"b\" : 2\n",
        "a: x y z\nb: [x y, z w]\n",
        "  a: 1\n  b: 2\n",
        "a: [x,\ny]\n",
        "a: [x, # comment\n  y]\n",
        "a: {b: [x,\n    y],\n  c: z}\n",
        "key with spaces: value with spaces\n",
        "a: b?c\n",
        "a: [b?c, d]\n",
    ])
    func acceptsWhatTheFilesUse(_ text: String) {
        #expect(Self.agree(text), "refused:\n\(text)")
    }

    @Test(arguments: [
        "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: !str 1\n", "a: |\n  x\n", "a: >\n  x\n",
        "? a\n: b\n", "%YAML 1.1\n---\na: 1\n", "a: 1\n...\n", "a: 1\n---\nb: 2\n",
        // A plain scalar continued on the next line, a quoted one across lines.
        "a: b\n  c\n", "a: \"b\n  c\"\n", "a: 'b\n  c'\n", "a: [b\n c]\n",
        // Empty values, tabs in block context, bytes past ASCII, CR.
        "a:\nb: 1\n", "a:\n", "a: {b}\n", "a: [b: 1]\n", "a:\t1\n", "\ta: 1\n", "a: é\n", "a: 1\r\n",
        "a: \"\\u00e9\"\n", "a: \"\\N\"\n", "a: \"x\\\n  y\"\n",
        // Duplicate keys (an error in Yams), `:` after a value, a key without `:`.
        "a: 1\na: 2\n", "{a: 1, 'a': 2}", "a: b: c\n", "a\n", "- a\nb: 1\n",
        // Comments that touch the token before them, indentation that does not line up.
        "a: \"b\"#c\n", "a: [b,#c\n d]\n", "a:\n    b: 1\n  c: 2\n", "a: 1\n b: 2\n",
        // Empty documents, a root scalar.
        "", "# only a comment\n", "---\n", "just text\n", "[a, , b]\n", "{a: 1}}\n",
    ])
    func refusesEverythingElse(_ text: String) {
        #expect(ConfigSubsetParser.parse(text) == nil, "accepted:\n\(text)")
    }

    /// Broken files are read by Yams, so their messages (and lines) are Yams's.
    @Test(arguments: ["tuples:\n  - [not, a, mapping\n", "a: b: c\n", "a: 1\na: 2\n", "a: [b,\n", "a: 'x\n"])
    func brokenFilesGetYamsMessages(_ text: String) {
        #expect(ConfigSubsetParser.parse(text) == nil)
        do {
            _ = try ConfigNode.load(path: "t.yaml", text: text)
            Issue.record("accepted:\n\(text)")
        } catch {
            #expect(error.message.hasPrefix("not valid YAML or JSON: "), "\(error)")
        }
    }

    // MARK: generated files

    @Test func generatedFilesReadAsYamsReadsThem() {
        var random = SplitMix(seed: 0x7475_706C_6573)
        var valid = 0
        let total = 400
        for _ in 0..<total {
            let text = GeneratedConfig.document(&random)
            let accepted = Self.agree(text)
            // The generator writes only what the fast reader is meant to take; the files it
            // gets wrong (a tab that libyaml finds to break the indentation) Yams refuses too.
            guard Self.yamsTree(text) != nil else { continue }
            valid += 1
            #expect(accepted, "refused:\n\(text)")
        }
        #expect(valid > total * 8 / 10)
    }

    /// Generated files with bytes changed, inserted, removed, and lines re-indented: whatever
    /// the fast reader still accepts must read as Yams reads it, and what Yams refuses must be
    /// refused.
    @Test func mutatedFilesNeverReadDifferently() {
        var random = SplitMix(seed: 0x6D75_7461_7465)
        let alphabet = Array(" \n\t:#-,[]{}'\"\\&*!|>?%@`.0xa_~".utf8)
        var accepted = 0
        let rounds = Int(ProcessInfo.processInfo.environment["CONFIG_MUTATION_ROUNDS"] ?? "") ?? 1500
        for round in 0..<rounds {
            var bytes = Array(GeneratedConfig.document(&random).utf8)
            for _ in 0...(round % 3) {
                guard !bytes.isEmpty else { break }
                let at = random.below(bytes.count)
                switch random.below(4) {
                case 0: bytes[at] = alphabet[random.below(alphabet.count)]
                case 1: bytes.insert(alphabet[random.below(alphabet.count)], at: at)
                case 2: bytes.remove(at: at)
                default:
                    // Indent or dedent the line holding `at`.
                    var start = at
                    while start > 0, bytes[start - 1] != 0x0A { start -= 1 }
                    if random.below(2) == 0 {
                        bytes.insert(0x20, at: start)
                    } else if bytes[start] == 0x20 {
                        bytes.remove(at: start)
                    }
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if Self.agree(text) { accepted += 1 }
        }
        // Enough of them still take the fast path for the comparison to mean something.
        #expect(accepted > rounds / 5, "\(accepted) of \(rounds)")
    }

    // MARK: the pieces around it

    @Test func numbersReadFromBytesAsFromText() {
        var random = SplitMix(seed: 42)
        let alphabet = Array("0123456789abcdefxobXOB_+- g".utf8)
        var samples = ["0", "0x", "0x_", "_0x10", "0_x10", "0X1f", "0b101", "0B2", "0o17", "18446744073709551615"]
        samples += ["18446744073709551616", "0xffffffffffffffff", "0x10000000000000000", "+1", "-0", " 1", "1 ", ""]
        for _ in 0..<5000 {
            samples.append(
                String(
                    decoding: (0..<random.below(8)).map { _ in alphabet[random.below(alphabet.count)] }, as: UTF8.self))
        }
        for sample in samples {
            var text = sample
            let fromBytes = text.withUTF8 { ConfigNode.parseUnsigned($0) }
            #expect(fromBytes == ConfigNode.parseUnsignedText(sample), "\(sample)")
        }
    }

    @Test func pciIDsReadFromBytesAsFromText() {
        var random = SplitMix(seed: 43)
        let alphabet = Array("0123456789abcdefABCDEF:.:.+- g".utf8)
        var samples = [
            "04:00.0", "4:0.0", "0000:04:00.0", "ff:1f.7", "ff:20.0", "04:00.8", "100:0.0", "04::00..0", ":04:00.0:",
        ]
        samples += ["+4:00.0", "04:00.0 ", "", "04:00", "04:00.0.1"]
        for _ in 0..<5000 {
            samples.append(
                String(
                    decoding: (0..<random.below(10)).map { _ in alphabet[random.below(alphabet.count)] }, as: UTF8.self)
            )
        }
        for sample in samples {
            var text = sample
            #expect(text.withUTF8 { ConfigNode.parsePCIID($0) } == PCIID(sample), "\(sample)")
        }
    }

    @Test func theEstimateOfValuesCountsAsByteByByte() {
        var random = SplitMix(seed: 44)
        let alphabet = Array("ab:,-[{\n }]".utf8)
        for length in [0, 1, 15, 16, 17, 31, 32, 33, 1599, 1600, 1601, 1615, 1616, 5000] {
            let text = String(decoding: (0..<length).map { _ in alphabet[random.below(alphabet.count)] }, as: UTF8.self)
            var count = 1
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: ":"): count += 2
                case UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "\n"):
                    count += 1
                default: break
                }
            }
            #expect(ConfigNode.estimatedValues(text) == count, "\(length)")
        }
        // Every byte a colon: lanes fill to their bound.
        #expect(ConfigNode.estimatedValues(String(repeating: ":", count: 3217)) == 1 + 2 * 3217)
    }

    @Test func theEstimateOfValuesIsABoundOnTheNodes() {
        var random = SplitMix(seed: 7)
        for _ in 0..<200 {
            let text = GeneratedConfig.document(&random)
            guard let tree = ConfigSubsetParser.parse(text) else { continue }
            #expect(tree.nodes.count <= ConfigNode.estimatedValues(text))
        }
    }
}

/// A small seeded generator, so a failure repeats.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

/// Tuple- and rules-like files in every style the fast reader takes: block and flow
/// collections mixed, quoting, comments, numbers in hex and decimal, JSON.
enum GeneratedConfig {
    indirect enum Value {
        case scalar(String)
        case mapping([(String, Value)])
        case sequence([Value])
    }

    static let words = [
        "a", "buf-0", "gpu buf", "st", "st_ext", "04:00.0", "x#y", "true", "null", "~", "-1", "b?c", "it's",
        "say \"hi\"", "a\\b", "tab\there", "/x/y", "50%", "a.b",
    ]

    static func number(_ r: inout SplitMix) -> String {
        let value = r.next() >> UInt64(r.below(64))
        switch r.below(4) {
        case 0: return String(value)
        case 1: return "0x" + String(value, radix: 16)
        case 2: return "0x" + String(value, radix: 16, uppercase: true)
        default: return "0x\(String(value >> 16, radix: 16))_\(String(value & 0xFFFF, radix: 16))"
        }
    }

    static func value(_ r: inout SplitMix, depth: Int) -> Value {
        if depth > 3 || r.chance(45) {
            return .scalar(r.chance(50) ? number(&r) : words[r.below(words.count)])
        }
        if r.chance(50) {
            let keys = ["name", "flags", "base", "size", "ph", "requesters", "match", "type", "a key"].shuffled(
                using: &r)
            return .mapping((0..<(1 + r.below(4))).map { (keys[$0], value(&r, depth: depth + 1)) })
        }
        return .sequence((0..<(1 + r.below(4))).map { _ in value(&r, depth: depth + 1) })
    }

    /// A scalar as a token: plain when it can be, else quoted one way or the other.
    static func scalar(_ text: String, flow: Bool, _ r: inout SplitMix) -> String {
        // (A tab in a plain scalar is left to Yams in block context.)
        let plainable =
            !text.contains(" #") && !text.contains(": ") && (flow || !text.contains("\t"))
            && !(flow && text.contains(where: { ",[]{}".contains($0) }))
        switch r.below(plainable ? 5 : 2) {
        case 0: return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case 1:
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "a": out += r.chance(20) ? "\\x61" : "a"
                case "-": out += r.chance(20) ? "\\u002d" : "-"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        default: return text
        }
    }

    static func comment(_ r: inout SplitMix) -> String {
        r.chance(20) ? "  # note: [x], {y}" : (r.chance(10) ? "   " : "")
    }

    /// Between flow tokens: a space, or (when `breaks`) line breaks, comments and indentation of
    /// spaces or tabs.
    static func gap(_ r: inout SplitMix, breaks: Bool) -> String {
        guard breaks, r.chance(40) else { return r.chance(20) ? "" : " " }
        let indent = String(repeating: r.chance(20) ? "\t" : " ", count: r.below(6))
        switch r.below(4) {
        case 0: return " # c\n" + indent
        case 1: return "\n  \n" + indent
        default: return "\n" + indent
        }
    }

    static func flow(_ v: Value, _ r: inout SplitMix, json: Bool, breaks: Bool) -> String {
        switch v {
        case .scalar(let text):
            if json {
                if text.first?.isNumber == true && !text.contains("x") { return text }
                return "\""
                    + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                    .replacingOccurrences(of: "\t", with: "\\t") + "\""
            }
            return scalar(text, flow: true, &r)
        case .sequence(let items):
            return "[" + gap(&r, breaks: breaks)
                + items.map { flow($0, &r, json: json, breaks: breaks) + gap(&r, breaks: breaks) }
                .joined(separator: "," + gap(&r, breaks: breaks))
                + (r.chance(10) && !json ? "," + gap(&r, breaks: breaks) : "") + "]"
        case .mapping(let pairs):
            return "{" + gap(&r, breaks: breaks)
                + pairs.map { key, value in
                    (json ? "\"\(key)\"" : scalar(key, flow: true, &r)) + (r.chance(10) ? " :" : ":")
                        + (json && r.chance(50) ? "" : " ") + (breaks && r.chance(10) ? "\n " : "")
                        + flow(value, &r, json: json, breaks: breaks) + gap(&r, breaks: breaks)
                }.joined(separator: "," + gap(&r, breaks: breaks)) + "}"
        }
    }

    static func block(_ v: Value, indent: Int, _ r: inout SplitMix, out: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch v {
        case .scalar:
            block(.mapping([("top", v)]), indent: indent, &r, out: &out)
        case .mapping(let pairs):
            for (key, value) in pairs {
                if r.chance(10) { out += pad + "# about \(key)\n" }
                out += pad + scalar(key, flow: false, &r) + (r.chance(10) ? " :" : ":")
                inline(value, indent: indent, afterKey: true, &r, out: &out)
            }
        case .sequence(let items):
            for item in items {
                out += pad + "-"
                if case .mapping(let pairs) = item, r.chance(60) {
                    // `- key: value`, the other keys under the first.
                    let extra = 1 + r.below(3)
                    out += String(repeating: " ", count: extra)
                    var first = true
                    for (key, value) in pairs {
                        if !first { out += String(repeating: " ", count: indent + 1 + extra) }
                        first = false
                        out += scalar(key, flow: false, &r) + ":"
                        inline(value, indent: indent + 1 + extra, afterKey: true, &r, out: &out)
                    }
                } else {
                    inline(item, indent: indent, afterKey: false, &r, out: &out)
                }
            }
        }
    }

    /// A value after `key:` or `-` at `indent`: on the line (scalar, flow) or under it.
    static func inline(_ v: Value, indent: Int, afterKey: Bool, _ r: inout SplitMix, out: inout String) {
        if case .scalar(let text) = v {
            out += " " + scalar(text, flow: false, &r) + comment(&r) + "\n"
            return
        }
        if r.chance(40) {
            out += " " + flow(v, &r, json: false, breaks: r.chance(30)) + comment(&r) + "\n"
            return
        }
        out += comment(&r) + "\n"
        if r.chance(10) { out += "\n" }
        if case .sequence = v, afterKey, r.chance(30) {
            block(v, indent: indent, &r, out: &out)  // at the key's own indentation
        } else {
            block(v, indent: indent + 1 + r.below(3), &r, out: &out)
        }
    }

    static func document(_ r: inout SplitMix) -> String {
        let tuples = Value.sequence(
            (0..<(1 + r.below(4))).map { _ in
                .mapping([
                    ("name", .scalar("buf-\(r.below(100))")), ("flags", .sequence([.scalar("st")])),
                    ("steering_tag", .scalar(number(&r))), ("ph", .scalar(String(r.below(4)))),
                    ("ranges", .sequence([.mapping([("base", .scalar(number(&r))), ("size", .scalar(number(&r)))])])),
                    ("requesters", .sequence([.scalar("04:00.0")])), ("extra", value(&r, depth: 1)),
                ])
            })
        let top = Value.mapping([
            ("completer_tph", .scalar("extended")), ("tuples", tuples), ("other", value(&r, depth: 0)),
        ])
        if r.chance(20) { return flow(top, &r, json: true, breaks: true) + "\n" }
        var out = r.chance(30) ? "# generated\n" : ""
        if r.chance(20) { out += "---\n" }
        block(r.chance(10) ? tuples : top, indent: r.chance(10) ? 2 : 0, &r, out: &out)
        return out
    }
}

extension SplitMix: RandomNumberGenerator {}
