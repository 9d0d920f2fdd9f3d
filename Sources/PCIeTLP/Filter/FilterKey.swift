/// A record key a filter can read, resolved once when the filter compiles. Each reads the
/// ``TLPWords`` accessors that the JSON record is built from, so a key has the value the record
/// shows (IDs as their 16-bit value, `status` and `type` as names).
enum FilterKey: Sendable, Equatable {
    case record, source, mode, type, group, typeCode
    case tc, attr, length, lengthDWs, ohc, ts, th, td, ep, at
    case requester, completer, target, tag, address, firstBE, lastBE
    case tph, st, stWidth, ph, status, byteCount, lowerAddress, msgCode, register
    /// A field of the OHC-B word (`ohc_b.ph`).
    case ohcB(Field)

    /// How a literal compared with the key is read.
    enum Kind { case int, id, string, bool }

    static let names: [(String, FilterKey)] = [
        ("record", .record), ("source", .source), ("mode", .mode), ("type", .type), ("group", .group),
        ("type_code", .typeCode), ("tc", .tc), ("attr", .attr), ("length", .length), ("length_dw", .lengthDWs),
        ("ohc", .ohc), ("ts", .ts), ("th", .th), ("td", .td), ("ep", .ep), ("at", .at),
        ("requester", .requester), ("completer", .completer), ("target", .target), ("tag", .tag),
        ("address", .address), ("first_be", .firstBE), ("last_be", .lastBE), ("tph", .tph), ("st", .st),
        ("st_width", .stWidth), ("ph", .ph), ("status", .status), ("byte_count", .byteCount),
        ("lower_address", .lowerAddress), ("msg_code", .msgCode), ("register", .register),
    ]

    /// Every key name, for messages and documentation.
    static var allNames: [String] {
        names.map(\.0) + OHCKind.b.layout.fields.filter { $0.style != .hidden }.map { "ohc_b." + $0.key }
    }

    init?(name: String) {
        if name.hasPrefix("ohc_b.") {
            let field = String(name.dropFirst(6))
            guard let found = OHCKind.b.layout.fields.first(where: { $0.key == field && $0.style != .hidden })
            else { return nil }
            self = .ohcB(found)
            return
        }
        guard let found = Self.names.first(where: { $0.0 == name }) else { return nil }
        self = found.1
    }

    var kind: Kind {
        switch self {
        case .source, .mode, .type, .group, .status: .string
        case .requester, .completer, .target: .id
        case .th, .td, .ep, .tph: .bool
        default: .int
        }
    }

    /// The type group names `group` compares with (and `type ==` accepts).
    static func groupName(_ kind: TLPKind) -> String {
        switch kind {
        case .memoryRead: "mem_read"
        case .memoryWrite: "mem_write"
        case .atomic: "atomic"
        case .deferrableWrite: "deferrable_write"
        case .io: "io"
        case .configuration: "config"
        case .completion: "completion"
        case .uioCompletion: "uio_completion"
        case .message: "message"
        case .nop: "nop"
        case .prefix: "prefix"
        case .reserved: "reserved"
        }
    }

    static let groupNames: [String] = [
        "mem_read", "mem_write", "atomic", "deferrable_write", "io", "config", "completion", "uio_completion",
        "message", "nop", "prefix", "reserved",
    ]

    func value<W: TLPWords>(_ subject: FilterSubject<W>) -> FilterValue? {
        let w = subject.words
        func int(_ v: (some BinaryInteger)?) -> FilterValue? { v.map { .int(UInt64(truncatingIfNeeded: $0)) } }
        func flag(_ v: UInt32?) -> FilterValue? { v.map { .int($0 != 0 ? 1 : 0) } }
        switch self {
        case .record: return int(subject.record)
        case .source: return .string(subject.source())
        case .mode: return .string(w.mode.rawValue)
        case .type: return .string(w.type.rawValue)
        case .group: return .string(Self.groupName(w.info.kind))
        case .typeCode: return int(w.typeCode)
        case .tc: return int(w[.tc])
        case .attr: return int(w[.attr])
        case .length: return int(w[.length])
        case .lengthDWs: return w[.length] == nil ? nil : int(w.lengthDWs)
        case .ohc: return w.mode == .flit ? int(w[.ohc]) : nil
        case .ts: return w.mode == .flit ? int(w[.ts]) : nil
        case .th: return flag(w[.th])
        case .td: return flag(w[.td])
        case .ep: return flag(w[.ep])
        case .at: return int(w.at)
        case .requester: return int(w.requester?.raw)
        case .completer: return int(w.completer?.raw)
        case .target:
            let kind = w.info.kind
            return kind == .configuration || kind == .message ? int(w.target?.raw) : nil
        case .tag: return int(w.tag)
        case .address: return int(w.address)
        case .firstBE: return int(w.firstBE)
        case .lastBE: return int(w.lastBE)
        case .tph: return .int(w.tph != nil ? 1 : 0)
        case .st: return int(w.tph?.st)
        case .stWidth: return int(w.tph?.width)
        case .ph: return int(w.tph?.ph)
        case .status: return w.completionStatus.map { .string(CompletionStatus.name($0)) }
        case .byteCount: return int(w.byteCount)
        case .lowerAddress: return int(w.lowerAddress)
        case .msgCode: return int(w.msgCode)
        case .register: return int(w.registerOffset)
        case .ohcB(let field): return int(w.ohcWord(.b).map { field.get(word: $0) })
        }
    }
}
