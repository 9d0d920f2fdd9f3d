import PCIeTLP

/// One named value in a finding's `expected` or `actual`.
public struct FindingValue: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        case int(Int), bool(Bool), string(String), strings([String]), ints([Int]), none
    }

    public var key: String
    public var value: Value

    public init(_ key: String, _ value: Value) {
        self.key = key
        self.value = value
    }

    /// `ST=F0h (8-bit) PH=2`: values as text reports show them.
    public static func text(_ values: [FindingValue]) -> String {
        let hasST = values.contains { $0.key == "st" }
        return values.map { value in
            switch (value.key, value.value) {
            case ("st_width", .int(let v)): hasST ? "(\(v)-bit)" : "the \(v)-bit namespace"
            case ("st_width", .ints(let v)):
                v.isEmpty
                    ? "no published namespace" : "the " + v.map { "\($0)-bit" }.joined(separator: " or ") + " namespace"
            default: value.text
            }
        }.joined(separator: " ")
    }

    /// `ST=F0h`, `PH=2`, `tph=false`: one value.
    public var text: String {
        switch (key, value) {
        case ("st", .int(let v)): "ST=\(Hex.analyzer(v))"
        case ("st_width", .int(let v)): "(\(v)-bit)"
        case ("ph", .int(let v)): "PH=\(v)"
        case (_, .int(let v)): "\(key)=\(v)"
        case (_, .bool(let v)): "\(key)=\(v)"
        case (_, .string(let v)): "\(key)=\(v)"
        case (_, .strings(let v)): "\(key)=[\(v.joined(separator: ", "))]"
        case (_, .ints(let v)): "\(key)=[\(v.map(String.init).joined(separator: ", "))]"
        case (_, .none): "no \(key)"
        }
    }
}

/// A check that failed on one record (or, for `tuple-not-exercised`, on one tuple).
public struct Finding: Sendable {
    /// Built-in check id or custom rule name.
    public var check: CheckID
    public var severity: Severity
    /// `path:line`, `path#packet`, or `tuples-file#tuple` for tuple-level findings.
    public var source: String
    public var record: Int?
    /// Index of the capture in the run (nil for run-level findings).
    public var capture: Int?
    public var tuple: String?
    public var expected: [FindingValue]
    public var actual: [FindingValue]
    /// Analyzer-style lines of the TLP, kept for the first findings only.
    public var rendering: [String]?
    /// The TLP's bus address and where it lies in the dma-buf's BAR (`region 0 + 0x6000800`),
    /// for findings about a tuple given as `region_index` and `dma_ranges`.
    public var address: UInt64?
    public var slice: String?

    /// `expected ST=F0h (8-bit), got ST=F1h (8-bit)`
    public var summary: String {
        let want = FindingValue.text(expected)
        let got = FindingValue.text(actual)
        let text = "expected \(want.isEmpty ? "nothing" : want), got \(got.isEmpty ? "nothing" : got)"
        guard let slice, let address else { return text }
        return text + "; at \(Hex.prefixed(address)) = \(slice)"
    }
}
