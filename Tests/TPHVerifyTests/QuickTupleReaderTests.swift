import Testing

@testable import TPHVerify

/// The reader of ordinary tuple entries against `TupleFile.parseTuple`: the same tuple for
/// every entry it reads, nil for every entry `parseTuple` refuses.
@Suite struct QuickTupleReaderTests {
    /// Mostly the first choice (a valid one), else any.
    static func pick(_ r: inout SplitMix, _ choices: [String]) -> String {
        r.chance(70) ? choices[0] : choices[r.below(choices.count)]
    }

    /// A tuple entry as a flow mapping, usually valid, often not.
    static func entry(_ r: inout SplitMix) -> String {
        var fields: [String] = []
        if r.chance(95) { fields.append("name: " + pick(&r, ["buf-1", "'buf 2'", "\"b\\x33\"", "[x]", "{a: 1}"])) }
        if r.chance(80) {
            fields.append(
                "flags: "
                    + pick(
                        &r, ["[st]", "[st, st_ext]", "[st_ext]", "[]", "st", "[tph]", "{st: 1}", "[[st]]", "\"st\""]))
        }
        if r.chance(80) {
            fields.append(
                "steering_tag: " + pick(&r, ["1", "0xf0", "0xF_F", "255", "256", "'7'", "-1", "x", "[1]", "0b11"]))
        }
        if r.chance(40) {
            fields.append("steering_tag_ext: " + pick(&r, ["0x1f0", "65535", "65536", "0o17", "\"0x10\""]))
        }
        if r.chance(95) { fields.append("ph: " + pick(&r, ["0", "1", "2", "3", "4", "two", "0x3", "[2]", "'1'"])) }
        if r.chance(30) { fields.append("dmabuf_fd: " + pick(&r, ["7", "2147483647", "2147483648", "-2"])) }
        if r.chance(90) {
            let range = { (r: inout SplitMix) -> String in
                pick(
                    &r,
                    [
                        "{base: 0x1000, size: 0x1000}", "{size: 16, base: 0}", "{base: 0}", "{base: 0, size: 0}",
                        "{base: 0xffffffffffffffff, size: 1}", "{base: 0xffffffffffffffff, size: 2}",
                        "{base: 0, size: 16, colour: red}", "[0, 16]", "{'base': \"4096\", size: 0x1_000}",
                    ])
            }
            fields.append(
                "ranges: "
                    + pick(
                        &r,
                        [
                            "[" + range(&r) + "]", "[" + range(&r) + ", " + range(&r) + "]", "[]", range(&r), "x",
                        ]))
        }
        if r.chance(50) {
            fields.append(
                "requesters: "
                    + pick(
                        &r,
                        ["[\"04:00.0\"]", "\"04:00.1\"", "[04:00.0, 05:00.0]", "[\"4:0\"]", "[]", "[+4:00.0]", "[[x]]"])
            )
        }
        if r.chance(5) { fields.append("region_index: 0") }
        if r.chance(5) { fields.append("dma_ranges: [{offset: 0, length: 4096}]") }
        if r.chance(5) { fields.append("colour: red") }
        return "{" + fields.shuffled(using: &r).joined(separator: ", ") + "}"
    }

    @Test func readsWhatParseTupleReadsAndNothingElse() throws {
        var random = SplitMix(seed: 0x7175_6963_6B)
        var quick = 0
        var slow = 0
        for _ in 0..<6000 {
            let text = "- " + Self.entry(&random) + "\n"
            let completer = [nil, CompleterTPH.none, .tphOnly, .extended][random.below(4)]
            guard let root = try? ConfigNode.load(path: "t.yaml", text: text), let first = try root.sequence().first
            else { continue }
            var reader = QuickTupleReader(root.tree)
            let fast = reader.read(first.index, completer: completer)
            let full = try? TupleFile.parseTuple(first.with(context: "tuple #1"), completer: completer)
            if let fast {
                quick += 1
                #expect(fast == full, "\(text)")
            }
            // Every entry parseTuple reads (but one given by region and slices) is read here too.
            if let full, full.dmaBuf == nil {
                slow += 1
                #expect(fast != nil, "\(text)")
            }
        }
        #expect(quick > 300)
        #expect(quick == slow)
    }

    /// Whole files: every tuple as parseTuple reads its entry (the reader shares arrays of
    /// requesters between tuples that name the same ones).
    @Test func filesReadAsEntryByEntry() throws {
        var random = SplitMix(seed: 0x6669_6C65)
        let lists = [
            "[\"04:00.0\"]", "[\"04:00.0\", \"04:00.1\"]", "[\"04:00.1\"]", "[]", "\"04:00.0\"", "[04:00.0, 04:00.0]",
        ]
        for _ in 0..<50 {
            var text = "completer_tph: extended\ntuples:\n"
            let count = 1 + random.below(20)
            for index in 0..<count {
                var entry =
                    "{name: t\(index), flags: [st], steering_tag: \(random.below(256)), ph: \(random.below(4)), "
                entry += "ranges: [{base: \(index * 0x1000), size: 0x1000}]"
                if random.chance(80) { entry += ", requesters: " + lists[random.below(lists.count)] }
                text += "  - " + entry + "}\n"
            }
            let set = try TupleFile.parse(path: "t.yaml", text: text)
            let root = try ConfigNode.load(path: "t.yaml", text: text)
            let entries = try #require(root.mapping(allowed: ["completer_tph", "tuples"])["tuples"]).sequence()
            #expect(set.tuples.count == count)
            for (index, entry) in entries.enumerated() {
                let expected = try TupleFile.parseTuple(
                    entry.with(context: "tuple #\(index + 1)"), completer: .extended)
                #expect(set.tuples[index] == expected, "\(text)")
            }
        }
    }
}
