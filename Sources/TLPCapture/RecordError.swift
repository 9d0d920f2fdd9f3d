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
    public let message: String
    public let source: RecordSource?

    public init(_ code: Code, _ message: String, source: RecordSource? = nil) {
        self.code = code
        self.message = message
        self.source = source
    }

    /// The decoder's error, for the record at `source`.
    public init(_ error: DecodeError, source: RecordSource? = nil) {
        self.init(.undecodable(error.code), "\(error)", source: source)
    }

    public var description: String { message }
}
