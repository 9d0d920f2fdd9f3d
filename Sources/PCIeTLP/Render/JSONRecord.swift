/// The JSON Lines record of design §5: one object per TLP, keys in snake_case, absent fields
/// omitted. Raw-field objects (`ohc_b`, `prefixes`) are written from the layouts' fields.
public enum JSONRecord {
    /// Where a record came from, for the `record`, `source` and `time` keys.
    public struct Origin: Sendable {
        public var record: Int
        public var source: String
        public var time: String?

        public init(record: Int, source: String, time: String? = nil) {
            self.record = record
            self.source = source
            self.time = time
        }
    }

    /// The one-line JSON object for `tlp`, without a newline.
    public static func render(_ tlp: TLP, origin: Origin) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.field("record", origin.record)
        json.field("source", origin.source)
        json.optional("time", origin.time)
        json.field("mode", tlp.mode.rawValue)
        json.field("type", tlp.type.rawValue)
        json.field("type_code", Int(tlp.typeCode))
        json.optional("tc", tlp[.tc])
        json.optional("attr", tlp[.attr])
        json.optional("length", tlp[.length])
        if tlp.mode == .flit {
            json.optional("ohc", tlp[.ohc])
            json.optional("ts", tlp[.ts])
        }
        if let th = tlp[.th] { json.field("th", th != 0) }
        if let td = tlp[.td] { json.field("td", td != 0) }
        if let ep = tlp[.ep] { json.field("ep", ep != 0) }
        json.optional("at", tlp.at)
        json.optional("requester", tlp.requester?.description)
        json.optional("completer", tlp.completer?.description)
        json.optional("tag", tlp.tag)
        json.optional("address", tlp.address.map { "0x" + hex($0, width: 16) })
        json.optional("first_be", tlp.firstBE)
        json.optional("last_be", tlp.lastBE)
        let tph = tlp.tph
        json.field("tph", tph != nil)
        if let tph {
            json.field("st", Int(tph.st))
            json.field("st_width", tph.width)
            json.field("ph", Int(tph.ph))
        }
        if let word = tlp.ohcWord(.b) {
            json.key("ohc_b")
            rawObject(OHCKind.b.layout, word: word, kind: nil, into: &json)
        }
        writePrefixes(tlp, into: &json)
        json.optional("status", tlp.completionStatus.map(CompletionStatus.name))
        json.optional("byte_count", tlp.byteCount)
        json.optional("lower_address", tlp.lowerAddress)
        json.optional("msg_code", tlp.msgCode)
        json.optional(
            "target",
            tlp.info.kind == .configuration || tlp.info.kind == .message ? tlp.target?.description : nil)
        json.optional("register", tlp.registerOffset)
        json.field("truncated", tlp.isTruncated)
        json.field("bytes", tlp.bytes.map { hex($0, width: 2) }.joined())
        let warnings = tlp.warnings
        if !warnings.isEmpty {
            json.beginArray("warnings")
            for warning in warnings { json.field(nil, warning) }
            json.endArray()
        }
        json.endObject()
        return json.text
    }

    /// `{"record": N, "source": "...", "error": "..."}` for a record that could not be decoded.
    public static func error(_ message: String, origin: Origin) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.field("record", origin.record)
        json.field("source", origin.source)
        json.optional("time", origin.time)
        json.field("error", message)
        json.endObject()
        return json.text
    }

    /// Prefixes, then the OHC-A, OHC-C and OHC-E words, each as `{"kind": ..., fields...}`.
    private static func writePrefixes(_ tlp: TLP, into json: inout JSONWriter) {
        let ohc = zip(tlp.ohcKinds, tlp.ohc).filter { $0.0 != .b }
        guard !tlp.prefixes.isEmpty || !ohc.isEmpty else { return }
        json.beginArray("prefixes")
        for word in tlp.prefixes {
            let kind = PrefixKind(code: UInt8(truncatingIfNeeded: word >> 24), mode: tlp.mode)
            json.key(nil)
            rawObject(
                kind.layout, word: word, kind: kind.name, into: &json,
                code: UInt8(truncatingIfNeeded: word >> 24))
        }
        for (kind, word) in ohc {
            json.key(nil)
            rawObject(kind.layout, word: word, kind: kind.jsonKind, into: &json)
        }
        json.endArray()
    }

    private static func rawObject(
        _ layout: Layout, word: UInt32, kind: String?, into json: inout JSONWriter, code: UInt8? = nil
    ) {
        json.beginObject()
        if let kind { json.field("kind", kind) }
        if let code { json.field("code", Int(code)) }
        for field in layout.fields where field.style != .hidden {
            let value = field.get(word: word)
            if field.style == .flag {
                json.field(field.key, value != 0)
            } else {
                json.field(field.key, Int(value))
            }
        }
        json.endObject()
    }
}
