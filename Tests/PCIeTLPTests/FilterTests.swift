import PCIeTLP
import Testing

/// The display filter: parsing, errors with columns, and the same answer on the decoded TLP and
/// the zero-copy view.
@Suite struct FilterTests {
    /// MWr64 from 04:00.0 to 0x20e006000010, TH=1, ST 0x2a, PH 2.
    let write = wire("60010001 04002a0f 000020e0 06000012 00000000")
    /// CfgRd0 from 00:20.0 (raw 0x0020 = 00:04.0) to 05:00.1.
    let config = wire("04000001 00200a03 05010000")

    func both(_ filter: String, _ bytes: [UInt8]) throws -> Bool {
        let compiled = try TLPFilter(filter)
        let tlp = try decode(bytes, .nonFlit)
        let view = try bytes.withUnsafeBytes { try TLPView($0, mode: .nonFlit) }
        let a = compiled.matches(tlp, record: 3, source: "x.txt:3")
        let b = compiled.matches(view, record: 3, source: "x.txt:3")
        #expect(a == b, "\(filter)")
        return a
    }

    @Test func comparisonsAndLogic() throws {
        #expect(try both("type == MWr64", write))
        #expect(try both("type == mwr64", write))
        #expect(try !both("type == MWr64", config))
        #expect(try both("type ~ MWr", write))
        #expect(try both("type == mem_write", write))
        #expect(try both("type != mem_write", config))
        #expect(try both("type in {MWr32, MWr64}", write))
        #expect(try both("requester == 04:00.0", write))
        #expect(try both("requester != 04:00.0", config))
        #expect(try both("address in 0x20e006000000/0x1000000", write))
        #expect(try both("address in 0x20e006000000..0x20e006000010", write))
        #expect(try !both("address in 0x20e006000000..0x20e00600000f", write))
        #expect(try !both("address in 0/0x1000", config))
        #expect(try both("tph && ph == 2 && st == 0x2a", write))
        #expect(try both("!tph", config))
        #expect(try both("not tph or length > 100", config))
        #expect(try both("(tc == 0 || tc == 1) && length >= 1 && length <= 1 && length < 2", write))
        #expect(try both("target == 05:00.1 && register == 0", config))
        #expect(try both("record == 3 && source ~ \"x.txt\"", config))
        #expect(try both("mode == non-flit", config))
        #expect(try !both("ohc_b.ph == 2", write))  // non-flit: no OHC-B
    }

    @Test func errorsPointAtTheColumn() {
        func column(_ text: String) -> Int? {
            do {
                _ = try TLPFilter(text)
                return nil
            } catch { return error.column }
        }
        #expect(column("type == ") == 9)
        #expect(column("typo == MWr64") == 1)
        #expect(column("type == MWr6") == 9)
        #expect(column("tph &&") == 7)
        #expect(column("(tph") == 5)
        #expect(column("tc == 1 tc") == 9)
        #expect(column("address in 5..4") == 12)
        #expect(column("address in 0xffffffffffffffff/2") == 31)
        #expect(column("requester == 04:40.0") == 14)
        #expect(column("tc == $") == 7)
        #expect(column("source ~ \"x") == 10)
        let message = FilterError(column: 3, message: "expected a value").explain("a ==")
        #expect(message == "column 3: expected a value\n  a ==\n    ^")
    }

    @Test func randomTextNeverCrashes() {
        var rng = SplitMix64(seed: 15)
        let alphabet = Array("type==MWr64&&||!(){},~/..0x1f:04.0 tph ohc_b.ph in \"'<>=")
        let tlp = try? decode(write, .nonFlit)
        for _ in 0..<2000 {
            let length = Int(rng.next() % 30)
            let text = String((0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            if let filter = try? TLPFilter(text), let tlp { _ = filter.matches(tlp) }
        }
    }
}
