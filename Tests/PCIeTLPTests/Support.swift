import Foundation
import PCIeTLP

/// The repository's `Fixtures/` folder, found from this file's path.
let fixturesURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures")

/// Wire bytes from 8-digit words in wire order (`60020008 ...`).
func wire(_ words: String, swapped: Bool = false) -> [UInt8] {
    words.split(separator: " ").flatMap { token -> [UInt8] in
        let value = UInt32(token, radix: 16) ?? 0
        let dw = swapped ? value.byteSwapped : value
        return [UInt8(dw >> 24), UInt8(dw >> 16 & 0xFF), UInt8(dw >> 8 & 0xFF), UInt8(dw & 0xFF)]
    }
}

func decode(_ bytes: [UInt8], _ mode: LinkMode) throws -> TLP {
    try TLPDecoder.decode(bytes, mode: mode).tlp
}

/// The JSON record of `tlp` as a dictionary.
func jsonObject(_ tlp: TLP) throws -> [String: Any] {
    let line = JSONRecord.render(tlp, origin: .init(record: 1, source: "test"))
    return try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
}

/// The shared deterministic generator, so property tests repeat exactly.
typealias SplitMix = SplitMix64
