import Foundation
import PCIeTLP
import TPHVerify
import Testing

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func tupleText(_ tuples: String, completer: String = "extended") -> String {
    "completer_tph: \(completer)\ntuples:\n" + tuples
}

@Suite struct TupleFileTests {
    @Test func seedTupleFileReadsTheUAPIFields() throws {
        let path = repositoryRoot.appendingPathComponent("Fixtures/seed/tuples.yaml").path
        let set = try TupleFile.parse(path: path, text: try String(contentsOfFile: path, encoding: .utf8))
        #expect(set.exporter == "0000:05:00.0")
        #expect(set.completerTPH == .tphOnly)
        let tuple = try #require(set.tuples.first)
        #expect(tuple.name == "gpu-buf-0")
        #expect(tuple.dmabufFD == 7)
        #expect(tuple.flags == [.st])
        #expect(tuple.steeringTag == 0xF0)
        #expect(tuple.ph == 2)
        #expect(tuple.ranges == [AddressRange(base: 0x20E0_0600_0000, size: 0x100_0000)])
        #expect(tuple.requesters == [PCIID(bus: 4, device: 0, function: 0)])
        #expect(tuple.steeringTag(width: 8) == 0xF0)
        #expect(tuple.steeringTag(width: 16) == nil)
    }

    @Test func jsonTupleFilesWorkToo() throws {
        let json = """
            {"completer_tph": "extended", "tuples": [{"name": "b", "flags": ["st", "st_ext"], "steering_tag": 16,
             "steering_tag_ext": 496, "ph": 1, "ranges": [{"base": 4096, "size": 4096}]}]}
            """
        let set = try TupleFile.parse(path: "t.json", text: json)
        #expect(set.tuples.first?.steeringTag(width: 16) == 0x1F0)
        #expect(set.tuples.first?.flags == [.st, .stExt])
    }

    @Test(arguments: [
        (
            "  - {name: a, flags: [st], steering_tag: 1, ph: 4, ranges: [{base: 0, size: 16}]}",
            "extended", "t.yaml:3: tuple 'a': ph 4 is not a processing hint (0..3); the kernel refuses it"
        ),
        (
            "  - {name: a, flags: [st, tph], steering_tag: 1, ph: 0, ranges: [{base: 0, size: 16}]}",
            "extended", "tuple 'a': unknown flag 'tph' (the kernel knows st and st_ext)"
        ),
        (
            "  - {name: a, flags: [st], ph: 0, ranges: [{base: 0, size: 16}]}",
            "extended", "tuple 'a': flag st without steering_tag"
        ),
        (
            "  - {name: a, flags: [st_ext], ph: 0, ranges: [{base: 0, size: 16}]}",
            "extended", "tuple 'a': flag st_ext without steering_tag_ext"
        ),
        (
            "  - {name: a, flags: [st_ext], steering_tag_ext: 1, ph: 0, ranges: [{base: 0, size: 16}]}",
            "tph-only", "tuple 'a': st_ext needs an extended TPH completer; completer_tph is tph-only"
        ),
        (
            "  - {name: a, flags: [st], steering_tag: 1, ph: 0, ranges: [{base: 0, size: 16}]}",
            "none", "tuple 'a': completer_tph is none"
        ),
        (
            "  - {name: a, flags: [st], steering_tag: 1, ph: 0, ranges: [{base: 0, size: 0}]}",
            "extended", "tuple 'a': zero-size range at 0x0"
        ),
        (
            "  - {name: a, flags: [st], steering_tag: 1, ph: 0, ranges: [{base: 0, size: 32}]}\n  - {name: b, flags: [st], steering_tag: 2, ph: 0, ranges: [{base: 16, size: 16}]}",
            "extended", "tuple 'b': range at 0x10 overlaps tuple 'a' (0x0..0x1f)"
        ),
        (
            "  - {name: a, flags: [st], steering_tag: 1, ph: 0, ranges: [{base: 0, size: 32}, {base: 31, size: 1}]}",
            "extended", "tuple 'a': range at 0x1f overlaps tuple 'a'"
        ),
        (
            "  - {name: a, flags: [st], steering_tag: 0x1f0, ph: 0, ranges: [{base: 0, size: 16}]}",
            "extended", "tuple 'a': steering_tag 0x1f0 is larger than 255"
        ),
        (
            "  - {name: a, flags: [st], steering_tag: 1, ph: two, ranges: [{base: 0, size: 16}]}",
            "extended", "tuple 'a': ph must be a non-negative integer, not 'two'"
        ),
        (
            "  - {name: a, flags: [st], steering_tag: 1, ph: 0, ranges: [{base: 0xffffffffffffffff, size: 2}]}",
            "extended", "runs past the 64-bit address space"
        ),
        (
            "  - {name: a, flags: [st], steering_tag: 1, ph: 0, ranges: [{base: 99999999999999999999999, size: 2}]}",
            "extended", "base must be a non-negative integer"
        ),
        (
            "  - {name: a, flags: [st], steering_tag: 1, ph: 0, ranges: [{base: 0, size: 16}]}\n  - {name: a, flags: [st], steering_tag: 1, ph: 0, ranges: [{base: 64, size: 16}]}",
            "extended", "tuple 'a': the name is used twice"
        ),
        (
            "  - {name: a, flags: [st], steering_tag: 1, ph: 0, colour: red, ranges: [{base: 0, size: 16}]}",
            "extended", "unknown key 'colour'"
        ),
        (
            "  - {name: a, flags: [st], steering_tag: 1, ph: 0, ranges: [{base: 0, size: 16}], requesters: [\"4:0\"]}",
            "extended", "tuple 'a': requester '4:0' is not a PCI ID like 04:00.0"
        ),
        ("  - {name: a, flags: [st], steering_tag: 1, ph: 0}", "extended", "tuple 'a': no 'ranges'"),
        ("  - [not, a, mapping", "extended", "t.yaml:4: not valid YAML or JSON"),
    ])
    func kernelRefusedTuplesAreRejected(_ tuples: String, _ completer: String, _ message: String) {
        do {
            _ = try TupleFile.parse(path: "t.yaml", text: tupleText(tuples, completer: completer))
            Issue.record("accepted: \(tuples)")
        } catch {
            #expect(error.description.contains(message), "\(error)")
        }
    }

    @Test func aRangeMayEndAtTheTopOfTheAddressSpace() throws {
        let set = try TupleFile.parse(
            path: "t",
            text: tupleText(
                "  - {name: top, flags: [st], steering_tag: 1, ph: 0, ranges: [{base: 0xfffffffffffff000, size: 0x1000}]}"
            ))
        #expect(set.tuples.first?.ranges.first?.last == UInt64.max)
    }
}
