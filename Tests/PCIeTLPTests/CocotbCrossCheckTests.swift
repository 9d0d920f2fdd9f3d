import Foundation
import PCIeTLP
import Testing

/// Non-flit TLPs packed by cocotbext-pcie (an independent encoder; see Fixtures/cocotb/README.md):
/// our JSON record must agree with every field the generator set.
@Suite struct CocotbCrossCheckTests {
    struct Vector: Decodable {
        let bytes: String
        let expect: [String: JSONValue]
    }

    enum JSONValue: Decodable, Equatable, CustomStringConvertible {
        case int(Int), bool(Bool), string(String)
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Int.self) {
                self = .int(value)
            } else {
                self = .string(try container.decode(String.self))
            }
        }
        /// True when a value from JSONSerialization means the same as this one.
        func matches(_ any: Any?) -> Bool {
            switch self {
            case .bool(let value): (any as? Bool) == value && !(any is String)
            case .int(let value): (any as? Int) == value && !(any is String)
            case .string(let value): (any as? String) == value
            }
        }
        var description: String {
            switch self {
            case .int(let v): "\(v)"
            case .bool(let v): "\(v)"
            case .string(let v): v
            }
        }
    }

    static let vectors: [Vector] = {
        let url = fixturesURL.appendingPathComponent("cocotb/nfm-vectors.jsonl")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Vector.self, from: Data($0.utf8)) }
    }()

    @Test func thereAreEnoughVectorsOfEveryKind() {
        #expect(Self.vectors.count >= 1000)
        let types = Set(Self.vectors.compactMap { $0.expect["type"]?.description })
        for needed in ["MRd32", "MWr64", "IORd", "CfgWr1", "Cpl", "CplD", "FetchAdd64", "CAS32", "Swap64"] {
            #expect(types.contains(needed), "no \(needed) vector")
        }
        #expect(Self.vectors.contains { $0.expect["tph"] == .bool(true) })
    }

    @Test func decoderAgreesFieldByField() throws {
        var mismatches: [String] = []
        for (index, vector) in Self.vectors.enumerated() {
            let bytes = try #require(hexBytes(vector.bytes))
            let result = try TLPDecoder.decode(bytes, mode: .nonFlit)
            #expect(result.consumed == bytes.count, "vector \(index + 1): consumed \(result.consumed)")
            let json = try jsonObject(result.tlp)
            for (key, expected) in vector.expect {
                if !expected.matches(json[key]) {
                    mismatches.append("vector \(index + 1) \(key): expected \(expected), got \(json[key] ?? "nothing")")
                }
            }
            // Keys the generator leaves out must be absent too (no Tag for MWr with TH=1, ...).
            for key in ["tag", "first_be", "last_be", "st", "completer"] where vector.expect[key] == nil {
                if json[key] != nil { mismatches.append("vector \(index + 1): unexpected \(key)") }
            }
        }
        for mismatch in mismatches.prefix(10) { Issue.record("\(mismatch)") }
        #expect(mismatches.count == 0)
    }

    private func hexBytes(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2, limitedBy: text.endIndex) ?? text.endIndex
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
