import Foundation
import PCIeTLP
import Testing

/// The JSON record uses the contract's keys (Docs/design.md §5) and nothing else.
@Suite struct JSONRecordTests {
    /// The contract's keys: the record-key table (additions recorded in Docs/design.md,
    /// "Changes to the contract").
    static let contractKeys = Set(RecordKey.allCases.map(\.rawValue))

    @Test(arguments: LinkMode.allCases)
    func everyKeyIsAContractKey(_ mode: LinkMode) throws {
        var rng = SplitMix(seed: 11)
        var seen: Set<String> = []
        for _ in 0..<2000 {
            let json = try jsonObject(RandomTLP.make(mode, using: &rng).tlp)
            seen.formUnion(json.keys)
        }
        #expect(seen.isSubset(of: Self.contractKeys), "\(seen.subtracting(Self.contractKeys))")
        let modeSpecific: Set<String> = mode == .flit ? ["ohc", "ts", "ohc_b"] : ["th", "td"]
        #expect(modeSpecific.isSubset(of: seen))
    }

    @Test func schemaDocumentsExactlyTheContractKeys() throws {
        let url = fixturesURL.deletingLastPathComponent().appendingPathComponent("Docs/record.schema.json")
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let properties = try #require(schema?["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Self.contractKeys)
        for key in RecordKey.allCases {
            let property = try #require(properties[key.rawValue] as? [String: Any])
            if let type = property["type"] as? String { #expect(type == key.kind.rawValue, "\(key)") }
        }
    }

    /// Records write their keys in table order, and the CSV columns are the table's CSV keys.
    @Test(arguments: LinkMode.allCases)
    func keysFollowTheTableOrder(_ mode: LinkMode) throws {
        let order = Dictionary(uniqueKeysWithValues: RecordKey.allCases.enumerated().map { ($1.rawValue, $0) })
        var rng = SplitMix(seed: 12)
        for _ in 0..<500 {
            let entries = TLPRecord.entries(
                RandomTLP.make(mode, using: &rng).tlp, origin: .init(record: 1, source: "x"))
            let positions = entries.compactMap { order[$0.key] }
            #expect(positions.count == entries.count)
            #expect(positions == positions.sorted())
        }
        #expect(CSVRecord.columns == RecordKey.allCases.filter(\.csv).map(\.rawValue))
        #expect(CSVRecord.columns.last == "error")
    }

    @Test func errorRecordHasRecordSourceAndError() throws {
        let line = JSONRecord.error(
            "TLP header cut short: need 16 bytes, have 8", origin: .init(record: 3, source: "a.txt:7"))
        #expect(line == #"{"record":3,"source":"a.txt:7","error":"TLP header cut short: need 16 bytes, have 8"}"#)
    }

    @Test func stringsAreEscaped() throws {
        let line = JSONRecord.error("a \"quote\" and \\ and \u{1}", origin: .init(record: 1, source: "x\ny"))
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["error"] as? String == "a \"quote\" and \\ and \u{1}")
        #expect(object?["source"] as? String == "x\ny")
    }

    @Test func prefixObjectsCarryKindAndFields() throws {
        let tlp = try decode(wire("90010000 91000123 40010001 0400F000 10000001 DEADBEEF"), .nonFlit)
        let prefixes = try #require(try jsonObject(tlp)["prefixes"] as? [[String: Any]])
        #expect(prefixes.count == 2)
        #expect(prefixes[0]["kind"] as? String == "tph")
        #expect(prefixes[0]["st_high"] as? Int == 1)
        #expect(prefixes[1]["kind"] as? String == "pasid")
        #expect(prefixes[1]["pasid"] as? Int == 0x123)
    }
}
