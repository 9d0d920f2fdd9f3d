/// Link type 125 and USER0..USER15: the packet is one TLP's wire bytes, after `skipBytes` of a
/// private pseudo-header (`--skip-bytes`).
enum BareTLP {
    static func unwrap(_ packet: UnsafeRawBufferPointer, skipBytes: Int) -> Unwrapped {
        guard packet.count > skipBytes else {
            return .failed(
                packet.isEmpty
                    ? "zero-length packet"
                    : "packet of \(packet.count) bytes has no TLP after the \(skipBytes)-byte pseudo-header")
        }
        return .tlp(skipBytes..<packet.count, declared: nil)
    }
}
