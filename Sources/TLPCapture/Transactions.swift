import PCIeTLP

/// What pairing needs of one TLP: a non-posted request, or a completion.
public enum TransactionTLP: Equatable, Sendable {
    /// A non-posted request (MRd, MRdLk, IORd/IOWr, CfgRd/CfgWr, AtomicOps, DMWr).
    /// `bytes`: the byte count its completions must add up to (memory reads), or nil.
    /// `lowerAddress`: the first completion's Lower Address (memory reads), or nil.
    case request(type: TLPType, requester: UInt16, tag: UInt16, target: UInt16?, bytes: UInt32?, lowerAddress: UInt8?)
    /// A completion: `payloadBytes` is what its Length announces (0 without data).
    case completion(
        requester: UInt16, tag: UInt16, completer: UInt16, status: UInt32, byteCount: UInt32, lowerAddress: UInt8,
        payloadBytes: UInt32)

    /// The pairing fields of a view read in place (the verifier's hot path): the generic reading
    /// below, specialised for the view.
    public init?(_ view: TLPView) {
        guard let read = Self.reading(view) else { return nil }
        self = read
    }

    /// The pairing fields of a decoded TLP (``reading(_:)`` reads one without the copy an
    /// initializer's argument is).
    public init?(_ tlp: TLP) {
        guard let read = Self.reading(tlp) else { return nil }
        self = read
    }

    /// The pairing fields of `tlp` (a decoded ``TLP`` or a ``TLPView`` in place, through the
    /// same accessors), or nil for TLPs that are neither (posted requests, messages).
    public static func reading(_ tlp: some TLPWords) -> TransactionTLP? {
        let kind = tlp.info.kind
        switch kind {
        case .memoryRead, .io, .configuration, .atomic, .deferrableWrite:
            guard let requester = tlp.requester, let tag = tlp.tag else { return nil }
            var bytes: UInt32?
            var lowerAddress: UInt8?
            if kind == .memoryRead, let address = tlp.address {
                // A non-flit read with TH=1 carries ST[7:0] where the byte enables were: all
                // bytes of its DWs are taken as asked for.
                let bytesEnabled = tlp.mode == .nonFlit && tlp.tph != nil
                let first = bytesEnabled ? 0xF : tlp.firstBE ?? 0xF
                let last = bytesEnabled ? (tlp.lengthDWs == 1 ? 0 : 0xF) : tlp.lastBE ?? 0xF
                let dws = UInt32(tlp.lengthDWs)
                let (count, skipped) = Self.readBytes(dws: dws, firstBE: first, lastBE: last)
                bytes = count
                lowerAddress = UInt8(truncatingIfNeeded: (address &+ UInt64(skipped)) & 0x7F)
            }
            return .request(
                type: tlp.type, requester: requester.raw, tag: tag,
                target: kind == .configuration ? tlp.target?.raw : nil, bytes: bytes,
                lowerAddress: lowerAddress)
        case .completion:
            guard let requester = tlp.requester, let tag = tlp.tag, let completer = tlp.completer else { return nil }
            let count = UInt32(tlp.byteCount ?? 0)
            return .completion(
                requester: requester.raw, tag: tag, completer: completer.raw, status: tlp.completionStatus ?? 0,
                byteCount: count == 0 ? 4096 : count, lowerAddress: tlp.lowerAddress ?? 0,
                payloadBytes: tlp.info.hasData ? UInt32(tlp.lengthDWs) * 4 : 0)
        default:
            return nil
        }
    }

    /// Bytes a memory read asks for, and the bytes skipped in its first DW (the spec's byte
    /// count rules: a one-DW read spans its first to last enabled byte, at least one byte).
    static func readBytes(dws: UInt32, firstBE: UInt8, lastBE: UInt8) -> (UInt32, UInt32) {
        let first = UInt32(firstBE & 0xF)
        if dws <= 1 {
            guard first != 0 else { return (1, 0) }
            let low = UInt32(first.trailingZeroBitCount)
            let high = 31 - UInt32(first.leadingZeroBitCount)
            return (high - low + 1, low)
        }
        let skipped = first == 0 ? 0 : UInt32(first.trailingZeroBitCount)
        let last = UInt32(lastBE & 0xF)
        let tail = last == 0 ? 4 : 3 - (31 - UInt32(last.leadingZeroBitCount))
        return (dws * 4 - skipped - tail, skipped)
    }
}

/// Pairs non-posted requests with their completions by requester ID and tag, across split
/// completions, within one direction of one capture (records carry no direction yet: a
/// capture is one direction; a `direction` value keys the pairs apart once they do).
///
/// Memory stays bounded: at most ``Configuration/maxOutstanding`` requests are held (the tag
/// space bounds each requester: 2^14 tags in flit mode, 2^10 in non-flit mode); a request older
/// than the timeout (when records have times) is reported unanswered and dropped; latencies go
/// into fixed-size histograms.
public struct TransactionTracker: Sendable {
    public struct Configuration: Sendable {
        /// A request with no completion this long after it is unanswered (records with times).
        public var timeoutNS: UInt64
        /// Requests held at most; past it the oldest is dropped as unanswered.
        public var maxOutstanding: Int

        /// 50 ms, the top of the PCIe default completion timeout range (50 µs to 50 ms).
        public init(timeoutNS: UInt64 = 50_000_000, maxOutstanding: Int = 1 << 16) {
            self.timeoutNS = timeoutNS
            self.maxOutstanding = max(1, maxOutstanding)
        }
    }

    /// What one TLP was, as far as pairing goes.
    public enum Match: Equatable, Sendable {
        case none
        case request
        /// A completion of the request in record `request`; `latencyNS` when both have times.
        case completion(request: Int, latencyNS: UInt64?, final: Bool)
        /// A completion that matches no outstanding request.
        case unexpected
    }

    /// A request that got no (final) completion.
    public struct Unanswered: Equatable, Sendable {
        public var record: Int
        public var type: TLPType
        public var requester: UInt16
        public var tag: UInt16
        /// True when it timed out; false when the capture ended first (or it was dropped at the
        /// cap).
        public var timedOut: Bool
    }

    struct Outstanding: Sendable {
        var record: Int
        var timeNS: UInt64?
        var type: TLPType
        var requester: UInt16
        var tag: UInt16
        var target: UInt16?
        var remaining: UInt32?
        var lowerAddress: UInt8?
        var completions: Int
    }

    public let configuration: Configuration
    public private(set) var stats = TransactionStats()
    private var outstanding = PairTable<Outstanding>()
    /// Requests in arrival order (key, record), for timeouts and the cap; entries of answered
    /// requests are skipped when met.
    private var queue: [(key: UInt64, record: Int, timeNS: UInt64?)] = []
    private var queueHead = 0
    /// Requests found unanswered since the caller last took them (``takeUnanswered()``).
    public private(set) var unanswered: [Unanswered] = []

    public init(_ configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    static func key(requester: UInt16, tag: UInt16, direction: UInt8) -> UInt64 {
        UInt64(direction) << 32 | UInt64(requester) << 16 | UInt64(tag)
    }

    /// Pairs one TLP (record number `record`, time in nanoseconds when the capture has times).
    public mutating func add(_ tlp: TransactionTLP, record: Int, timeNS: UInt64?, direction: UInt8 = 0) -> Match {
        if let timeNS { expire(before: timeNS) }
        switch tlp {
        case .request(let type, let requester, let tag, let target, let bytes, let lowerAddress):
            let key = Self.key(requester: requester, tag: tag, direction: direction)
            stats.request(type: type, requester: requester)
            if outstanding[key] != nil { stats.tagsReused += 1 }
            if outstanding.count >= configuration.maxOutstanding, outstanding[key] == nil { dropOldest() }
            outstanding[key] = Outstanding(
                record: record, timeNS: timeNS, type: type, requester: requester, tag: tag, target: target,
                remaining: bytes, lowerAddress: lowerAddress, completions: 0)
            queue.append((key, record, timeNS))
            return .request
        case .completion(
            let requester, let tag, let completer, let status, let byteCount, let lowerAddress, let payload):
            stats.status(status)
            let key = Self.key(requester: requester, tag: tag, direction: direction)
            guard var entry = outstanding[key] else {
                stats.completionsWithoutRequest += 1
                return .unexpected
            }
            entry.completions += 1
            if let target = entry.target, target != completer { stats.completerMismatches += 1 }
            var final = true
            if status == 0, let remaining = entry.remaining {
                if byteCount != remaining { stats.byteCountMismatches += 1 }
                if let expected = entry.lowerAddress, expected != lowerAddress & 0x7F {
                    stats.lowerAddressMismatches += 1
                }
                // Bytes this completion returns: its payload from Lower Address on.
                let skipped = UInt32(lowerAddress & 3)
                let delivered = payload > skipped ? payload - skipped : 0
                if byteCount > delivered {
                    final = false
                    entry.remaining = byteCount - delivered
                    entry.lowerAddress = UInt8(truncatingIfNeeded: (UInt32(lowerAddress) &+ delivered) & 0x7F)
                }
            } else if status == 0, entry.type.kind == .io || entry.type.kind == .configuration, byteCount != 4 {
                stats.byteCountMismatches += 1
            }
            var latency: UInt64?
            if let start = entry.timeNS, let timeNS, timeNS >= start { latency = timeNS - start }
            if final {
                outstanding[key] = nil
                stats.completed(type: entry.type, requester: entry.requester, latencyNS: latency)
            } else {
                outstanding[key] = entry
            }
            return .completion(request: entry.record, latencyNS: latency, final: final)
        }
    }

    /// Ends the capture: every request still outstanding is unanswered, and the pairs start
    /// afresh for the next capture.
    public mutating func finishCapture() {
        while queueHead < queue.count {
            let item = queue[queueHead]
            queueHead += 1
            if let entry = outstanding[item.key], entry.record == item.record { answerless(item.key, timedOut: false) }
        }
        outstanding.removeAll()
        queue.removeAll()
        queueHead = 0
    }

    /// The unanswered requests found since the last call.
    public mutating func takeUnanswered() -> [Unanswered] {
        // Most calls find none: returning the empty list costs nothing, where handing out the
        // buffer and then emptying it would allocate a new one every time.
        guard !unanswered.isEmpty else { return [] }
        defer { unanswered.removeAll(keepingCapacity: true) }
        return unanswered
    }

    private mutating func expire(before now: UInt64) {
        while queueHead < queue.count {
            let item = queue[queueHead]
            guard let entry = outstanding[item.key], entry.record == item.record else {
                queueHead += 1
                continue
            }
            guard let start = item.timeNS, now > start, now - start > configuration.timeoutNS else { break }
            queueHead += 1
            answerless(item.key, timedOut: true)
        }
        compact()
    }

    private mutating func dropOldest() {
        while queueHead < queue.count {
            let item = queue[queueHead]
            queueHead += 1
            if let entry = outstanding[item.key], entry.record == item.record {
                answerless(item.key, timedOut: false)
                break
            }
        }
        compact()
    }

    private mutating func compact() {
        if queueHead > 4096, queueHead * 2 > queue.count {
            queue.removeFirst(queueHead)
            queueHead = 0
        }
    }

    private mutating func answerless(_ key: UInt64, timedOut: Bool) {
        guard let entry = outstanding.removeValue(forKey: key) else { return }
        stats.unanswered(type: entry.type, requester: entry.requester, timedOut: timedOut)
        unanswered.append(
            Unanswered(
                record: entry.record, type: entry.type, requester: entry.requester, tag: entry.tag, timedOut: timedOut))
    }
}

/// Transaction counts over a run: per requester and request type, completion latencies
/// (min, median, p99, max), requests never completed, completions without a request,
/// completion status counts, byte-count and lower-address mismatches, tags reused before their
/// completion.
public struct TransactionStats: Sendable {
    public struct Group: Sendable {
        public var requests = 0
        public var completed = 0
        public var unanswered = 0
        public var timedOut = 0
        public var latency = LatencyHistogram()
    }

    public struct GroupKey: Hashable, Comparable, Sendable {
        public var requester: UInt16
        public var type: TLPType

        public static func < (a: GroupKey, b: GroupKey) -> Bool {
            (a.requester, a.type.rawValue) < (b.requester, b.type.rawValue)
        }

        /// One integer hashed per lookup (a type's synthesised hash would hash its name).
        public func hash(into hasher: inout Hasher) {
            hasher.combine(UInt32(requester) << 8 | UInt32(type.ordinal))
        }
    }

    public private(set) var groups: [GroupKey: Group] = [:]
    public internal(set) var completionsWithoutRequest = 0
    public internal(set) var byteCountMismatches = 0
    public internal(set) var lowerAddressMismatches = 0
    public internal(set) var completerMismatches = 0
    public internal(set) var tagsReused = 0
    /// Completion status counts: `SC`, `UR`, `RRS` (formerly CRS), `CA`, `reserved`.
    public var statuses: [String: Int] {
        var out: [String: Int] = [:]
        for (index, count) in statusCounts.enumerated() where count > 0 { out[Self.statusNames[index]] = count }
        return out
    }
    /// Counted by position in ``statusNames``, without hashing a name per completion.
    private var statusCounts = [Int](repeating: 0, count: 5)
    static let statusNames = ["SC", "UR", "RRS", "CA", "reserved"]

    public init() {}

    /// Whether the capture held any request or completion to pair.
    public var isEmpty: Bool { groups.isEmpty && statusCounts.allSatisfy { $0 == 0 } }

    public var requests: Int { groups.values.reduce(0) { $0 + $1.requests } }
    public var unansweredRequests: Int { groups.values.reduce(0) { $0 + $1.unanswered } }

    public var sortedGroups: [(key: GroupKey, group: Group)] {
        groups.map { (key: $0.key, group: $0.value) }.sorted { $0.key < $1.key }
    }

    mutating func request(type: TLPType, requester: UInt16) {
        groups[GroupKey(requester: requester, type: type), default: Group()].requests += 1
    }

    mutating func completed(type: TLPType, requester: UInt16, latencyNS: UInt64?) {
        // One lookup: the group is updated in place.
        func count(_ group: inout Group) {
            group.completed += 1
            if let latencyNS { group.latency.add(latencyNS) }
        }
        count(&groups[GroupKey(requester: requester, type: type), default: Group()])
    }

    mutating func unanswered(type: TLPType, requester: UInt16, timedOut: Bool) {
        let key = GroupKey(requester: requester, type: type)
        groups[key, default: Group()].unanswered += 1
        if timedOut { groups[key, default: Group()].timedOut += 1 }
    }

    mutating func status(_ code: UInt32) {
        let index =
            switch code {
            case 0: 0
            case 1: 1
            case 2: 2
            case 4: 3
            default: 4
            }
        statusCounts[index] += 1
    }

    /// Adds another run's counts (several captures into one table).
    public mutating func merge(_ other: TransactionStats) {
        for (key, group) in other.groups {
            var mine = groups[key, default: Group()]
            mine.requests += group.requests
            mine.completed += group.completed
            mine.unanswered += group.unanswered
            mine.timedOut += group.timedOut
            mine.latency.merge(group.latency)
            groups[key] = mine
        }
        for index in statusCounts.indices { statusCounts[index] += other.statusCounts[index] }
        completionsWithoutRequest += other.completionsWithoutRequest
        byteCountMismatches += other.byteCountMismatches
        lowerAddressMismatches += other.lowerAddressMismatches
        completerMismatches += other.completerMismatches
        tagsReused += other.tagsReused
    }
}

/// Latencies in nanoseconds: the first ``exactSamples`` kept as they are (quantiles exact), all
/// of them in a fixed number of buckets: exact below 128 ns, then 64 buckets per power of two
/// (quantiles past the exact samples within 1.6 %); min and max are always exact.
public struct LatencyHistogram: Sendable {
    public private(set) var count = 0
    public private(set) var min: UInt64 = .max
    public private(set) var max: UInt64 = 0
    /// Counts by bucket number (at most a few thousand buckets), grown as values arrive.
    private var buckets: [Int] = []
    private var samples: [UInt64] = []
    public static let exactSamples = 4096

    public init() {}

    static func bucket(_ value: UInt64) -> UInt32 {
        guard value >= 128 else { return UInt32(value) }
        let exponent = 63 - UInt32(value.leadingZeroBitCount)
        let mantissa = UInt32(truncatingIfNeeded: (value >> (exponent - 6)) & 63)
        return 128 + (exponent - 7) * 64 + mantissa
    }

    /// The lowest value of a bucket.
    static func low(_ bucket: UInt32) -> UInt64 {
        guard bucket >= 128 else { return UInt64(bucket) }
        let exponent = (bucket - 128) / 64 + 7
        let mantissa = UInt64((bucket - 128) % 64)
        return (64 + mantissa) << (exponent - 6)
    }

    public mutating func add(_ value: UInt64) {
        count += 1
        min = Swift.min(min, value)
        max = Swift.max(max, value)
        let bucket = Int(Self.bucket(value))
        if bucket >= buckets.count { buckets += repeatElement(0, count: bucket + 1 - buckets.count) }
        buckets[bucket] += 1
        if count <= Self.exactSamples { samples.append(value) }
    }

    mutating func merge(_ other: LatencyHistogram) {
        guard other.count > 0 else { return }
        count += other.count
        min = Swift.min(min, other.min)
        max = Swift.max(max, other.max)
        if other.buckets.count > buckets.count {
            buckets += repeatElement(0, count: other.buckets.count - buckets.count)
        }
        for (bucket, n) in other.buckets.enumerated() { buckets[bucket] += n }
        if count <= Self.exactSamples { samples += other.samples } else { samples = [] }
    }

    /// The value at quantile `q` (0...1), nil when empty: the nearest-rank sample (past the exact
    /// samples, the lower bound of its bucket, clamped to min...max).
    public func quantile(_ q: Double) -> UInt64? {
        guard count > 0 else { return nil }
        let rank = Swift.min(count, Swift.max(1, Int((q * Double(count)).rounded(.up))))
        if count <= Self.exactSamples, samples.count == count { return samples.sorted()[rank - 1] }
        var seen = 0
        for (bucket, n) in buckets.enumerated() where n > 0 {
            seen += n
            if seen >= rank { return Swift.min(Swift.max(Self.low(UInt32(bucket)), min), max) }
        }
        return max
    }
}

extension Timestamp {
    /// Nanoseconds since the epoch, or nil for a time before it or past 2^64 ns.
    public var totalNanoseconds: UInt64? {
        guard seconds >= 0 else { return nil }
        let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return nil }
        let (sum, carry) = whole.addingReportingOverflow(UInt64(nanoseconds))
        return carry ? nil : sum
    }
}
