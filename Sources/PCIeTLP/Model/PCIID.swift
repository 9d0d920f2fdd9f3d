/// A 16-bit Requester/Completer/destination ID, shown in the non-ARI bus:device.function split.
///
/// The TLP alone cannot tell ARI from non-ARI, so the split is always the non-ARI one.
public struct PCIID: Hashable, Sendable, CustomStringConvertible {
    public var raw: UInt16

    public init(_ raw: UInt16) { self.raw = raw }

    public init(bus: UInt8, device: UInt8, function: UInt8) {
        raw = UInt16(bus) << 8 | UInt16(device & 0x1F) << 3 | UInt16(function & 7)
    }

    /// Parses `BB:DD.F` (hex), as written by ``description``.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(whereSeparator: { $0 == ":" || $0 == "." })
        guard parts.count == 3, let bus = UInt8(parts[0], radix: 16), let device = UInt8(parts[1], radix: 16),
            let function = UInt8(parts[2], radix: 16), device < 32, function < 8
        else { return nil }
        self.init(bus: bus, device: device, function: function)
    }

    public var bus: UInt8 { UInt8(raw >> 8) }
    public var device: UInt8 { UInt8((raw >> 3) & 0x1F) }
    public var function: UInt8 { UInt8(raw & 7) }

    /// `04:00.0`, lower-case hex (the JSON form).
    public var description: String {
        // Seven bytes written in place: findings name requesters by the thousand.
        String(unsafeUninitializedCapacity: 7) { text in
            let digits: StaticString = "0123456789abcdef"
            let hex = { (value: UInt8) in digits.utf8Start[Int(value & 0xF)] }
            text[0] = hex(bus >> 4)
            text[1] = hex(bus)
            text[2] = UInt8(ascii: ":")
            text[3] = hex(device >> 4)
            text[4] = hex(device)
            text[5] = UInt8(ascii: ".")
            text[6] = hex(function)
            return 7
        }
    }

    /// `4h:0h.0h`, the analyzer-text form.
    public var analyzerText: String {
        let out = TextBuffer(capacity: 16)
        var cursor = out.cursor(room: 16)
        writeAnalyzerText(to: &cursor)
        out.commit(cursor)
        return out.string
    }
}
