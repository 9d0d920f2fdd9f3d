/// Where a record came from: `path:line` for text, `path#record` for pcap, with the device
/// when a log line names one.
public struct RecordSource: Hashable, Sendable, CustomStringConvertible {
    public var path: String
    /// 1-based line of the record's first word (text inputs).
    public var line: Int?
    /// 1-based packet number (pcap inputs).
    public var packet: Int?
    /// PCI device named on the log line (`0000:00:1c.0`), if any.
    public var device: String?

    public init(path: String, line: Int? = nil, packet: Int? = nil, device: String? = nil) {
        self.path = path
        self.line = line
        self.packet = packet
        self.device = device
    }

    public var description: String {
        var text = path
        if let line { text += ":\(line)" }
        if let packet { text += "#\(packet)" }
        if let device { text += " (\(device))" }
        return text
    }
}
