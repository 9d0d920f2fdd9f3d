import PCIeTLP

/// Deterministic synthetic traffic for a tuple set: mostly TPH-tagged memory writes into the
/// tuples' ranges from their requesters, plus reads, completions and messages; a given share
/// of the in-range requests breaks exactly one tuple check, and the synthesizer counts what it
/// injected so a verify run can be compared with it. Same seed, same TLPs.
public struct TrafficSynthesizer {
    /// What the synthesizer can break in a request, one check at a time.
    public enum Violation: String, CaseIterable, Sendable {
        case stMismatch = "st-mismatch"
        case phMismatch = "ph-mismatch"
        case missingTPH = "missing-tph"
        case unexpectedRequester = "unexpected-requester"
        case namespaceNotPublished = "namespace-not-published"
    }

    public struct Counts: Sendable {
        public var tlps = 0
        public var writes = 0
        public var reads = 0
        public var completions = 0
        public var messages = 0
        public var injected: [Violation: Int] = [:]
        /// With transactions: reads answered by two completions, reads left unanswered, and
        /// completions no request asked for.
        public var splitReads = 0
        public var missingCompletions = 0
        public var strayCompletions = 0
    }

    public let mode: LinkMode
    public let tuples: [PublishedTuple]
    public let mismatchRate: Double
    public let fullPayload: Bool
    /// Reads get their completions a few TLPs later (some split in two, some never, plus stray
    /// completions) instead of unrelated completions.
    public let transactions: Bool
    public private(set) var counts = Counts()
    private var rng: SplitMix64
    /// Completions waiting to be sent: (the TLP number they go out at, the completion).
    private var pending: [(due: Int, read: Int, tlp: TLP)] = []
    private var nextTag = 0

    public init(
        mode: LinkMode, tuples: [PublishedTuple], mismatchRate: Double, fullPayload: Bool, seed: UInt64,
        transactions: Bool = false
    ) {
        self.mode = mode
        self.transactions = transactions
        // A tuple with no flag has no ST to put on a TLP; traffic goes to the others.
        self.tuples = tuples.filter { !$0.ranges.isEmpty && !$0.flags.isEmpty }
        self.mismatchRate = max(0, min(1, mismatchRate))
        self.fullPayload = fullPayload
        rng = SplitMix64(seed: seed)
    }

    /// The next TLP and how many bytes of it a capture keeps (header only without payload).
    public mutating func next() -> (tlp: TLP, originalLength: Int) {
        counts.tlps += 1
        var tlp: TLP
        if transactions, let first = pending.first, first.due <= counts.tlps {
            pending.removeFirst()
            counts.completions += 1
            tlp = first.tlp
            let full = tlp.declaredSize
            if !fullPayload { tlp.payload = [] }
            return (tlp, full)
        }
        let roll = rng.unit()
        if transactions, roll < 0.01 {
            counts.completions += 1
            counts.strayCompletions += 1
            tlp = completion()
            tlp.set(.requester, 0x0401)  // 04:00.1 never sends a request
        } else if roll < 0.06, !transactions {
            counts.completions += 1
            tlp = completion()
        } else if roll < 0.08 {
            counts.messages += 1
            tlp = message()
        } else {
            tlp = request(read: roll < 0.18)
        }
        let full = tlp.declaredSize
        if !fullPayload { tlp.payload = [] }
        return (tlp, full)
    }

    private mutating func request(read: Bool) -> TLP {
        guard !tuples.isEmpty else { return completion() }
        let tuple = tuples[Int(rng.below(UInt64(tuples.count)))]
        let range = tuple.ranges[Int(rng.below(UInt64(tuple.ranges.count)))]
        let length = 1 + Int(rng.below(16))
        let span = UInt64(length * 4)
        let offset = range.size > span ? rng.below((range.size - span) / 4) * 4 : 0
        let address = range.base &+ offset
        let wide = address >> 32 != 0
        let type: TLPType = read ? (wide ? .mrd64 : .mrd32) : (wide ? .mwr64 : .mwr32)
        if read { counts.reads += 1 } else { counts.writes += 1 }
        var tlp = TLP(mode: mode, type: type) ?? TLP(mode: mode, code: 0)
        // A Length field holds 1024 as 0: the field keeps its own low bits.
        tlp.set(.length, UInt32(length) & FlitFields.length.maxValue)
        tlp.setAddress(address)
        tlp.set(.tag, UInt32(rng.below(256)))
        var requester =
            tuple.requesters.isEmpty
            ? PCIID(bus: 4, device: 0, function: 0) : tuple.requesters[Int(rng.below(UInt64(tuple.requesters.count)))]
        let width = tuple.flags.contains(.st) && (!tuple.flags.contains(.stExt) || rng.below(2) == 0) ? 8 : 16
        var tph: TPH? = tuple.steeringTag(width: width).map { TPH(st: $0, width: width, ph: tuple.ph) }
        if rng.unit() < mismatchRate, let violation = violation(for: tuple) {
            counts.injected[violation, default: 0] += 1
            let published = tph ?? TPH(st: 0, width: width, ph: tuple.ph)
            switch violation {
            case .stMismatch: tph = TPH(st: published.st ^ (width == 8 ? 0x01 : 0x0100), width: width, ph: published.ph)
            case .phMismatch: tph = TPH(st: published.st, width: width, ph: (published.ph + 1) & 3)
            case .missingTPH: tph = nil
            case .unexpectedRequester: requester = PCIID(bus: 0xEE, device: 0x1F, function: 7)
            case .namespaceNotPublished:
                // The other namespace; a 16-bit ST needs a non-zero upper byte to read as 16-bit.
                let other = width == 8 ? 16 : 8
                tph = TPH(st: other == 16 ? 0x015A : 0x5A, width: other, ph: tuple.ph)
            }
        }
        tlp.set(.requester, UInt32(requester.raw))
        tlp.setByteEnables(first: 0xF, last: length == 1 ? 0 : 0xF)
        tlp.setTPH(tph)
        tlp.payload = read ? [] : (0..<length * 4).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        if read, transactions { answer(&tlp, requester: requester, address: address, dws: length) }
        return tlp
    }

    /// Reads whose completions were still to come when the capture stopped: with
    /// ``Counts/missingCompletions``, what a capture of this length leaves unanswered.
    public var readsAwaitingCompletion: Int { Set(pending.map(\.read)).count }

    /// Gives a read a tag of its own and schedules its completions: usually one, a split pair
    /// for longer reads, none for a few.
    private mutating func answer(_ read: inout TLP, requester: PCIID, address: UInt64, dws: Int) {
        let tags = mode == .flit ? 1 << 14 : 1 << 10
        let tag = nextTag % tags
        nextTag += 1
        read.set(.tag, UInt32(tag))
        let roll = rng.unit()
        if roll < 0.05 {
            counts.missingCompletions += 1
            return
        }
        let split = dws >= 2 && roll < 0.35
        if split { counts.splitReads += 1 }
        let parts = split ? [dws / 2, dws - dws / 2] : [dws]
        var sent = 0
        var due = counts.tlps + 2 + Int(rng.below(4))
        for part in parts {
            var tlp = TLP(mode: mode, type: .cpld) ?? TLP(mode: mode, code: 0x4A)
            tlp.set(.length, UInt32(part & 0x3FF))
            tlp.set(.completer, 0x0500)
            tlp.set(.requester, UInt32(requester.raw))
            tlp.set(.tag, UInt32(tag))
            tlp.set(.byteCount, UInt32((dws - sent) * 4) & 0xFFF)
            let lower = UInt32(truncatingIfNeeded: (address &+ UInt64(sent * 4)) & 0x7F)
            tlp.set(.lowerAddress, mode == .flit ? lower >> 2 : lower)
            tlp.payload = (0..<part * 4).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let at = pending.firstIndex { $0.due > due } ?? pending.endIndex
            pending.insert((due, tag, tlp), at: at)
            sent += part
            due += 1
        }
    }

    /// A violation this tuple can show, picked at random among those that apply.
    private mutating func violation(for tuple: PublishedTuple) -> Violation? {
        var choices: [Violation] = [.stMismatch, .phMismatch, .missingTPH]
        if !tuple.requesters.isEmpty { choices.append(.unexpectedRequester) }
        // Non-flit mode cannot show an 8-bit ST apart from a small 16-bit one, so only a
        // tuple without st_ext can be hit in the other namespace there.
        if mode == .flit ? tuple.flags != [.st, .stExt] : tuple.flags == [.st] {
            choices.append(.namespaceNotPublished)
        }
        return choices[Int(rng.below(UInt64(choices.count)))]
    }

    private mutating func completion() -> TLP {
        var tlp = TLP(mode: mode, type: .cpld) ?? TLP(mode: mode, code: 0x4A)
        tlp.set(.length, 1)
        tlp.set(.completer, 0x0500)
        tlp.set(.requester, 0x0400)
        tlp.set(.tag, UInt32(rng.below(256)))
        tlp.set(.byteCount, 4)
        tlp.payload = (0..<4).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        return tlp
    }

    private mutating func message() -> TLP {
        var tlp = TLP(mode: mode, type: .msg, routing: 4) ?? TLP(mode: mode, code: 0x34)
        tlp.set(.requester, 0x0400)
        tlp.set(.msgCode, 0x10)  // LTR
        return tlp
    }
}
