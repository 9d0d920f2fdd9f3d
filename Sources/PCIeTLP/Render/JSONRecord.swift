/// The decoded record of design §5: one object per TLP, keys in snake_case, absent fields
/// omitted. Raw-field objects (`ohc_b`, `prefixes`) are written from the layouts' fields.
public enum TLPRecord {
    /// Where a record came from, for the `record`, `source` and `time` keys, and whether its
    /// mode was assumed (`mode_assumed`: neither the input nor `--mode` said).
    public struct Origin: Sendable {
        public var record: Int
        public var source: String
        public var time: String?
        public var modeAssumed: Bool
        /// `encapsulation`: the layer the TLP was taken from when it is not a bare TLP.
        public var encapsulation: String?
        /// `direction`: `inbound` or `outbound`, when the capture says.
        public var direction: String?
        /// What the encapsulation knows beyond the TLP (`nettlp`, `pseudo_header`, `link_seq`).
        public var layer: [RecordEntry]
        /// Completions: the record number of the request they complete, and the time from it in
        /// nanoseconds when both have times.
        public var request: Int?
        public var latencyNS: UInt64?

        public init(
            record: Int, source: String, time: String? = nil, modeAssumed: Bool = false,
            encapsulation: String? = nil, direction: String? = nil, layer: [RecordEntry] = []
        ) {
            self.record = record
            self.source = source
            self.time = time
            self.modeAssumed = modeAssumed
            self.encapsulation = encapsulation
            self.direction = direction
            self.layer = layer
        }

        /// The capture-level entries after `time`.
        func addCapture(to r: inout RecordBuilder) {
            r.add("encapsulation", encapsulation)
            r.add("direction", direction)
            r.entries += layer
        }
    }

    /// The record's entries in contract order. `notes` are capture-level warnings added to the
    /// TLP's own.
    public static func entries(_ tlp: TLP, origin: Origin, notes: [String] = []) -> [RecordEntry] {
        var r = RecordBuilder()
        r.add("record", origin.record)
        r.add("source", origin.source)
        r.add("time", origin.time)
        origin.addCapture(to: &r)
        r.add("mode", tlp.mode.rawValue)
        if origin.modeAssumed { r.add("mode_assumed", true) }
        r.add("type", tlp.type.rawValue)
        r.add("type_code", Int(tlp.typeCode))
        r.add("tc", tlp[.tc])
        r.add("attr", tlp[.attr])
        r.add("length", tlp[.length])
        if tlp.mode == .flit {
            r.add("ohc", tlp[.ohc])
            r.add("ts", tlp[.ts])
        }
        if let th = tlp[.th] { r.add("th", th != 0) }
        if let td = tlp[.td] { r.add("td", td != 0) }
        if let ep = tlp[.ep] { r.add("ep", ep != 0) }
        r.add("at", tlp.at)
        r.add("requester", tlp.requester?.description)
        r.add("completer", tlp.completer?.description)
        r.add("tag", tlp.tag)
        r.add("address", tlp.address.map { "0x" + Hex.lower($0, width: 16) })
        r.add("first_be", tlp.firstBE)
        r.add("last_be", tlp.lastBE)
        let tph = tlp.tph
        r.add("tph", tph != nil)
        if let tph {
            r.add("st", Int(tph.st))
            r.add("st_width", tph.width)
            r.add("ph", Int(tph.ph))
        }
        if let word = tlp.ohcWord(.b) {
            r.add("ohc_b", rawObject(OHCKind.b.layout, word: word))
        }
        let prefixes = prefixObjects(tlp)
        if !prefixes.isEmpty { r.add("prefixes", .array(prefixes)) }
        r.add("status", tlp.completionStatus.map(CompletionStatus.name))
        r.add("byte_count", tlp.byteCount)
        r.add("lower_address", tlp.lowerAddress)
        r.add("request", origin.request)
        if let latency = origin.latencyNS { r.add("latency_ns", Int(clamping: latency)) }
        r.add("msg_code", tlp.msgCode)
        let kind = tlp.info.kind
        r.add("target", kind == .configuration || kind == .message ? tlp.target?.description : nil)
        r.add("register", tlp.registerOffset)
        r.add("truncated", tlp.isTruncated)
        r.add("bytes", Hex.bytes(tlp.bytes))
        let warnings = tlp.warnings + notes
        if !warnings.isEmpty { r.add("warnings", .array(warnings.map { .string($0) })) }
        return r.entries
    }

    /// `{"record": N, "source": "...", "error": "..."}` for a record that could not be decoded.
    public static func errorEntries(_ message: String, origin: Origin) -> [RecordEntry] {
        var r = RecordBuilder()
        r.add("record", origin.record)
        r.add("source", origin.source)
        r.add("time", origin.time)
        origin.addCapture(to: &r)
        r.add("error", message)
        return r.entries
    }

    /// A packet that holds no TLP (a DLLP, an ordered set, other network traffic):
    /// `{"source": ..., "packet": "dllp", "dllp": {...}}`. It has no record number: other packets
    /// are counted apart from records.
    public static func otherEntries(_ kind: String, _ entries: [RecordEntry], origin: Origin) -> [RecordEntry] {
        var r = RecordBuilder()
        r.add("source", origin.source)
        r.add("time", origin.time)
        origin.addCapture(to: &r)
        r.add("packet", kind)
        r.entries += entries
        return r.entries
    }

    /// Prefixes, then the OHC-A, OHC-C and OHC-E words, each as `{"kind": ..., fields...}`.
    private static func prefixObjects(_ tlp: TLP) -> [RecordValue] {
        var out: [RecordValue] = []
        for word in tlp.prefixes {
            let code = UInt8(truncatingIfNeeded: PrefixFields.code.get(word: word))
            let kind = PrefixKind(word: word, mode: tlp.mode)
            out.append(rawObject(kind.layout, word: word, kind: kind.name, code: code))
        }
        for (kind, word) in zip(tlp.ohcKinds, tlp.ohc) where kind != .b {
            out.append(rawObject(kind.layout, word: word, kind: kind.jsonKind))
        }
        return out
    }

    private static func rawObject(_ layout: Layout, word: UInt32, kind: String? = nil, code: UInt8? = nil)
        -> RecordValue
    {
        var r = RecordBuilder()
        r.add("kind", kind)
        r.add("code", code)
        for field in layout.fields where field.style != .hidden {
            let value = field.get(word: word)
            if field.style == .flag { r.add(field.key, value != 0) } else { r.add(field.key, Int(value)) }
        }
        return .object(r.entries)
    }
}

/// JSON Lines output of records.
public enum JSONRecord {
    public typealias Origin = TLPRecord.Origin

    /// The one-line JSON object for `tlp`, without a newline.
    public static func render(_ tlp: TLP, origin: Origin, notes: [String] = []) -> String {
        render(TLPRecord.entries(tlp, origin: origin, notes: notes))
    }

    /// `{"record": N, "source": "...", "error": "..."}` for a record that could not be decoded.
    public static func error(_ message: String, origin: Origin) -> String {
        render(TLPRecord.errorEntries(message, origin: origin))
    }

    public static func render(_ entries: [RecordEntry]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(.object(entries), to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the JSON text of `value` as UTF-8 bytes (no `String` work per character).
    static func write(_ value: RecordValue, to out: inout [UInt8]) {
        switch value {
        case .int(let v): out.append(contentsOf: String(v).utf8)
        case .number(let v): out.append(contentsOf: v.isFinite ? String(v).utf8 : "null".utf8)
        case .bool(let v): out.append(contentsOf: v ? "true".utf8 : "false".utf8)
        case .string(let v): appendString(v, to: &out)
        case .object(let entries):
            out.append(UInt8(ascii: "{"))
            for (index, entry) in entries.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendString(entry.key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(entry.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .array(let values):
            out.append(UInt8(ascii: "["))
            for (index, element) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    static func appendString(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                Hex.appendByte(byte, to: &out)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

}

/// CSV output of records: a header line, then one row per record with the scalar keys of the
/// JSON record; `warnings` are joined with `; `; raw-field objects are left to JSON.
public enum CSVRecord {
    public static let columns = [
        "record", "source", "time", "mode", "type", "type_code", "tc", "attr", "length", "ohc", "ts", "th", "td", "ep",
        "at", "requester", "completer", "tag", "address", "first_be", "last_be", "tph", "st", "st_width", "ph",
        "status", "byte_count", "lower_address", "msg_code", "target", "register", "truncated", "bytes", "warnings",
        "error",
    ]

    public static var header: String { columns.joined(separator: ",") }

    public static func row(_ entries: [RecordEntry]) -> String {
        columns.map { column -> String in
            guard let entry = entries.first(where: { $0.key == column }) else { return "" }
            return quote(text(entry.value))
        }.joined(separator: ",")
    }

    private static func text(_ value: RecordValue) -> String {
        switch value {
        case .int(let v): String(v)
        case .number(let v): v.isFinite ? String(v) : ""
        case .bool(let v): v ? "true" : "false"
        case .string(let v): v
        case .array(let values): values.map(text).joined(separator: "; ")
        case .object: ""
        }
    }

    private static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences("\"", "\"\"") + "\""
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
