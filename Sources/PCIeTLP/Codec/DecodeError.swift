/// Why a byte string is not a TLP. Only a header cut short is fatal: bytes that end inside the
/// payload or trailer decode with ``TLP/isTruncated``.
public struct DecodeError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: Hashable, Sendable {
        /// No bytes at all.
        case empty
        /// The captured bytes end inside the prefixes, header or OHC.
        case truncatedHeader
    }

    public let code: Code
    /// Bytes needed to hold the whole header (prefixes, header base, OHC).
    public let needed: Int
    /// Bytes that were captured.
    public let available: Int
    /// What was being read when the bytes ran out (`header`, `OHC`).
    public let part: String

    public init(code: Code, needed: Int, available: Int, part: String) {
        self.code = code
        self.needed = needed
        self.available = available
        self.part = part
    }

    public var description: String {
        switch code {
        case .empty: "empty TLP: no bytes"
        case .truncatedHeader:
            "TLP \(part) cut short: need \(needed) bytes, have \(available)"
        }
    }

    static func truncated(_ part: String, needed: Int, available: Int) -> DecodeError {
        DecodeError(code: .truncatedHeader, needed: needed, available: available, part: part)
    }
}
