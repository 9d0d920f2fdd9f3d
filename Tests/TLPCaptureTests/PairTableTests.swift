import PCIeTLP
import Testing

@testable import TLPCapture

/// The outstanding-request table behaves as a dictionary under any mix of inserts, updates,
/// lookups and removals, including keys that collide and runs that wrap around the table.
@Suite struct PairTableTests {
    @Test(arguments: [UInt64(3), 64, 5000])
    func behavesAsADictionary(keySpace: UInt64) {
        var rng = SplitMix64(seed: keySpace)
        var table = PairTable<Int>()
        var reference: [UInt64: Int] = [:]
        for step in 0..<40_000 {
            // Keys as the tracker builds them: direction, requester, tag.
            let key = (rng.next() % keySpace) << 16 | rng.next() % 4
            switch rng.next() % 4 {
            case 0, 1:
                table[key] = step
                reference[key] = step
            case 2:
                #expect(table.removeValue(forKey: key) == reference.removeValue(forKey: key))
            default:
                table[key] = nil
                reference[key] = nil
            }
            #expect(table[key] == reference[key])
            #expect(table.count == reference.count)
        }
        for (key, value) in reference { #expect(table[key] == value) }
        table.removeAll()
        #expect(table.count == 0)
        for key in reference.keys { #expect(table[key] == nil) }
    }
}
