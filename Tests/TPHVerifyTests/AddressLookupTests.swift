import PCIeTLP
import TLPCapture
import Testing

@testable import TPHVerify

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

/// The bucketed lookup against a plain binary search, for ranges spread out, clustered, at the
/// ends of the address space, and one alone.
@Suite struct AddressMapTests {
    static func reference(_ set: TupleSet, _ address: UInt64) -> Int? {
        var entries: [(base: UInt64, last: UInt64, tuple: Int)] = []
        for (index, tuple) in set.tuples.enumerated() {
            for range in tuple.ranges { entries.append((range.base, range.last, index)) }
        }
        entries.sort { $0.base < $1.base }
        guard let last = entries.lastIndex(where: { $0.base <= address }), address <= entries[last].last else {
            return nil
        }
        return entries[last].tuple
    }

    @Test func lookupsFindWhatABinarySearchFinds() {
        var random = SplitMix(seed: 0x6164_6472)
        for round in 0..<300 {
            var ranges: [AddressRange] = []
            var next: UInt64 = round % 3 == 0 ? 0 : random.next() >> UInt64(random.below(64))
            for _ in 0..<(1 + random.below(round % 5 == 0 ? 2 : 60)) {
                // Gaps of every scale, so that some ranges crowd one bucket.
                let gap = random.chance(20) ? random.next() >> UInt64(8 + random.below(56)) : UInt64(random.below(64))
                let size = 1 + (random.next() >> UInt64(40 + random.below(24)))
                guard next <= UInt64.max - gap, next + gap <= UInt64.max - (size - 1) else { break }
                let base = next + gap
                ranges.append(AddressRange(base: base, size: size))
                let last = AddressRange(base: base, size: size).last
                guard last < UInt64.max else { break }
                next = last + 1
            }
            let tuples = ranges.enumerated().map { index, range in
                PublishedTuple(name: "t\(index)", flags: [], ph: 0, ranges: [range])
            }.shuffled(using: &random)
            let set = TupleSet(path: "t", tuples: tuples)
            let map = AddressMap(set)
            var probes: [UInt64] = [0, 1, UInt64.max, UInt64.max - 1]
            for range in ranges {
                probes += [range.base, range.last, range.base &- 1, range.last &+ 1, range.base &+ range.size / 2]
            }
            for _ in 0..<20 { probes.append(random.next()) }
            for probe in probes {
                #expect(map.tuple(for: probe) == Self.reference(set, probe), "\(probe) in \(ranges)")
            }
        }
    }
}
