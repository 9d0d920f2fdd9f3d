import PCIeTLP

/// `--fields k1,k2,...`: the record keys to write, in the order given (Docs/formats.md, "Output:
/// selected fields"). A dotted key (`ohc_b.ph`) reads a key of a nested object. JSON Lines keep
/// only those keys; CSV and `--format fields` have one column per key, empty where the record
/// has none.
struct FieldSelection {
    /// The keys, spaces taken out, empty items and repeats dropped (the first place counts).
    let keys: [String]

    /// Nil without `--fields`; a list with no key in it is a usage error.
    init?(_ list: String?) throws(SelectionError) {
        guard let list else { return nil }
        var seen: Set<String> = []
        keys = list.split(separator: ",").map { String($0.filter { $0 != " " }) }.filter {
            !$0.isEmpty && seen.insert($0).inserted
        }
        guard !keys.isEmpty else { throw SelectionError(message: "--fields needs at least one key, e.g. record,type") }
    }

    struct SelectionError: Error { var message: String }

    /// The keys that no record can have: the first part is no record key (`reqeuster`), or a
    /// dotted key reads into a value that is not an object (`type.x`, `prefixes.kind`).
    var unknownKeys: [String] {
        keys.filter { key in
            let parts = key.split(separator: ".", omittingEmptySubsequences: false)
            guard let first = RecordKey(rawValue: String(parts[0])), !parts.contains(where: \.isEmpty) else {
                return true
            }
            return parts.count > 1 && first.kind != .object
        }
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
