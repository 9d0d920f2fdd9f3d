import PCIeTLP
import TLPCapture
import TPHVerify
import Testing

/// The verifier pairs from fields read in place (``TLPView``); `decode` and `stats` from decoded
/// TLPs. Both must read the same fields.
@Suite struct PairingFieldTests {
    @Test(arguments: [LinkMode.flit, .nonFlit])
    func viewAndDecodedTLPAgree(_ mode: LinkMode) throws {
        let tuples = [
            PublishedTuple(
                name: "a", flags: [.st, .stExt], steeringTag: 0xF0, steeringTagExt: 0x1F0, ph: 2,
                ranges: [AddressRange(base: 0x20E0_0600_0000, size: 0x100_0000)]),
            PublishedTuple(
                name: "b", flags: [.st], steeringTag: 0x10, ph: 1, ranges: [AddressRange(base: 0x3000, size: 0x1000)]),
        ]
        var synth = TrafficSynthesizer(
            mode: mode, tuples: tuples, mismatchRate: 0.2, fullPayload: true, seed: 11, transactions: true)
        var paired = 0
        for _ in 0..<3000 {
            let tlp = synth.next().tlp
            let decoded = TransactionTLP(tlp)
            let viewed = tlp.bytes.withUnsafeBytes { raw in
                (try? TLPView(raw, mode: mode)).flatMap { TransactionTLP($0) }
            }
            #expect(decoded == viewed, "\(tlp.bytes)")
            if decoded != nil { paired += 1 }
        }
        #expect(paired > 300)
    }

    @Test func flitCompletionStatusAndLowerAddressComeFromOHCA5() throws {
        var tlp = try #require(TLP(mode: .flit, type: .cpl))
        tlp.set(.requester, 0x0400)
        tlp.set(.completer, 0x0500)
        tlp.set(.tag, 0x1234)
        tlp.set(.byteCount, 4)
        let a5 = OHCFields.status.set(1, inWord: OHCFields.lowerAddressLow.set(2, inWord: 0))
        tlp.setOHC(.a5, a5)
        let viewed = tlp.bytes.withUnsafeBytes { raw in
            (try? TLPView(raw, mode: .flit)).flatMap { TransactionTLP($0) }
        }
        #expect(viewed == TransactionTLP(tlp))
        guard case .completion(_, let tag, _, let status, _, let lower, _)? = viewed else {
            Issue.record("not a completion")
            return
        }
        #expect(tag == 0x1234 && status == 1 && lower & 3 == 2)
    }

    @Test(arguments: [LinkMode.flit, .nonFlit])
    func viewAndDecodedTLPAgreeOnRandomBytes(_ mode: LinkMode) throws {
        var rng = SplitMix64(seed: 23)
        // Types that pair: reads, IO, Cfg, AtomicOps, DMWr, completions (either table).
        let codes: [UInt8] =
            mode == .flit
            ? [0x03, 0x04, 0x05, 0x20, 0x01, 0x02, 0x0A, 0x42, 0x44, 0x4A, 0x4B, 0x4C, 0x4E, 0x5B, 0x7B, 0x0B]
            : [
                0x00, 0x20, 0x01, 0x21, 0x02, 0x42, 0x04, 0x05, 0x44, 0x45, 0x0A, 0x4A, 0x0B, 0x4B, 0x4C, 0x6C, 0x4E,
                0x5B, 0x7B,
            ]
        var paired = 0
        for _ in 0..<5000 {
            var bytes = (0..<48).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            bytes[0] = codes[Int(rng.below(UInt64(codes.count)))]
            guard let tlp = try? TLPDecoder.decode(bytes, mode: mode).tlp else { continue }
            let viewed = bytes.withUnsafeBytes { raw in (try? TLPView(raw, mode: mode)).flatMap { TransactionTLP($0) } }
            #expect(TransactionTLP(tlp) == viewed, "\(bytes)")
            if viewed != nil { paired += 1 }
        }
        #expect(paired > 1000)
    }
}
