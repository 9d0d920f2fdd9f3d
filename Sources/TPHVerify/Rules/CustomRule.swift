import PCIeTLP

/// A rule from a rules file: TLPs that match (`type`, `requester`, `address`, `tc`) must
/// meet every expectation (`tph`, `st`, `st_width`, `ph`, `tc`). Its name is its check id.
public struct CustomRule: Sendable {
    public struct Match: Sendable {
        public var types: Set<TLPType> = []
        public var requester: PCIID?
        public var address: AddressRange?
        public var tc: UInt8?

        public func matches(_ tlp: TLPView) -> Bool {
            if !types.isEmpty, !types.contains(tlp.type) { return false }
            if let requester, tlp.requester != requester { return false }
            if let address {
                guard let actual = tlp.address, address.contains(actual) else { return false }
            }
            if let tc, tlp.tc != tc { return false }
            return true
        }
    }

    public struct Expect: Sendable {
        public var tph: Bool?
        public var st: UInt16?
        public var stWidth: Int?
        public var ph: UInt8?
        public var tc: UInt8?
    }

    public var name: String
    public var match: Match
    public var expect: Expect
    public var severity: Severity
    public var line: Int?

    /// The expectations `tlp` fails, as (expected, actual) pairs of record entries.
    public func failures(_ tlp: TLPView) -> (expected: [FindingValue], actual: [FindingValue])? {
        var expected: [FindingValue] = []
        var actual: [FindingValue] = []
        let tph = tlp.tph
        if let want = expect.tph, want != (tph != nil) {
            expected.append(.init("tph", .bool(want)))
            actual.append(.init("tph", .bool(tph != nil)))
        }
        if let want = expect.st, tph?.st != want {
            expected.append(.init("st", .int(Int(want))))
            actual.append(.init("st", tph.map { .int(Int($0.st)) } ?? .none))
        }
        if let want = expect.stWidth, tph?.width != want {
            expected.append(.init("st_width", .int(want)))
            actual.append(.init("st_width", tph.map { .int($0.width) } ?? .none))
        }
        if let want = expect.ph, tph?.ph != want {
            expected.append(.init("ph", .int(Int(want))))
            actual.append(.init("ph", tph.map { .int(Int($0.ph)) } ?? .none))
        }
        if let want = expect.tc, tlp.tc != want {
            expected.append(.init("tc", .int(Int(want))))
            actual.append(.init("tc", .int(Int(tlp.tc))))
        }
        return expected.isEmpty ? nil : (expected, actual)
    }
}
