/// Every top-level key of a decoded record, defined once and in the order records write them.
///
/// The record writer (``TLPRecord``) emits keys only through this table, the CSV columns are
/// the keys marked `csv`, and a test holds the table equal to the properties of
/// Docs/record.schema.json. A new key is added here first.
public enum RecordKey: String, CaseIterable, Sendable {
    case record, source, time
    case encapsulation, direction, nettlp
    case pseudoHeader = "pseudo_header"
    case linkSeq = "link_seq"
    case packet, dllp
    case mode
    case modeAssumed = "mode_assumed"
    case type
    case typeCode = "type_code"
    case tc, attr, length, ohc, ts, th, td, ep, at, requester, completer, tag, address
    case firstBE = "first_be"
    case lastBE = "last_be"
    case tph, st
    case stWidth = "st_width"
    case ph
    case ohcB = "ohc_b"
    case prefixes, status
    case byteCount = "byte_count"
    case lowerAddress = "lower_address"
    case request
    case latencyNS = "latency_ns"
    case msgCode = "msg_code"
    case target, register, truncated, bytes, warnings, error

    /// The JSON type of the key's value.
    public enum Kind: String, Sendable {
        case integer, string, boolean, object, array
    }

    public var kind: Kind {
        switch self {
        case .record, .linkSeq, .typeCode, .tc, .attr, .length, .ohc, .ts, .at, .tag, .firstBE, .lastBE, .st,
            .stWidth, .ph, .byteCount, .lowerAddress, .request, .latencyNS, .msgCode, .register:
            .integer
        case .source, .time, .encapsulation, .direction, .packet, .mode, .type, .requester, .completer, .address,
            .status, .target, .bytes, .error:
            .string
        case .modeAssumed, .th, .td, .ep, .tph, .truncated: .boolean
        case .nettlp, .pseudoHeader, .dllp, .ohcB: .object
        case .prefixes, .warnings: .array
        }
    }

    /// True for the scalar keys that are CSV columns (objects are left to JSON; `warnings` is
    /// joined; the capture layer's keys and `mode_assumed` are JSON only).
    public var csv: Bool {
        switch self {
        case .encapsulation, .direction, .nettlp, .pseudoHeader, .linkSeq, .packet, .dllp, .modeAssumed, .ohcB,
            .prefixes, .request, .latencyNS:
            false
        default: true
        }
    }
}
