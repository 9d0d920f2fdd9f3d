import PCIeTLP

/// Why a record could not be decoded: a code to count and test by, the message people read,
/// and where the record came from.
public struct RecordError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: Hashable, Sendable {
        /// The reader could not turn the record into bytes (bad hex, a line too long, a packet cut
        /// short, a damaged dump line).
        case unreadable
        /// The bytes do not hold a whole TLP header: the decoder's own code.
        case undecodable(DecodeError.Code)
    }

    public let code: Code
    public var message: String { details.message }
    public var source: RecordSource? { details.source }
    /// The text parts, boxed: every record's path returns a `RecordError?`, nil for all but the
    /// bad ones, and an optional one reference wide is checked and dropped inline where a wide
    /// one goes through its type's value witnesses.
    private let details: Details

    private final class Details: Sendable {
        let message: String
        let source: RecordSource?

        init(message: String, source: RecordSource?) {
            self.message = message
            self.source = source
        }
    }

    public init(_ code: Code, _ message: String, source: RecordSource? = nil) {
        self.code = code
        details = Details(message: message, source: source)
    }

    public static func == (a: RecordError, b: RecordError) -> Bool {
        a.code == b.code && a.message == b.message && a.source == b.source
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(message)
        hasher.combine(source)
    }

    /// The decoder's error, for the record at `source`.
    public init(_ error: DecodeError, source: RecordSource? = nil) {
        self.init(.undecodable(error.code), "\(error)", source: source)
    }

    public var description: String { message }
}
