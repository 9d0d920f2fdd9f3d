import PCIeTLP
import TLPCapture
import TPHVerify
import Testing

@Suite struct RuleSetTests {
    // A literal that parses; a failure to parse shows as an empty set, which every test notices.
    static let tuples =
        (try? TupleFile.parse(
            path: "t.yaml",
            text: tupleText(
                "  - {name: a, flags: [st], steering_tag: 0xf0, ph: 2, ranges: [{base: 0x1000, size: 0x1000}], requesters: [\"04:00.0\"]}"
            ))) ?? TupleSet(path: "t.yaml", tuples: [])

    func write(_ address: UInt64, requester: UInt16 = 0x0400, tph: TPH?, tc: UInt32 = 0) -> DecodedRecord {
        var tlp = TLP(mode: .nonFlit, type: .mwr32) ?? TLP(mode: .nonFlit, code: 0x40)
        tlp.set(.length, 1)
        tlp.set(.requester, UInt32(requester))
        tlp.set(.tc, tc)
        tlp.setAddress(address)
        tlp.setTPH(tph)
        return .tlp(tlp, notes: [])
    }

    @Test func regradingChangesSeverityAndOffSilences() throws {
        let rules = try RuleSet.parse(
            path: "r.yaml", text: "checks:\n  unexpected-requester: warning\n  missing-tph: off\n")
        var verifier = Verifier(tuples: Self.tuples, rules: rules)
        verifier.add(
            write(0x1000, requester: 0x0500, tph: TPH(st: 0xF0, ph: 2)), origin: .init(record: 1, source: "a:1"))
        verifier.add(write(0x1004, tph: nil), origin: .init(record: 2, source: "a:2"))
        verifier.finish()
        let result = verifier.result
        #expect(result.passed)
        #expect(result.check("unexpected-requester")?.severity == .warning)
        #expect(result.check("unexpected-requester")?.findings == 1)
        #expect(result.check("missing-tph")?.findings == 0)
    }

    @Test func customRulesFireByNameOnTheirMatchOnly() throws {
        let text = """
            rules:
              - name: tc0-writes-carry-tph
                match: { type: [MWr32, MWr64], requester: "04:00.0", address: { base: 0x1000, size: 0x100 }, tc: 0 }
                expect: { tph: true, st: 0xf0, st_width: 8, ph: 2 }
              - name: no-tc7
                match: { type: MWr32 }
                expect: { tc: 0 }
                severity: warning
            """
        let rules = try RuleSet.parse(path: "r.yaml", text: text)
        var verifier = Verifier(tuples: Self.tuples, rules: rules)
        verifier.add(write(0x1000, tph: TPH(st: 0xF0, ph: 2)), origin: .init(record: 1, source: "ok"))
        verifier.add(write(0x1004, tph: nil), origin: .init(record: 2, source: "no-tph"))
        verifier.add(write(0x1200, tph: nil), origin: .init(record: 3, source: "outside-match"))
        verifier.add(write(0x1008, tph: TPH(st: 0xF0, ph: 2), tc: 7), origin: .init(record: 4, source: "tc7"))
        let result = verifier.result
        #expect(result.findings.filter { $0.check.name == "tc0-writes-carry-tph" }.map(\.source) == ["no-tph"])
        #expect(result.findings.filter { $0.check.name == "no-tc7" }.map(\.source) == ["tc7"])
        #expect(result.check("no-tc7")?.severity == .warning)
    }

    @Test(arguments: [
        ("checks:\n  st-mismatch: loud\n", "check 'st-mismatch': severity 'loud' is not one of: error, warning, off"),
        ("checks:\n  colour: off\n", "unknown key 'colour'"),
        ("rules:\n  - name: st-mismatch\n    expect: { tph: true }\n", "rule 'st-mismatch': the name is taken"),
        (
            "rules:\n  - name: r\n    match: { type: [MWr128] }\n    expect: { tph: true }\n",
            "unknown TLP type 'MWr128'"
        ),
        ("rules:\n  - name: r\n    expect: { st_width: 12 }\n", "st_width must be 8 or 16"),
        ("rules:\n  - name: r\n", "rule 'r': no 'expect'"),
    ])
    func badRulesFilesAreRejected(_ text: String, _ message: String) {
        do {
            _ = try RuleSet.parse(path: "r.yaml", text: text)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.contains(message), "\(error)")
        }
    }

    @Test func malformedRecordsFailTheRunUnlessRegraded() throws {
        var strict = Verifier(tuples: Self.tuples)
        strict.add(write(0x1000, tph: TPH(st: 0xF0, ph: 2)), origin: .init(record: 1, source: "ok"))
        strict.add(.error(RecordError(.unreadable, "TLP header cut short")), origin: .init(record: 2, source: "bad"))
        #expect(!strict.result.passed)
        let lenient = try RuleSet.parse(path: "r", text: "checks: { malformed: warning }")
        var relaxed = Verifier(tuples: Self.tuples, rules: lenient)
        relaxed.add(write(0x1000, tph: TPH(st: 0xF0, ph: 2)), origin: .init(record: 1, source: "ok"))
        relaxed.add(.error(RecordError(.unreadable, "TLP header cut short")), origin: .init(record: 2, source: "bad"))
        #expect(relaxed.result.passed)
        #expect(relaxed.result.warningCount == 1)
    }
}
