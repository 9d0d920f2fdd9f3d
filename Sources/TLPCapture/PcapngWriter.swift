import PCIeTLP

/// pcapng written through a ``ByteSink``: one section, an Interface Description Block per link
/// mode met (the mode in its `if_description`, `tlpcheck link-mode=flit`, which
/// ``PcapngReader`` reads back, so the file needs no `--mode`), and an Enhanced Packet Block
/// per TLP with nanosecond timestamps, the direction in `epb_flags` when known, and the record
/// it came from in a comment. Packets are the TLP's captured wire bytes, as in ``PcapWriter``.
public final class PcapngWriter: CaptureWriter {
    private let sink: ByteSink
    private let linkType: Int32
    /// Interface numbers by link mode (`unknown`: the input did not say, so nothing is stated).
    private var interfaces: [String: UInt32] = [:]

    public static let descriptionPrefix = "tlpcheck link-mode="

    public init(_ sink: ByteSink, linkType: Int32) throws(CaptureError) {
        self.sink = sink
        self.linkType = linkType
        var body: [UInt8] = []
        append32(0x1A2B_3C4D, to: &body)
        append16(1, to: &body)  // version 1.0
        append16(0, to: &body)
        append32(0xFFFF_FFFF, to: &body)  // section length unknown
        append32(0xFFFF_FFFF, to: &body)
        appendOption(4, Array("tlpcheck".utf8), to: &body)  // shb_userappl
        appendEnd(to: &body)
        try sink.write(Self.block(0x0A0D_0D0A, body))
    }

    /// The link mode an `if_description` states, when tlpcheck wrote it.
    public static func mode(fromDescription text: String) -> LinkMode? {
        guard text.hasPrefix(descriptionPrefix) else { return nil }
        let value = text.dropFirst(descriptionPrefix.count).prefix { $0 != " " }
        return LinkMode(rawValue: String(value))
    }

    private func interface(for mode: LinkMode?) throws(CaptureError) -> UInt32 {
        let key = mode?.rawValue ?? "unknown"
        if let known = interfaces[key] { return known }
        let number = UInt32(interfaces.count)
        interfaces[key] = number
        var body: [UInt8] = []
        append16(UInt16(truncatingIfNeeded: linkType), to: &body)
        append16(0, to: &body)
        append32(UInt32(PcapWriter.snapLength), to: &body)
        appendOption(2, Array("tlp-\(key)".utf8), to: &body)  // if_name
        if let mode {
            appendOption(3, Array("\(Self.descriptionPrefix)\(mode.rawValue)".utf8), to: &body)  // if_description
        }
        appendOption(9, [9], to: &body)  // if_tsresol: nanoseconds
        appendEnd(to: &body)
        try sink.write(Self.block(1, body))
        return number
    }

    public func write(_ record: CaptureRecord, tlp: TLP?) throws(CaptureError) {
        guard !record.bytes.isEmpty else { return }
        guard record.bytes.count <= Int(PcapWriter.snapLength) else {
            throw CaptureError(
                path: sink.path,
                "\(record.source): \(record.bytes.count) bytes is more than a packet holds (\(PcapWriter.snapLength))")
        }
        let id = try interface(for: record.mode)
        let declared =
            record.originalLength ?? tlp.map { max($0.declaredSize, record.bytes.count) } ?? record.bytes.count
        let seconds = UInt64(clamping: max(0, record.time?.seconds ?? 0))
        let nanoseconds = UInt64(record.time?.nanoseconds ?? 0)
        let (high, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let stamp = overflow ? UInt64.max : high.addingReportingOverflow(nanoseconds).partialValue
        var body: [UInt8] = []
        body.reserveCapacity(record.bytes.count + 96)
        append32(id, to: &body)
        append32(UInt32(truncatingIfNeeded: stamp >> 32), to: &body)
        append32(UInt32(truncatingIfNeeded: stamp), to: &body)
        append32(UInt32(record.bytes.count), to: &body)
        append32(UInt32(clamping: declared), to: &body)
        body += record.bytes
        while body.count % 4 != 0 { body.append(0) }
        appendOption(1, Array(record.source.description.utf8), to: &body)  // opt_comment
        if let direction = record.direction {
            var flags: [UInt8] = []
            append32(direction.epbFlags, to: &flags)
            appendOption(2, flags, to: &body)  // epb_flags
        }
        appendEnd(to: &body)
        try sink.write(Self.block(6, body))
    }

    public func finish() throws(CaptureError) { try sink.commit() }

    static func block(_ type: UInt32, _ body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        let length = UInt32(body.count + 12)
        append32(type, to: &out)
        append32(length, to: &out)
        out += body
        append32(length, to: &out)
        return out
    }
}

/// Little-endian integers, as both capture writers lay them out.
func append16(_ value: UInt16, to bytes: inout [UInt8]) {
    bytes.append(UInt8(truncatingIfNeeded: value))
    bytes.append(UInt8(truncatingIfNeeded: value >> 8))
}

func append32(_ value: UInt32, to bytes: inout [UInt8]) {
    append16(UInt16(truncatingIfNeeded: value), to: &bytes)
    append16(UInt16(truncatingIfNeeded: value >> 16), to: &bytes)
}

/// An option: code, length, value padded to 32 bits. Values are cut to 65,532 bytes.
private func appendOption(_ code: UInt16, _ value: [UInt8], to bytes: inout [UInt8]) {
    let kept = value.prefix(65_532)
    append16(code, to: &bytes)
    append16(UInt16(kept.count), to: &bytes)
    bytes += kept
    while bytes.count % 4 != 0 { bytes.append(0) }
}

private func appendEnd(to bytes: inout [UInt8]) {
    append16(0, to: &bytes)
    append16(0, to: &bytes)
}
