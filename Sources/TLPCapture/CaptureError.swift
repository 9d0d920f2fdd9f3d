/// An input or output that is unusable as a whole (unreadable file, wrong magic, unsupported
/// link type, truncated pcap file header, a failed write). It ends the run with exit code 2; a
/// bad record does not.
public struct CaptureError: Error, Hashable, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String
    /// A write to a pipe whose reader has gone (`tlpcheck decode | head`): the run stops quietly.
    public let brokenPipe: Bool

    public init(path: String, _ message: String, brokenPipe: Bool = false) {
        self.path = path
        self.message = message
        self.brokenPipe = brokenPipe
    }

    public var description: String { "\(path): \(message)" }
}
