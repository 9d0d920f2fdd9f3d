import PCIeTLP

/// Severities of the built-in checks (defaults, re-graded by a rules file) and the custom
/// rules the file adds.
public struct RuleSet: Sendable {
    public var severities: [BuiltInCheck: Severity]
    public var rules: [CustomRule]

    public init(severities: [BuiltInCheck: Severity] = [:], rules: [CustomRule] = []) {
        self.severities = severities
        self.rules = rules
    }

    public func severity(_ check: BuiltInCheck) -> Severity { severities[check] ?? check.defaultSeverity }

    /// Reads a rules file (YAML or JSON):
    ///
    /// ```yaml
    /// checks:                       # re-grade built-in checks
    ///   unexpected-requester: warning
    ///   tuple-not-exercised: off
    /// rules:
    ///   - name: writes-carry-tph
    ///     match: { type: [MWr32, MWr64], requester: "04:00.0", address: { base: 0x1000, size: 0x1000 }, tc: 0 }
    ///     expect: { tph: true, st: 0xf0, st_width: 8, ph: 2, tc: 0 }
    ///     severity: error
    /// ```
    public static func parse(path: String, text: String) throws(ConfigError) -> RuleSet {
        let root = try ConfigNode.load(path: path, text: text)
        let top = try root.mapping(allowed: ["checks", "rules"])
        var set = RuleSet()
        if let checks = top["checks"] {
            for (id, value) in try checks.mapping(allowed: Set(BuiltInCheck.allCases.map(\.rawValue))) {
                guard let check = BuiltInCheck(rawValue: id) else { continue }
                set.severities[check] = try severity(value.with(context: "check '\(id)'"))
            }
        }
        var names = Set(BuiltInCheck.allCases.map(\.rawValue))
        for (index, entry) in try top["rules"]?.sequence().enumerated().map({ $0 }) ?? [] {
            let rule = try parseRule(entry.with(context: "rule #\(index + 1)"))
            guard names.insert(rule.name).inserted else {
                throw entry.error("rule '\(rule.name)': the name is taken (by a built-in check or another rule)")
            }
            set.rules.append(rule)
        }
        return set
    }

    private static func severity(_ node: ConfigNode) throws(ConfigError) -> Severity {
        let text = try node.string("severity")
        guard let value = Severity(rawValue: text) else {
            throw node.error("severity '\(text)' is not one of: error, warning, off")
        }
        return value
    }

    private static func parseRule(_ entry: ConfigNode) throws(ConfigError) -> CustomRule {
        let fields = try entry.mapping(allowed: ["name", "match", "expect", "severity"])
        guard let nameNode = fields["name"] else { throw entry.error("no 'name'") }
        let name = try nameNode.string("name")
        let context = "rule '\(name)'"
        let here = entry.with(context: context)
        var match = CustomRule.Match()
        if let node = fields["match"]?.with(context: context) {
            let parts = try node.mapping(allowed: ["type", "requester", "address", "tc"])
            for typeNode in try parts["type"]?.list() ?? .empty {
                let text = try typeNode.string("type")
                guard let type = TLPType(rawValue: text) else { throw typeNode.error("unknown TLP type '\(text)'") }
                match.types.insert(type)
            }
            if let requester = parts["requester"] {
                let text = try requester.string("requester")
                guard let id = PCIID(text) else {
                    throw requester.error("requester '\(text)' is not a PCI ID like 04:00.0")
                }
                match.requester = id
            }
            if let address = parts["address"] { match.address = try address.addressRange() }
            if let tc = parts["tc"] { match.tc = UInt8(try tc.unsigned("tc", max: 7)) }
        }
        var expect = CustomRule.Expect()
        guard let expectNode = fields["expect"]?.with(context: context) else { throw here.error("no 'expect'") }
        let parts = try expectNode.mapping(allowed: ["tph", "st", "st_width", "ph", "tc"])
        if let node = parts["tph"] { expect.tph = try node.bool("tph") }
        if let node = parts["st"] { expect.st = UInt16(try node.unsigned("st", max: 0xFFFF)) }
        if let node = parts["st_width"] {
            let width = try node.unsigned("st_width", max: 16)
            guard width == 8 || width == 16 else { throw node.error("st_width must be 8 or 16") }
            expect.stWidth = Int(width)
        }
        if let node = parts["ph"] { expect.ph = UInt8(try node.unsigned("ph", max: 3)) }
        if let node = parts["tc"] { expect.tc = UInt8(try node.unsigned("tc", max: 7)) }
        let severity =
            try fields["severity"].map { node throws(ConfigError) in try Self.severity(node.with(context: context)) }
            ?? .error
        return CustomRule(name: name, match: match, expect: expect, severity: severity, line: entry.line)
    }
}
