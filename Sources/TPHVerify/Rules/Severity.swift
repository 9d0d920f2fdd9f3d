/// How much a finding matters. `off` disables a check.
public enum Severity: String, CaseIterable, Comparable, Sendable {
    case off, warning, error

    public static func < (a: Severity, b: Severity) -> Bool {
        rank(a) < rank(b)
    }

    private static func rank(_ s: Severity) -> Int {
        switch s {
        case .off: 0
        case .warning: 1
        case .error: 2
        }
    }
}
