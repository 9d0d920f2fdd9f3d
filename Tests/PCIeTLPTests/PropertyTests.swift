import PCIeTLP
import Testing

/// Properties over many random TLPs and byte strings. Deterministic seeds, so a failure repeats.
@Suite struct PropertyTests {
    @Test(arguments: LinkMode.allCases)
    func randomValidTLPsRoundTrip(_ mode: LinkMode) throws {
        var rng = SplitMix(seed: mode == .flit ? 1 : 2)
        for _ in 0..<3000 {
            let made = RandomTLP.make(mode, using: &rng)
            let bytes = made.tlp.bytes
            let result = try TLPDecoder.decode(bytes, mode: mode)
            #expect(result.consumed == bytes.count)
            #expect(result.tlp == made.tlp)  // decode(encode(x)) == x
            #expect(result.tlp.bytes == bytes)  // encode(decode(b)) == b
            #expect(result.tlp.address == made.address)
            #expect(result.tlp.tph == made.tph)
            if let requester = made.requester { #expect(result.tlp.requester?.raw == requester) }
            if let tag = made.tag { #expect(result.tlp.tag == tag) }
            #expect(!result.tlp.isTruncated)
            let warnings = result.tlp.warnings.filter { !$0.hasPrefix("Last BE") }
            #expect(warnings.isEmpty, "\(warnings) \(AnalyzerText.render(result.tlp))")
        }
    }

    @Test(arguments: LinkMode.allCases)
    func arbitraryBytesNeverTrap(_ mode: LinkMode) {
        var rng = SplitMix(seed: 99)
        var decoded = 0
        for _ in 0..<20000 {
            let count = Int.random(in: 0...128, using: &rng)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            // Bias towards real type codes so deep paths run, not only reserved ones.
            if !bytes.isEmpty, Bool.random(using: &rng) {
                bytes[0] =
                    [0x00, 0x03, 0x20, 0x40, 0x60, 0x4A, 0x0A, 0x34, 0x74, 0x90, 0x8D, 0x04, 0x6C]
                    .randomElement(using: &rng) ?? 0
            }
            guard let result = try? TLPDecoder.decode(bytes, mode: mode) else { continue }
            decoded += 1
            // Everything downstream of a successful decode must cope with the value too.
            _ = result.tlp.warnings
            _ = AnalyzerText.render(result.tlp, wordOrder: .swapped)
            _ = JSONRecord.render(result.tlp, origin: .init(record: 1, source: "fuzz"))
            #expect(result.consumed <= bytes.count)
            #expect(result.tlp.bytes == Array(bytes.prefix(result.consumed)))
        }
        #expect(decoded > 1000)
    }

    @Test(arguments: LinkMode.allCases)
    func everyCutIsEitherTruncatedOrAHeaderError(_ mode: LinkMode) throws {
        var rng = SplitMix(seed: 5)
        for _ in 0..<300 {
            let tlp = RandomTLP.make(mode, using: &rng).tlp
            let bytes = tlp.bytes
            let headerBytes = 4 * (tlp.prefixes.count + tlp.header.count + tlp.ohc.count)
            for cut in 0..<bytes.count {
                let prefix = Array(bytes.prefix(cut))
                do {
                    let result = try TLPDecoder.decode(prefix, mode: mode)
                    #expect(cut >= headerBytes)
                    #expect(result.tlp.isTruncated)
                    #expect(result.consumed == cut)
                } catch {
                    #expect(cut < headerBytes)
                    #expect(error.code == (cut == 0 ? .empty : .truncatedHeader))
                    if cut > 0 { #expect(error.needed > cut && error.needed <= headerBytes) }
                }
            }
        }
    }
}

/// The hot-path view reads the same values as the full decoder.
@Suite struct TLPViewTests {
    static func agree(_ bytes: [UInt8], _ mode: LinkMode) {
        bytes.withUnsafeBytes { raw in
            let view = try? TLPView(raw, mode: mode)
            let tlp = try? TLPDecoder.decode(raw, mode: mode).tlp
            #expect((view == nil) == (tlp == nil))
            guard let view, let tlp else { return }
            #expect(view.type == tlp.type)
            #expect(view.tc == tlp.tc)
            #expect(view.tph == tlp.tph)
            #expect(view.ohcB == tlp.ohcWord(.b))
            // One set of accessors serves both: they agree on every kind.
            #expect(view.address == tlp.address)
            #expect(view.requester == tlp.requester)
            // The fields the shape table reads by offset, and the ones still read by layout.
            #expect(view.info == tlp.info)
            #expect(view.layout === tlp.layout)
            #expect(view.tag == tlp.tag)
            #expect(view.completer == tlp.completer)
            #expect(view.target == tlp.target)
            #expect(view.byteCount == tlp.byteCount)
            #expect(view.lengthDWs == tlp.lengthDWs)
            #expect(view.declaredPayloadDWs == tlp.declaredPayloadDWs)
            #expect(view.declaredTrailerDWs == tlp.declaredTrailerDWs)
            #expect(view.lowerAddress == tlp.lowerAddress)
            #expect(view.completionStatus == tlp.completionStatus)
            #expect(view.firstBE == tlp.firstBE)
            #expect(view.lastBE == tlp.lastBE)
            #expect(view.headerEnd == 4 * (tlp.prefixes.count + tlp.header.count + tlp.ohc.count))
        }
    }

    /// Every key of the shape table (type code, non-flit TH, flit OHC bits), with random rest.
    @Test(arguments: LinkMode.allCases)
    func viewAgreesWithTheDecoderOnEveryTypeCode(_ mode: LinkMode) {
        var rng = SplitMix(seed: 23)
        for code in 0...255 {
            for byte1 in 0...255 where mode == .flit ? byte1 & 0xE0 == 0 || byte1 == 0xFF : byte1 < 2 || byte1 == 0xFF {
                for _ in 0..<4 {
                    var bytes = (0..<48).map { _ in UInt8.random(in: 0...255, using: &rng) }
                    bytes[0] = UInt8(code)
                    bytes[1] = UInt8(byte1)
                    Self.agree(bytes, mode)
                }
            }
        }
    }

    /// TPH reads OHC-B through ranges copied out of the field table once.
    @Test func tphFromOHCBIsTheFieldTablesReading() {
        var rng = SplitMix(seed: 31)
        for _ in 0..<20000 {
            let word = UInt32.random(in: .min ... .max, using: &rng)
            let hv = OHCFields.hv.get(word: word)
            #expect(TPH.hv(ohcB: word) == hv)
            let st = UInt16(OHCFields.st.get(word: word))
            let ph = UInt8(OHCFields.ph.get(word: word))
            let expected: TPH? =
                hv == 1 ? TPH(st: st, width: 8, ph: ph) : hv == 3 ? TPH(st: st, width: 16, ph: ph) : nil
            #expect(TPH(ohcB: word) == expected)
        }
    }

    @Test func shapeKeysAreTheFieldTablesBits() {
        // TLPShape reads TH and the OHC field from byte 1 of DW0.
        #expect(NonFlitFields.th.get(word: 0x0001_0000) == 1)
        #expect(NonFlitFields.th.get(word: 0x00FE_FFFF) == 0)
        #expect(FlitFields.ohc.get(word: 0x001F_0000) == 0x1F)
        #expect(FlitFields.ohc.get(word: 0xFFE0_FFFF) == 0)
    }

    @Test(arguments: LinkMode.allCases)
    func viewAgreesWithTheDecoderOnValidTLPs(_ mode: LinkMode) {
        var rng = SplitMix(seed: 21)
        for _ in 0..<3000 { Self.agree(RandomTLP.make(mode, using: &rng).tlp.bytes, mode) }
    }

    @Test(arguments: LinkMode.allCases)
    func viewAgreesWithTheDecoderOnArbitraryBytes(_ mode: LinkMode) {
        var rng = SplitMix(seed: 22)
        for _ in 0..<20000 {
            var bytes = (0..<Int.random(in: 0...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if !bytes.isEmpty, Bool.random(using: &rng) {
                bytes[0] = [0x00, 0x20, 0x40, 0x60, 0x90, 0x8D, 0x4C, 0x7B].randomElement(using: &rng) ?? 0
            }
            Self.agree(bytes, mode)
        }
    }
}
