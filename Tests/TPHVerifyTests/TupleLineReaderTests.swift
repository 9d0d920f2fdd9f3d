import PCIeTLP
import Testing

@testable import TPHVerify

/// One-line tuple entries read with the file's bytes against the same files read from the
/// parser's tree: the same tuples, or the same error, for every file.
@Suite struct TupleLineReaderTests {
    /// An entry as `QuickTupleReaderTests` writes them, with its spacing and quoting varied.
    static func entry(_ r: inout SplitMix) -> String {
        var text = r.chance(50) ? QuickTupleReaderTests.entry(&r) : valid(&r)
        let variants: [(String, [String])] = [
            (", ", [",", " , ", ",  ", ",\t", ",\n    "]),
            (": ", [" : ", ":", ":  ", ":\t"]),
            ("{", ["{ ", "{\t"]),
            ("}", [" }", "}  "]),
            ("[", ["[ "]),
            ("]", [" ]", ", ]"]),
            ("\"04:00.0\"", ["04:00.0", "\"04:00.0 \"", "'04:00.0'", "\"\"", "\"4:0.0\""]),
            ("buf-1", ["\"buf-1\"", "buf 1", "buf#1", "-buf", "b:1", "b: 1", "null", "007", "\"é\""]),
        ]
        for (plain, others) in variants where r.chance(8) && text.contains(plain) {
            let other = others[r.below(others.count)]
            if r.chance(50) {
                text = text.replacing(plain, with: other)
            } else if let at = text.firstRange(of: plain) {
                text.replaceSubrange(at, with: other)
            }
        }
        return text
    }

    /// A valid entry, its keys in any order.
    static func valid(_ r: inout SplitMix) -> String {
        var fields = [
            "name: buf-1", "ph: \(r.below(4))",
            "ranges: [{base: 0x\(String(r.below(1 << 20), radix: 16))000, size: 0x1000}]",
        ]
        var flags: [String] = []
        if r.chance(70) {
            flags.append("st")
            fields.append("steering_tag: \(r.below(256))")
        }
        if r.chance(20) {
            flags.append("st_ext")
            fields.append("steering_tag_ext: 0x\(String(r.below(1 << 16), radix: 16))")
        }
        if !flags.isEmpty || r.chance(10) { fields.append("flags: [" + flags.joined(separator: ", ") + "]") }
        if r.chance(60) { fields.append("requesters: [\"04:00.\(r.below(2))\"" + (r.chance(20) ? ", 05:00.0]" : "]")) }
        if r.chance(20) { fields.append("dmabuf_fd: \(r.below(100))") }
        return "{" + fields.shuffled(using: &r).joined(separator: ", ") + "}"
    }

    /// A tuple file: its completer before or after the list, the entries one per line (some
    /// with a comment or trailing blanks), now and then one in block form.
    static func file(_ r: inout SplitMix, entries: Int) -> String {
        let completer = ["", "completer_tph: extended\n", "completer_tph: tph-only\n", "completer_tph: none\n"][
            r.below(4)]
        let after = r.chance(30)
        var text = after ? "" : completer
        text += "tuples:\n"
        let indent = r.chance(80) ? "  " : ""
        for index in 0..<entries {
            var entry = entry(&r)
            if r.chance(70) { entry = entry.replacing("buf-1", with: "buf-\(index)") }
            if r.chance(3) {
                text +=
                    indent + "- name: block-\(index)\n" + indent + "  ph: 1\n" + indent
                    + "  ranges: [{base: \(0x10_0000 * (index + 1)), size: 16}]\n"
                continue
            }
            let trailing = ["", "", "", " # the tuple", "  ", "\t", " x"][r.below(7)]
            text += indent + "- " + entry + trailing + "\n"
        }
        if after { text += completer }
        return text
    }

    static func read(_ text: String, readingLines: Bool) -> Result<[PublishedTuple], ConfigError> {
        do throws(ConfigError) {
            let set = try TupleFile.parse(
                path: "t.yaml", text: text, barsPath: nil,
                readFile: { path throws(ConfigError) in
                    throw ConfigError(path: path, line: nil, "cannot read files here")
                }, readingLines: readingLines)
            return .success(set.tuples)
        } catch {
            return .failure(error)
        }
    }

    @Test func filesReadAsFromTheTree() {
        var random = SplitMix(seed: 0x6C69_6E65)
        var preread = 0
        var read = 0
        for _ in 0..<3000 {
            let text = Self.file(&random, entries: 1 + random.below(4))
            let fast = Self.read(text, readingLines: true)
            let tree = Self.read(text, readingLines: false)
            #expect(fast == tree, "\(text)")
            if case .success(let tuples) = fast { read += tuples.count }
            preread += ConfigSubsetParser.parse(text, tupleEntries: true)?.prereadTuples.count ?? 0
        }
        // The narrow form is common enough among these to have been exercised.
        #expect(preread > 1000)
        #expect(read > 500)
    }

    /// Files of many lines alike, as generated files are, now and then one that differs in
    /// its values (some out of range), its spacing or its keys: a line read as one like the
    /// last reads as the tree reads it.
    @Test func linesLikeTheLastReadAsFromTheTree() {
        var random = SplitMix(seed: 0x6C69_6B65)
        var preread = 0
        for _ in 0..<400 {
            var text = "completer_tph: extended\ntuples:\n"
            let quoted = random.chance(30)
            for index in 0..<(5 + random.below(40)) {
                let name = random.chance(3) ? ["\"\"", "x y", "-n", "\"é\""][random.below(4)] : "buf-\(index)"
                let st = random.chance(3) ? "256" : "\(random.below(256))"
                let ph = random.chance(3) ? "4" : "\(random.below(4))"
                let base = random.chance(3) ? "0xffffffffffffffff" : "0x\(String(0x1000 * (index + 1), radix: 16))"
                let size = random.chance(3) ? "0" : random.chance(50) ? "0x1000" : "4096"
                let requester = random.chance(3) ? "04:20.0" : random.chance(80) ? "04:00.0" : "04:00.1"
                var line =
                    "{name: \(quoted ? "\"\(name)\"" : name), flags: [st], steering_tag: \(st), ph: \(ph), "
                    + "ranges: [{base: \(base), size: \(size)}], requesters: [\"\(requester)\"]}"
                if random.chance(3) { line = line.replacing(", ph", with: ",  ph") }
                if random.chance(3) { line = line.replacing("flags: [st], ", with: "") }
                if random.chance(3) { line = line.replacing("}]", with: "}, {base: 0x\(index)0, size: 8}]") }
                if random.chance(2) { line = line.replacing("requesters: [", with: "dmabuf_fd: 3, requesters: [") }
                if random.chance(2) { line = line.replacing(", requesters: [\"\(requester)\"]", with: "") }
                if random.chance(2) { line = String(line.dropLast(random.below(line.count))) }
                text += "  - " + line + "\n"
            }
            let fast = Self.read(text, readingLines: true)
            #expect(fast == Self.read(text, readingLines: false), "\(text)")
            preread += ConfigSubsetParser.parse(text, tupleEntries: true)?.prereadTuples.count ?? 0
        }
        #expect(preread > 1000)
    }

    /// JSON files (and YAML flow lists) of entries alike and not: read as from the tree.
    @Test func jsonFilesReadAsFromTheTree() {
        var random = SplitMix(seed: 0x6A73_6F6E)
        var preread = 0
        for _ in 0..<400 {
            var entries: [String] = []
            for index in 0..<(1 + random.below(30)) {
                var fields = [
                    "\"name\": \"buf-\(random.chance(3) ? 0 : index)\"",
                    "\"ph\": \(random.chance(3) ? 4 : random.below(4))",
                    "\"ranges\": [{\"base\": \(4096 * (index + 1)), \"size\": \(random.chance(3) ? 0 : 4096)}]",
                ]
                if random.chance(70) { fields += ["\"flags\": [\"st\"]", "\"steering_tag\": \(random.below(300))"] }
                if random.chance(50) { fields.append("\"requesters\": [\"04:00.\(random.below(2))\"]") }
                if random.chance(5) { fields.append("\"colour\": \"red\"") }
                if random.chance(5) { fields.append("\"dmabuf_fd\": \"3\"") }
                if random.chance(10) { fields.shuffle(using: &random) }
                var entry = "{" + fields.joined(separator: random.chance(5) ? "," : ", ") + "}"
                if random.chance(3) { entry = entry.replacing("\": ", with: "\":") }
                if random.chance(3) { entry = entry.replacing("\"name\"", with: "name") }
                entries.append(entry)
            }
            let text =
                random.chance(70)
                ? "{\"completer_tph\": \"extended\", \"tuples\": [\n  " + entries.joined(separator: ",\n  ") + "\n]}\n"
                : "completer_tph: extended\ntuples: [" + entries.joined(separator: ", ") + "]\n"
            let fast = Self.read(text, readingLines: true)
            #expect(fast == Self.read(text, readingLines: false), "\(text)")
            preread += ConfigSubsetParser.parse(text, tupleEntries: true)?.prereadTuples.count ?? 0
        }
        #expect(preread > 2000)
    }

    /// The lines of a generated 10,000-tuple file are all read with the bytes; a rules file,
    /// or any list but the top-level `tuples`, never is.
    @Test func generatedLinesAreReadWithTheBytes() throws {
        var text = "completer_tph: extended\ntuples:\n"
        for index in 0..<200 {
            text +=
                "  - {name: buf-\(index), flags: [st], steering_tag: \(index & 0xff), ph: \(index & 3), "
                + "ranges: [{base: \(0x1000_0000 * (index + 1)), size: 0x1000000}], requesters: [\"04:00.0\"]}\n"
        }
        let tree = try #require(ConfigSubsetParser.parse(text, tupleEntries: true))
        #expect(tree.prereadTuples.count == 200)
        #expect(tree.prereadTuples[7].line == 10)
        #expect(ConfigSubsetParser.parse(text)?.prereadTuples.isEmpty == true)
        let nested = "other:\n  tuples:\n    - {name: a, ph: 0, ranges: [{base: 0, size: 1}]}\n"
        #expect(ConfigSubsetParser.parse(nested, tupleEntries: true)?.prereadTuples.isEmpty == true)
        let set = try TupleFile.parse(path: "t.yaml", text: text)
        #expect(set.tuples.count == 200)
        #expect(
            set.tuples[199].steeringTag == 199 && set.tuples[199].requesters == [PCIID(bus: 4, device: 0, function: 0)])
    }

    /// Two lines of one name, both read with the bytes: the second is refused, with its line,
    /// however far apart they are.
    @Test func aNameUsedTwiceIsRefused() throws {
        for gap in [1, 40, 200] {
            var text = "tuples:\n"
            for index in 0..<gap + 1 {
                let name = index == gap ? "buf-0" : "buf-\(index)"
                text += "  - {name: \(name), ph: 0, ranges: [{base: \(index * 16), size: 16}]}\n"
            }
            let tree = try #require(ConfigSubsetParser.parse(text, tupleEntries: true))
            #expect(tree.prereadTuples.count == gap + 1)
            #expect(!tree.prereadNamesDistinct)
            let fast = Self.read(text, readingLines: true)
            #expect(fast == Self.read(text, readingLines: false))
            #expect(
                fast == .failure(ConfigError(path: "t.yaml", line: gap + 2, "tuple 'buf-0': the name is used twice")))
        }
        // Names that differ are told apart by the reader's own table, sized for lines like
        // generated ones; a file of shorter lines fills it, and the names are compared by
        // `TupleFile` instead, with the same result.
        func file(_ line: (Int) -> String) -> String { "tuples:\n" + (0..<10_000).map(line).joined() }
        let generated = file {
            "  - {name: buf-\($0), flags: [st], steering_tag: \($0 & 0xff), ph: \($0 & 3), "
                + "ranges: [{base: \(0x1000_0000 * ($0 + 1)), size: 0x1000000}], requesters: [\"04:00.0\"]}\n"
        }
        #expect(ConfigSubsetParser.parse(generated, tupleEntries: true)?.prereadNamesDistinct == true)
        let short = file { "  - {name: n\($0), ph: 0, ranges: [{base: \($0 * 16), size: 16}]}\n" }
        #expect(ConfigSubsetParser.parse(short, tupleEntries: true)?.prereadNamesDistinct == false)
        #expect(Self.read(short, readingLines: true) == Self.read(short, readingLines: false))
        let twice = short + "  - {name: n5, ph: 0, ranges: [{base: 0x100000, size: 16}]}\n"
        #expect(
            Self.read(twice, readingLines: true)
                == .failure(ConfigError(path: "t.yaml", line: 10_002, "tuple 'n5': the name is used twice")))
    }

    /// A completer named after the tuples still refuses the flags it cannot honour, with the
    /// entry's line.
    @Test func aCompleterAfterTheTuplesIsChecked() {
        let text =
            "tuples:\n  - {name: a, flags: [st], steering_tag: 1, ph: 0, ranges: [{base: 0, size: 1}]}\ncompleter_tph: none\n"
        let fast = Self.read(text, readingLines: true)
        #expect(fast == Self.read(text, readingLines: false))
        guard case .failure(let error) = fast else {
            Issue.record("read: \(fast)")
            return
        }
        #expect(error.line == 2)
        #expect(error.message.hasPrefix("tuple 'a': completer_tph is none"))
    }
}
