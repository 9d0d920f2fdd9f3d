import PCIeTLP
import TLPCapture
import TPHVerify
import Testing

/// 10,000 tuples: the binary search finds the right one at every boundary.
@Suite struct AddressLookupTests {
    static let count = 10_000
    static let stride: UInt64 = 0x10_0000
    static let size: UInt64 = 0x1000

    static let set: TupleSet = {
        // Shuffled, so the lookup cannot rely on file order.
        var rng = SystemRandomNumberGenerator()
        let tuples = (0..<count).map { index in
            PublishedTuple(
                name: "buf-\(index)", flags: [.st], steeringTag: UInt8(index & 0xFF), ph: UInt8(index & 3),
                ranges: [AddressRange(base: 0x1_0000_0000 + UInt64(index) * stride, size: size)])
        }.shuffled(using: &rng)
        return TupleSet(path: "generated", tuples: tuples)
    }()

    func write(to address: UInt64, st: UInt16, ph: UInt8) -> DecodedRecord {
        var tlp = TLP(mode: .flit, type: .mwr64) ?? TLP(mode: .flit, code: 0x60)
        tlp.set(.length, 1)
        tlp.setAddress(address)
        tlp.setTPH(TPH(st: st, width: 8, ph: ph))
        return .tlp(tlp, notes: [])
    }

    @Test func boundariesMatchExactlyTheirTuple() {
        var verifier = Verifier(tuples: Self.set)
        verifier.beginCapture("boundaries")
        var expectedMatches = 0
        for index in [0, 1, 4999, 9998, 9999] {
            let base = 0x1_0000_0000 + UInt64(index) * Self.stride
            let st = UInt16(index & 0xFF)
            let ph = UInt8(index & 3)
            // First byte and last byte belong to the tuple: right ST/PH, no finding.
            verifier.add(write(to: base, st: st, ph: ph), origin: .init(record: 1, source: "first"))
            verifier.add(write(to: base + Self.size - 4, st: st, ph: ph), origin: .init(record: 2, source: "last"))
            // One past the end and just before the base are in no range: unpublished TPH.
            verifier.add(write(to: base + Self.size, st: st, ph: ph), origin: .init(record: 3, source: "past"))
            verifier.add(write(to: base - 4, st: st, ph: ph), origin: .init(record: 4, source: "before"))
            expectedMatches += 2
        }
        let result = verifier.result
        #expect(result.matched == expectedMatches)
        #expect(result.check("st-mismatch")?.findings == 0)
        #expect(result.check("ph-mismatch")?.findings == 0)
        #expect(result.check("unpublished-tph")?.findings == 10)
        #expect(Set(result.findings.map(\.source)) == ["past", "before"])
    }

    @Test func aWrongSTAtTheLastByteNamesTheRightTuple() {
        var verifier = Verifier(tuples: Self.set)
        let base = 0x1_0000_0000 + UInt64(7777) * Self.stride
        verifier.add(write(to: base + Self.size - 4, st: 0, ph: UInt8(7777 & 3)), origin: .init(record: 1, source: "x"))
        #expect(verifier.result.findings.map(\.tuple) == ["buf-7777"])
        #expect(verifier.result.findings.map(\.check.name) == ["st-mismatch"])
    }
}
