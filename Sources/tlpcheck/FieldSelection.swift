import PCIeTLP

/// `--fields k1,k2,...`: the record keys to write, in the order given (`ohc_b.ph` reads a key
/// of a nested object). JSON Lines keep only those keys; CSV and `--format fields` have one
/// column per key, empty where the record has none.
struct FieldSelection {
    let keys: [String]

    init?(_ list: String?) {
        guard let list else { return nil }
        keys = list.split(separator: ",").map { String($0.filter { $0 != " " }) }.filter { !$0.isEmpty }
        guard !keys.isEmpty else { return nil }
    }

    static func value(_ key: String, in entries: [RecordEntry]) -> RecordValue? {
        var current = entries
        let parts = key.split(separator: ".")
        for (index, part) in parts.enumerated() {
            guard let entry = current.first(where: { $0.key == part }) else { return nil }
            if index == parts.count - 1 { return entry.value }
            guard case .object(let inner) = entry.value else { return nil }
            current = inner
        }
        return nil
    }

    /// The selected keys that the record has, for JSON (a nested key keeps its full name).
    func entries(_ entries: [RecordEntry]) -> [RecordEntry] {
        keys.compactMap { key in Self.value(key, in: entries).map { RecordEntry(key, $0) } }
    }

    func csvHeader() -> String { keys.map(Self.quote).joined(separator: ",") }

    func csvRow(_ entries: [RecordEntry]) -> String {
        keys.map { Self.quote(Self.value($0, in: entries).map(Self.text) ?? "") }.joined(separator: ",")
    }

    /// Tab-separated, like `tshark -T fields -e`: tabs and line breaks in a value become spaces.
    func tabRow(_ entries: [RecordEntry]) -> String {
        keys.map { key in
            String(
                (Self.value(key, in: entries).map(Self.text) ?? "").map {
                    $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0
                })
        }.joined(separator: "\t")
    }

    static func text(_ value: RecordValue) -> String { CSVRecord.text(value) }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
