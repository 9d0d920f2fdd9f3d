import PCIeTLP
import TLPCapture
import Testing

/// Requests paired with their completions: split completions, byte counts, tags, timeouts.
@Suite struct TransactionTests {
    static func read(tag: UInt16, bytes: UInt32 = 64, lowerAddress: UInt8 = 0) -> TransactionTLP {
        .request(type: .mrd64, requester: 0x0400, tag: tag, target: nil, bytes: bytes, lowerAddress: lowerAddress)
    }

    static func completion(
        tag: UInt16, byteCount: UInt32 = 64, lowerAddress: UInt8 = 0, payload: UInt32 = 64, status: UInt32 = 0,
        requester: UInt16 = 0x0400
    ) -> TransactionTLP {
        .completion(
            requester: requester, tag: tag, completer: 0x0500, status: status, byteCount: byteCount,
            lowerAddress: lowerAddress, payloadBytes: payload)
    }

    @Test func aReadAndItsCompletionPairWithLatency() {
        var tracker = TransactionTracker()
        #expect(tracker.add(Self.read(tag: 7), record: 1, timeNS: 1000) == .request)
        #expect(
            tracker.add(Self.completion(tag: 7), record: 2, timeNS: 3500)
                == .completion(request: 1, latencyNS: 2500, final: true))
        let group = tracker.stats.groups.values.first
        #expect(group?.completed == 1)
        #expect(group?.latency.min == 2500 && group?.latency.max == 2500)
        #expect(tracker.stats.statuses == ["SC": 1])
    }

    @Test func splitCompletionsFollowByteCountAndLowerAddress() {
        var tracker = TransactionTracker()
        _ = tracker.add(Self.read(tag: 1, bytes: 256, lowerAddress: 0x40), record: 1, timeNS: nil)
        #expect(
            tracker.add(
                Self.completion(tag: 1, byteCount: 256, lowerAddress: 0x40, payload: 128), record: 2, timeNS: nil)
                == .completion(request: 1, latencyNS: nil, final: false))
        #expect(
            tracker.add(
                Self.completion(tag: 1, byteCount: 128, lowerAddress: 0x40, payload: 128), record: 3, timeNS: nil)
                == .completion(request: 1, latencyNS: nil, final: true))
        #expect(tracker.stats.byteCountMismatches == 0)
        #expect(tracker.stats.lowerAddressMismatches == 0)
        tracker.finishCapture()
        #expect(tracker.stats.unansweredRequests == 0)
    }

    @Test func wrongByteCountIsCountedAndAStrayCompletionIsUnexpected() {
        var tracker = TransactionTracker()
        _ = tracker.add(Self.read(tag: 2, bytes: 64), record: 1, timeNS: nil)
        _ = tracker.add(Self.completion(tag: 2, byteCount: 60, payload: 60), record: 2, timeNS: nil)
        #expect(tracker.stats.byteCountMismatches == 1)
        #expect(tracker.add(Self.completion(tag: 9), record: 3, timeNS: nil) == .unexpected)
        #expect(tracker.stats.completionsWithoutRequest == 1)
    }

    @Test func failedCompletionsEndTheRequestAndAreCountedByStatus() {
        var tracker = TransactionTracker()
        _ = tracker.add(Self.read(tag: 3), record: 1, timeNS: nil)
        #expect(
            tracker.add(Self.completion(tag: 3, byteCount: 4, payload: 0, status: 1), record: 2, timeNS: nil)
                == .completion(request: 1, latencyNS: nil, final: true))
        _ = tracker.add(Self.read(tag: 4), record: 3, timeNS: nil)
        _ = tracker.add(Self.completion(tag: 4, payload: 0, status: 2), record: 4, timeNS: nil)
        _ = tracker.add(Self.read(tag: 5), record: 5, timeNS: nil)
        _ = tracker.add(Self.completion(tag: 5, payload: 0, status: 4), record: 6, timeNS: nil)
        #expect(tracker.stats.statuses == ["UR": 1, "RRS": 1, "CA": 1])
    }

    @Test func aTagReusedBeforeItsCompletionIsCounted() {
        var tracker = TransactionTracker()
        _ = tracker.add(Self.read(tag: 6), record: 1, timeNS: nil)
        _ = tracker.add(Self.read(tag: 6), record: 2, timeNS: nil)
        #expect(tracker.stats.tagsReused == 1)
        #expect(
            tracker.add(Self.completion(tag: 6), record: 3, timeNS: nil)
                == .completion(request: 2, latencyNS: nil, final: true))
    }

    @Test func anOldRequestTimesOutAndIsDropped() {
        var tracker = TransactionTracker(.init(timeoutNS: 1000))
        _ = tracker.add(Self.read(tag: 1), record: 1, timeNS: 0)
        _ = tracker.add(Self.read(tag: 2), record: 2, timeNS: 500)
        _ = tracker.add(Self.read(tag: 3), record: 3, timeNS: 1200)
        let unanswered = tracker.takeUnanswered()
        #expect(unanswered.map(\.record) == [1])
        #expect(unanswered.first?.timedOut == true)
        #expect(tracker.add(Self.completion(tag: 1), record: 4, timeNS: 1300) == .unexpected)
        tracker.finishCapture()
        #expect(tracker.takeUnanswered().map(\.record) == [2, 3])
        #expect(tracker.stats.groups.values.first?.timedOut == 1)
    }

    @Test func outstandingRequestsAreCapped() {
        var tracker = TransactionTracker(.init(maxOutstanding: 4))
        for tag in 0..<10 { _ = tracker.add(Self.read(tag: UInt16(tag)), record: tag + 1, timeNS: nil) }
        #expect(tracker.takeUnanswered().map(\.record) == [1, 2, 3, 4, 5, 6])
        #expect(tracker.add(Self.completion(tag: 9), record: 11, timeNS: nil) != .unexpected)
    }

    @Test func pairingFieldsComeFromTheDecodedTLP() throws {
        // Non-flit MRd32 (10-bit tag 0x2AB: T9/T8 in DW0), 2 DW, first BE 1100b, last BE 0011b.
        let read = try TLPDecoder.decode(
            [0x00, 0x80, 0x00, 0x02, 0x04, 0x00, 0xAB, 0x3C, 0x00, 0x00, 0x10, 0x00], mode: .nonFlit
        ).tlp
        guard case .request(let type, let requester, let tag, _, let bytes, let lower)? = TransactionTLP(read) else {
            Issue.record("not a request")
            return
        }
        #expect(type == .mrd32 && requester == 0x0400 && tag == 0x2AB)
        #expect(bytes == 4)  // bytes 2,3 of DW0 and 0,1 of DW1
        #expect(lower == 0x02)
    }

    @Test func latencyQuantilesAreExactThenWithinTheirBucket() {
        var small = LatencyHistogram()
        for value in 1...1000 { small.add(UInt64(value) * 1000) }
        #expect(small.min == 1000 && small.max == 1_000_000)
        #expect(small.quantile(0.5) == 500_000)
        #expect(small.quantile(0.99) == 990_000)
        var large = LatencyHistogram()
        for value in 1...100_000 { large.add(UInt64(value) * 10) }
        let median = large.quantile(0.5) ?? 0
        #expect(median <= 500_000 && median >= 492_000)
        let p99 = large.quantile(0.99) ?? 0
        #expect(p99 <= 990_000 && p99 >= 974_000)
        #expect(large.max == 1_000_000)
    }
}
