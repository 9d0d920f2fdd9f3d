/// The decoded record of design §5: one object per TLP, keys in snake_case, absent fields
/// omitted. Raw-field objects (`ohc_b`, `prefixes`) are written from the layouts' fields.
///
/// The record is described once, in ``write(_:origin:notes:to:)``, key by key from the
/// ``RecordKey`` table; a ``RecordVisitor`` turns it into JSON bytes (``JSONWriter``) or into
/// entries (``entries(_:origin:notes:)``, for CSV).
public enum TLPRecord {
    /// `path:line`, `path#packet` and ` (device)`: the `source` key, kept in parts so that a
    /// writer formats it without building a `String` per record.
    public struct Source: Hashable, Sendable, CustomStringConvertible {
        public var path: String
        /// 1-based line of the record's first word (text inputs).
        public var line: Int?
        /// 1-based packet number (pcap inputs).
        public var packet: Int?
        /// PCI device named on the log line (`0000:00:1c.0`), if any.
        public var device: String?

        public init(path: String, line: Int? = nil, packet: Int? = nil, device: String? = nil) {
            self.path = path
            self.line = line
            self.packet = packet
            self.device = device
        }

        public var description: String {
            var text = path
            if let line { text += ":\(line)" }
            if let packet { text += "#\(packet)" }
            if let device { text += " (\(device))" }
            return text
        }

        func write(to out: TextBuffer) {
            out.append(path)
            if let line {
                out.append(UInt8(ascii: ":"))
                out.decimal(line)
            }
            if let packet {
                out.append(UInt8(ascii: "#"))
                out.decimal(packet)
            }
            if let device {
                out.append(" (")
                out.append(device)
                out.append(UInt8(ascii: ")"))
            }
        }

        /// True when the text needs no JSON escaping (no quote, backslash or control byte).
        var isPlain: Bool { JSONWriter.isPlain(path) && (device.map(JSONWriter.isPlain) ?? true) }
    }

    /// The `time` key: decimal seconds with nine fraction digits (`"1718122260.123456789"`).
    public struct Time: Hashable, Sendable, CustomStringConvertible {
        public var seconds: Int64
        /// Always below 1,000,000,000: a larger fraction carries into the seconds.
        public var nanoseconds: UInt32

        public init(seconds: Int64, nanoseconds: UInt32) {
            self.seconds = seconds &+ Int64(nanoseconds / 1_000_000_000)
            self.nanoseconds = nanoseconds % 1_000_000_000
        }

        public var description: String {
            let out = TextBuffer(capacity: 32)
            write(to: out)
            return out.string
        }

        func write(to out: TextBuffer) {
            out.decimal(Int(seconds))
            out.append(UInt8(ascii: "."))
            out.decimal(UInt(nanoseconds), width: 9)
        }
    }

    /// Where a record came from, for the `record`, `source` and `time` keys, and whether its
    /// mode was assumed (`mode_assumed`: neither the input nor `--mode` said).
    public struct Origin: Sendable {
        public var record: Int
        public var place: Source
        public var timestamp: Time?
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
            record: Int, place: Source, time: Time? = nil, modeAssumed: Bool = false,
            encapsulation: String? = nil, direction: String? = nil, layer: [RecordEntry] = []
        ) {
            self.record = record
            self.place = place
            self.timestamp = time
            self.modeAssumed = modeAssumed
            self.encapsulation = encapsulation
            self.direction = direction
            self.layer = layer
        }

        public init(
            record: Int, source: String, time: Time? = nil, modeAssumed: Bool = false,
            encapsulation: String? = nil, direction: String? = nil, layer: [RecordEntry] = []
        ) {
            self.init(
                record: record, place: Source(path: source), time: time, modeAssumed: modeAssumed,
                encapsulation: encapsulation, direction: direction, layer: layer)
        }

        /// The `source` text (`a.txt:7`, `x.pcap#3`).
        public var source: String { place.description }
        /// The `time` text, when the capture has one.
        public var time: String? { timestamp?.description }

        /// `record` (unless left out), `source`, `time` and the capture-level keys.
        func writeHead(to v: inout some RecordVisitor, record: Bool = true) {
            if record { v.int(.record, self.record) }
            v.source(place)
            if let timestamp { v.time(timestamp) }
            if let encapsulation { v.string(.encapsulation, encapsulation) }
            if let direction { v.string(.direction, direction) }
            if !layer.isEmpty { v.entries(layer) }
        }
    }

    /// The record of `tlp`, key by key in table order, to `v`. `notes` are capture-level
    /// warnings added to the TLP's own.
    public static func write(_ tlp: TLP, origin: Origin, notes: [String] = [], to v: inout some RecordVisitor) {
        origin.writeHead(to: &v)
        let header = tlp.header
        let info = tlp.info
        let layout = tlp.layout
        v.string(.mode, tlp.mode.rawValue)
        if origin.modeAssumed { v.bool(.modeAssumed, true) }
        v.string(.type, info.type.rawValue)
        v.int(.typeCode, Int(tlp.typeCode))
        func int(_ key: RecordKey, _ role: FieldRole) {
            if let value = layout.value(role, in: header) { v.int(key, Int(value)) }
        }
        func flag(_ key: RecordKey, _ role: FieldRole) {
            if let value = layout.value(role, in: header) { v.bool(key, value != 0) }
        }
        func id(_ key: RecordKey, _ role: FieldRole) {
            if let value = layout.value(role, in: header) { v.pciID(key, PCIID(UInt16(truncatingIfNeeded: value))) }
        }
        int(.tc, .tc)
        int(.attr, .attr)
        int(.length, .length)
        if tlp.mode == .flit {
            int(.ohc, .ohc)
            int(.ts, .ts)
        }
        flag(.th, .th)
        flag(.td, .td)
        flag(.ep, .ep)
        int(.at, .at)
        id(.requester, .requester)
        id(.completer, .completer)
        int(.tag, .tag)
        if let address = tlp.address { v.address(address) }
        if let firstBE = tlp.firstBE { v.int(.firstBE, Int(firstBE)) }
        if let lastBE = tlp.lastBE { v.int(.lastBE, Int(lastBE)) }
        let tph = tlp.tph
        v.bool(.tph, tph != nil)
        if let tph {
            v.int(.st, Int(tph.st))
            v.int(.stWidth, tph.width)
            v.int(.ph, Int(tph.ph))
        }
        let kinds = tlp.ohcKinds
        let ohc = tlp.ohc
        var others = false
        for (index, kind) in kinds.enumerated() where index < ohc.count {
            if kind == .b {
                v.rawFields(.ohcB, OHCKind.b.layout, word: ohc[index], kind: nil, code: nil)
                break
            }
        }
        for (index, kind) in kinds.enumerated() where index < ohc.count && kind != .b { others = true }
        if !tlp.prefixes.isEmpty || others {
            v.beginArray(.prefixes)
            for word in tlp.prefixes {
                let code = UInt8(truncatingIfNeeded: PrefixFields.code.get(word: word))
                let kind = PrefixKind(word: word, mode: tlp.mode)
                v.rawFields(nil, kind.layout, word: word, kind: kind.name, code: code)
            }
            for (index, kind) in kinds.enumerated() where index < ohc.count && kind != .b {
                v.rawFields(nil, kind.layout, word: ohc[index], kind: kind.jsonKind, code: nil)
            }
            v.endArray()
        }
        if let status = tlp.completionStatus { v.string(.status, CompletionStatus.name(status)) }
        int(.byteCount, .byteCount)
        if let lowerAddress = tlp.lowerAddress { v.int(.lowerAddress, Int(lowerAddress)) }
        if let request = origin.request { v.int(.request, request) }
        if let latency = origin.latencyNS { v.int(.latencyNS, Int(clamping: latency)) }
        int(.msgCode, .msgCode)
        if info.kind == .configuration || info.kind == .message { id(.target, .target) }
        if let register = layout.value(.register, in: header) { v.int(.register, Int(register) * 4) }
        v.bool(.truncated, tlp.isTruncated)
        v.wireBytes(tlp)
        let warnings = tlp.warnings
        if !warnings.isEmpty || !notes.isEmpty {
            v.beginArray(.warnings)
            for warning in warnings { v.element(warning) }
            for note in notes { v.element(note) }
            v.endArray()
        }
    }

    /// `{"record": N, "source": "...", "error": "..."}` for a record that could not be decoded.
    public static func writeError(_ message: String, origin: Origin, to v: inout some RecordVisitor) {
        origin.writeHead(to: &v)
        v.string(.error, message)
    }

    /// A packet that holds no TLP (a DLLP, an ordered set, other network traffic):
    /// `{"source": ..., "packet": "dllp", "dllp": {...}}`. It has no record number: other packets
    /// are counted apart from records.
    public static func writeOther(
        _ kind: String, _ entries: [RecordEntry], origin: Origin, to v: inout some RecordVisitor
    ) {
        origin.writeHead(to: &v, record: false)
        v.string(.packet, kind)
        if !entries.isEmpty { v.entries(entries) }
    }

    /// The record's entries in contract order.
    public static func entries(_ tlp: TLP, origin: Origin, notes: [String] = []) -> [RecordEntry] {
        var list = EntryList()
        write(tlp, origin: origin, notes: notes, to: &list)
        return list.entries
    }

    public static func errorEntries(_ message: String, origin: Origin) -> [RecordEntry] {
        var list = EntryList()
        writeError(message, origin: origin, to: &list)
        return list.entries
    }

    public static func otherEntries(_ kind: String, _ entries: [RecordEntry], origin: Origin) -> [RecordEntry] {
        var list = EntryList()
        writeOther(kind, entries, origin: origin, to: &list)
        return list.entries
    }
}

/// What a record is written to, key by key: JSON bytes (``JSONWriter``) or entries
/// (``EntryList``). Keys arrive in ``RecordKey`` order; absent keys never arrive.
public protocol RecordVisitor {
    mutating func int(_ key: RecordKey, _ value: Int)
    mutating func bool(_ key: RecordKey, _ value: Bool)
    mutating func string(_ key: RecordKey, _ value: String)
    mutating func source(_ source: TLPRecord.Source)
    mutating func time(_ time: TLPRecord.Time)
    mutating func pciID(_ key: RecordKey, _ id: PCIID)
    /// The `address` key: `0x` and sixteen lower-case digits.
    mutating func address(_ value: UInt64)
    /// The `bytes` key: the wire bytes as lower-case hex.
    mutating func wireBytes(_ tlp: TLP)
    /// A raw-fields object of one word: under `key`, or the next element of the open array
    /// when `key` is nil.
    mutating func rawFields(_ key: RecordKey?, _ layout: Layout, word: UInt32, kind: String?, code: UInt8?)
    mutating func beginArray(_ key: RecordKey)
    /// A string element of the open array.
    mutating func element(_ text: String)
    mutating func endArray()
    /// Entries with their own keys (the capture layer's, a DLLP's).
    mutating func entries(_ entries: [RecordEntry])
}

/// Collects a record as ``RecordEntry`` values.
public struct EntryList: RecordVisitor {
    public private(set) var entries: [RecordEntry] = []
    private var array: [RecordValue] = []
    private var arrayKey: RecordKey = .warnings

    public init() {}

    private mutating func add(_ key: RecordKey, _ value: RecordValue) {
        entries.append(RecordEntry(key.rawValue, value))
    }

    public mutating func int(_ key: RecordKey, _ value: Int) { add(key, .int(value)) }
    public mutating func bool(_ key: RecordKey, _ value: Bool) { add(key, .bool(value)) }
    public mutating func string(_ key: RecordKey, _ value: String) { add(key, .string(value)) }
    public mutating func source(_ source: TLPRecord.Source) { add(.source, .string(source.description)) }
    public mutating func time(_ time: TLPRecord.Time) { add(.time, .string(time.description)) }
    public mutating func pciID(_ key: RecordKey, _ id: PCIID) { add(key, .string(id.description)) }
    public mutating func address(_ value: UInt64) { add(.address, .string("0x" + Hex.lower(value, width: 16))) }
    public mutating func wireBytes(_ tlp: TLP) { add(.bytes, .string(Hex.bytes(tlp.bytes))) }

    public mutating func rawFields(_ key: RecordKey?, _ layout: Layout, word: UInt32, kind: String?, code: UInt8?) {
        var r = RecordBuilder()
        r.add("kind", kind)
        r.add("code", code)
        for field in layout.fields where field.style != .hidden {
            let value = field.get(word: word)
            if field.style == .flag { r.add(field.key, value != 0) } else { r.add(field.key, Int(value)) }
        }
        if let key { add(key, .object(r.entries)) } else { array.append(.object(r.entries)) }
    }

    public mutating func beginArray(_ key: RecordKey) {
        arrayKey = key
        array = []
    }

    public mutating func element(_ text: String) { array.append(.string(text)) }

    public mutating func endArray() {
        add(arrayKey, .array(array))
        array = []
    }

    public mutating func entries(_ entries: [RecordEntry]) { self.entries += entries }
}

/// Writes a record as one JSON object into a ``TextBuffer``: bytes straight from the values,
/// no `String` per field.
public struct JSONWriter: RecordVisitor {
    public let out: TextBuffer
    private var first = true
    private var firstElement = true
    /// The key tables, looked up once per record rather than once per key.
    private let keys = RecordKey.jsonKeys
    private let fieldKeys = FieldRole.jsonKeys

    /// Starts an object in `out`; ``finish()`` closes it.
    public init(_ out: TextBuffer) {
        self.out = out
        out.append(UInt8(ascii: "{"))
    }

    public func finish() { out.append(UInt8(ascii: "}")) }

    /// A cursor after `,"key":` with `room` more bytes for the value.
    @inline(__always)
    private mutating func key(_ key: RecordKey, room: Int) -> TextCursor {
        var cursor = out.cursor(room: 1 + keys.longest + TextNames.slack + room)
        if first { first = false } else { cursor.byte(UInt8(ascii: ",")) }
        keys.write(key.ordinal, to: &cursor)
        return cursor
    }

    private mutating func key(_ key: RecordKey) {
        out.commit(self.key(key, room: 0))
    }

    public mutating func int(_ key: RecordKey, _ value: Int) {
        var cursor = self.key(key, room: 21)
        cursor.decimal(value)
        out.commit(cursor)
    }

    public mutating func bool(_ key: RecordKey, _ value: Bool) {
        var cursor = self.key(key, room: 5)
        if value { cursor.bytes("true") } else { cursor.bytes("false") }
        out.commit(cursor)
    }

    public mutating func string(_ key: RecordKey, _ value: String) {
        self.key(key)
        Self.string(value, to: out)
    }

    public mutating func source(_ source: TLPRecord.Source) {
        key(.source)
        if source.isPlain {
            out.append(UInt8(ascii: "\""))
            source.write(to: out)
            out.append(UInt8(ascii: "\""))
        } else {
            Self.string(source.description, to: out)
        }
    }

    public mutating func time(_ time: TLPRecord.Time) {
        key(.time)
        out.append(UInt8(ascii: "\""))
        time.write(to: out)
        out.append(UInt8(ascii: "\""))
    }

    public mutating func pciID(_ key: RecordKey, _ id: PCIID) {
        var cursor = self.key(key, room: 10)
        cursor.byte(UInt8(ascii: "\""))
        cursor.hexByte(id.bus, upper: false)
        cursor.byte(UInt8(ascii: ":"))
        cursor.hexByte(id.device, upper: false)
        cursor.byte(UInt8(ascii: "."))
        cursor.hex(UInt64(id.function), upper: false)
        cursor.byte(UInt8(ascii: "\""))
        out.commit(cursor)
    }

    public mutating func address(_ value: UInt64) {
        var cursor = key(.address, room: 21)
        cursor.bytes("\"0x")
        cursor.hexWord(UInt32(truncatingIfNeeded: value >> 32), upper: false)
        cursor.hexWord(UInt32(truncatingIfNeeded: value), upper: false)
        cursor.byte(UInt8(ascii: "\""))
        out.commit(cursor)
    }

    public mutating func wireBytes(_ tlp: TLP) {
        let words = tlp.prefixes.count + tlp.header.count + tlp.ohc.count
        var cursor = key(.bytes, room: 8 * words + 2 * (tlp.payload.count + tlp.trailer.count) + 2)
        cursor.byte(UInt8(ascii: "\""))
        for word in tlp.prefixes { cursor.hexWord(word, upper: false) }
        for word in tlp.header { cursor.hexWord(word, upper: false) }
        for word in tlp.ohc { cursor.hexWord(word, upper: false) }
        for byte in tlp.payload { cursor.hexByte(byte, upper: false) }
        for byte in tlp.trailer { cursor.hexByte(byte, upper: false) }
        cursor.byte(UInt8(ascii: "\""))
        out.commit(cursor)
    }

    public mutating func rawFields(_ key: RecordKey?, _ layout: Layout, word: UInt32, kind: String?, code: UInt8?) {
        if let key {
            self.key(key)
        } else if firstElement {
            firstElement = false
        } else {
            out.append(UInt8(ascii: ","))
        }
        out.append(UInt8(ascii: "{"))
        var first = true
        if let kind {
            first = false
            out.append("\"kind\":")
            Self.string(kind, to: out)
        }
        if let code {
            if first { first = false } else { out.append(UInt8(ascii: ",")) }
            out.append("\"code\":")
            out.decimal(Int(code))
        }
        // By index, so each field is read in place rather than copied out of the array; one
        // cursor per field, with room for its key and value.
        let fields = layout.fields
        for index in fields.indices where fields[index].style != .hidden {
            let value = fields[index].get(word: word)
            var cursor = out.cursor(room: 1 + fieldKeys.longest + TextNames.slack + 10)
            if first { first = false } else { cursor.byte(UInt8(ascii: ",")) }
            fieldKeys.write(fields[index].role.ordinal, to: &cursor)
            if fields[index].style == .flag {
                if value != 0 { cursor.bytes("true") } else { cursor.bytes("false") }
            } else {
                cursor.decimal(value)
            }
            out.commit(cursor)
        }
        out.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray(_ key: RecordKey) {
        self.key(key)
        out.append(UInt8(ascii: "["))
        firstElement = true
    }

    public mutating func element(_ text: String) {
        if firstElement { firstElement = false } else { out.append(UInt8(ascii: ",")) }
        Self.string(text, to: out)
    }

    public mutating func endArray() { out.append(UInt8(ascii: "]")) }

    public mutating func entries(_ entries: [RecordEntry]) {
        for entry in entries {
            if first { first = false } else { out.append(UInt8(ascii: ",")) }
            Self.string(entry.key, to: out)
            out.append(UInt8(ascii: ":"))
            Self.value(entry.value, to: out)
        }
    }

    /// The JSON text of `value`.
    public static func value(_ value: RecordValue, to out: TextBuffer) {
        switch value {
        case .int(let v): out.decimal(v)
        case .number(let v): out.append(v.isFinite ? String(v) : "null")
        case .bool(let v): out.append(v ? "true" : "false")
        case .string(let v): string(v, to: out)
        case .object(let entries):
            out.append(UInt8(ascii: "{"))
            for (index, entry) in entries.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                string(entry.key, to: out)
                out.append(UInt8(ascii: ":"))
                Self.value(entry.value, to: out)
            }
            out.append(UInt8(ascii: "}"))
        case .array(let values):
            out.append(UInt8(ascii: "["))
            for (index, element) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.value(element, to: out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    /// True when `text` needs no escaping in a JSON string.
    static func isPlain(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isPlain($0) }
    }

    @inline(__always)
    static func isPlain(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            return false
        }
        return true
    }

    /// `text` as a JSON string, quoted and escaped: one pass over its bytes in place.
    public static func string(_ text: String, to out: TextBuffer) {
        var text = text
        text.withUTF8 { utf8 in
            out.append(UInt8(ascii: "\""))
            if isPlain(utf8) {
                out.append(utf8)
            } else {
                for byte in utf8 {
                    switch byte {
                    case UInt8(ascii: "\""): out.append("\\\"")
                    case UInt8(ascii: "\\"): out.append("\\\\")
                    case UInt8(ascii: "\n"): out.append("\\n")
                    case UInt8(ascii: "\r"): out.append("\\r")
                    case UInt8(ascii: "\t"): out.append("\\t")
                    case 0..<0x20:
                        out.append("\\u00")
                        out.hexByte(byte, upper: false)
                    default: out.append(byte)
                    }
                }
            }
            out.append(UInt8(ascii: "\""))
        }
    }
}

/// JSON Lines output of records.
public enum JSONRecord {
    public typealias Origin = TLPRecord.Origin

    /// Appends the one-line JSON object for `tlp`, without a newline, to `out`.
    public static func write(_ tlp: TLP, origin: Origin, notes: [String] = [], to out: TextBuffer) {
        var writer = JSONWriter(out)
        TLPRecord.write(tlp, origin: origin, notes: notes, to: &writer)
        writer.finish()
    }

    /// Appends the error record for a record that could not be decoded, without a newline.
    public static func writeError(_ message: String, origin: Origin, to out: TextBuffer) {
        var writer = JSONWriter(out)
        TLPRecord.writeError(message, origin: origin, to: &writer)
        writer.finish()
    }

    /// Appends the record of a packet that holds no TLP, without a newline.
    public static func writeOther(_ kind: String, _ entries: [RecordEntry], origin: Origin, to out: TextBuffer) {
        var writer = JSONWriter(out)
        TLPRecord.writeOther(kind, entries, origin: origin, to: &writer)
        writer.finish()
    }

    /// The one-line JSON object for `tlp`, without a newline.
    public static func render(_ tlp: TLP, origin: Origin, notes: [String] = []) -> String {
        let out = TextBuffer(capacity: 512)
        write(tlp, origin: origin, notes: notes, to: out)
        return out.string
    }

    /// `{"record": N, "source": "...", "error": "..."}` for a record that could not be decoded.
    public static func error(_ message: String, origin: Origin) -> String {
        let out = TextBuffer(capacity: 256)
        writeError(message, origin: origin, to: out)
        return out.string
    }

    public static func render(_ entries: [RecordEntry]) -> String {
        let out = TextBuffer(capacity: 512)
        JSONWriter.value(.object(entries), to: out)
        return out.string
    }
}

/// CSV output of records: a header line, then one row per record with the scalar keys of the
/// JSON record (``RecordKey/csv``); `warnings` are joined with `; `; raw-field objects are left
/// to JSON.
public enum CSVRecord {
    public static let columns = RecordKey.allCases.filter(\.csv).map(\.rawValue)

    public static var header: String { columns.joined(separator: ",") }

    public static func row(_ entries: [RecordEntry]) -> String {
        columns.map { column -> String in
            guard let entry = entries.first(where: { $0.key == column }) else { return "" }
            return quote(text(entry.value))
        }.joined(separator: ",")
    }

    /// A value as a CSV or tab-separated cell shows it: an array of values joined with `; `;
    /// objects, and arrays that hold one, are left to JSON (empty).
    public static func text(_ value: RecordValue) -> String {
        switch value {
        case .int(let v): String(v)
        case .number(let v): v.isFinite ? String(v) : ""
        case .bool(let v): v ? "true" : "false"
        case .string(let v): v
        case .array(let values):
            values.contains { if case .object = $0 { true } else { false } }
                ? "" : values.map(text).joined(separator: "; ")
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
