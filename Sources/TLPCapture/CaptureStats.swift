import PCIeTLP

/// Counts over a whole capture: by type, requester, ST/PH pair, TPH coverage of memory
/// requests, truncated and malformed records. Memory stays proportional to the number of
/// distinct keys, not to the capture.
public struct CaptureStats: Sendable {
    public private(set) var records = 0
    public private(set) var decoded = 0
    public private(set) var errors = 0
    public private(set) var truncated = 0
    public private(set) var withWarnings = 0
    public private(set) var modes: [String: Int] = [:]
    public private(set) var types: [String: Int] = [:]
    public private(set) var requesters: [String: Int] = [:]
    public private(set) var memoryRequests = 0
    public private(set) var memoryRequestsWithTPH = 0
    public private(set) var tphPairs: [TPH: Int] = [:]
    /// Per encapsulation of packet captures (`tlp`, `nettlp`, `pcie-capture`); text inputs
    /// have none.
    public private(set) var encapsulations: [String: EncapsulationCounts] = [:]

    /// What one encapsulation's packets held.
    public struct EncapsulationCounts: Sendable, Equatable {
        /// Records (TLPs, or packets that should have held one and could not be read).
        public var records = 0
        /// Packets that hold no TLP, by kind.
        public var others: [String: Int] = [:]
        /// Packets by direction (`inbound`, `outbound`, `unknown`).
        public var directions: [String: Int] = [:]
    }

    public init() {}

    /// Counts a record or other packet of a packet capture under its encapsulation.
    public mutating func addPacket(_ record: CaptureRecord) {
        guard record.source.packet != nil else { return }
        let name = record.encapsulation?.rawValue ?? Encapsulation.tlp.rawValue
        var counts = encapsulations[name, default: EncapsulationCounts()]
        if let other = record.other { counts.others[other.kind, default: 0] += 1 } else { counts.records += 1 }
        counts.directions[record.direction?.rawValue ?? "unknown", default: 0] += 1
        encapsulations[name] = counts
    }

    public mutating func add(_ result: DecodedRecord) {
        records += 1
        switch result {
        case .error:
            errors += 1
        case .tlp(let tlp, let notes):
            decoded += 1
            if tlp.isTruncated { truncated += 1 }
            if !notes.isEmpty || !tlp.warnings.isEmpty { withWarnings += 1 }
            modes[tlp.mode.rawValue, default: 0] += 1
            types[tlp.type.rawValue, default: 0] += 1
            if let requester = tlp.requester { requesters[requester.description, default: 0] += 1 }
            if tlp.info.kind.isMemoryRequest {
                memoryRequests += 1
                if let tph = tlp.tph {
                    memoryRequestsWithTPH += 1
                    tphPairs[tph, default: 0] += 1
                }
            }
        }
    }

    /// Share of memory requests that carry valid TPH, 0...1 (0 when there are none).
    public var tphCoverage: Double {
        memoryRequests == 0 ? 0 : Double(memoryRequestsWithTPH) / Double(memoryRequests)
    }

    /// Entries of a count table, most frequent first, then by name (deterministic output).
    public static func sorted<Key: Comparable>(_ table: [Key: Int]) -> [(key: Key, count: Int)] {
        table.map { (key: $0.key, count: $0.value) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key
        }
    }

    /// ST/PH pairs, most frequent first.
    public var sortedPairs: [(tph: TPH, count: Int)] {
        tphPairs.map { (tph: $0.key, count: $0.value) }.sorted {
            if $0.count != $1.count { return $0.count > $1.count }
            return ($0.tph.width, $0.tph.st, $0.tph.ph) < ($1.tph.width, $1.tph.st, $1.tph.ph)
        }
    }
}
