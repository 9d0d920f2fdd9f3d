/// An input that is unusable as a whole (unreadable file, wrong magic, unsupported link type,
/// truncated pcap file header). It ends the run with exit code 2; a bad record does not.
public struct CaptureError: Error, Hashable, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String

    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
