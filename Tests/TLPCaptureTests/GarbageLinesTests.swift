import Foundation
import PCIeTLP
import TLPCapture
import Testing

/// The text readers never lose a well-formed TLP placed between garbage lines.
@Suite struct GarbageLinesTests {
    static let seedWords = "60020008 040000f0 000020e0 06000800 0000f090"

    static func garbage(_ rng: inout SplitMix) -> String {
        let pieces = [
            "random text", "->", "STP", "TLP Header", "0x", "zz zz", "\u{FFFD}\u{0}", "# comment", "",
            "00000000 -> SDP", "HeaderLog: nothing", "12345678 90", "    ", "LnkSta2: Flit-",
        ]
        return (0..<Int.random(in: 1...4, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }
            .joined(separator: " ")
    }

    static func read(_ text: String, _ format: InputFormat) throws -> [CaptureRecord] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tlpcheck-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var reader = try CaptureInput.open(path, ReaderOptions(format: format, mode: .flit)).reader
        var out: [CaptureRecord] = []
        while let record = try reader.next() { out.append(record) }
        return out
    }

    static func holdsSeed(_ records: [CaptureRecord]) -> Bool {
        records.contains { record in
            guard record.error == nil, let tlp = try? TLPDecoder.decode(record.bytes, mode: .flit).tlp else {
                return false
            }
            return tlp.tph == TPH(st: 0xF0, width: 8, ph: 2) && tlp.address == 0x20E0_0600_0800
        }
    }

    @Test(arguments: [InputFormat.hex, .aer, .analyzer])
    func aGoodTLPSurvivesGarbageAroundIt(_ format: InputFormat) throws {
        var rng = SplitMix(seed: 41)
        for _ in 0..<60 {
            let good: String
            switch format {
            case .hex: good = Self.seedWords
            case .aer:
                good =
                    "mlx5_core 0000:04:00.0: AER:   TLP Header (Flit): 0x"
                    + Self.seedWords.replacingOccurrences(of: " ", with: " 0x")
            default:
                good = """
                    60020008 -> STP MWr64 TC=0 OHC=2 TS=0 Attr=0 L=8
                    040000F0 -> RID=4h:0h.0h EP- Tag=F0h
                    000020E0 -> AddrH=000020E0h
                    06000800 -> AddrL=06000800h
                    0000F090 -> OHC-B ST=F0h PH=2 HV=1 AMA=0 AV-
                    """
            }
            let before = (0..<Int.random(in: 0...5, using: &rng)).map { _ in Self.garbage(&rng) }
            let after = (0..<Int.random(in: 0...5, using: &rng)).map { _ in Self.garbage(&rng) }
            // A blank line keeps analyzer garbage from being read as part of the TLP.
            let text = (before + [""] + [good] + [""] + after).joined(separator: "\n") + "\n"
            let records = try Self.read(text, format)
            #expect(Self.holdsSeed(records), "lost the TLP in:\n\(text)")
        }
    }
}

/// The shared deterministic generator, so property tests repeat exactly.
typealias SplitMix = SplitMix64
