import PCIeTLP

/// pcapng read block by block from a ``ByteSource``, without libpcap: each interface keeps its
/// own link type (libpcap refuses a file whose interfaces differ), the link mode comes from an
/// interface description that tlpcheck wrote (``PcapngWriter``), and the direction from each
/// packet's `epb_flags`. Reads Section Header, Interface Description, Enhanced, Simple and
/// (obsolete) Packet blocks; every other block is skipped. Both byte orders; a new section
/// starts a new set of interfaces.
public final class PcapngReader: CaptureReader {
    static let sectionHeader: UInt32 = 0x0A0D_0D0A
    static let byteOrderMagic: UInt32 = 0x1A2B_3C4D
    /// Largest block read (libpcap's limit is 16 MiB too).
    static let maxBlock = 16 << 20

    /// One Interface Description Block, as far as tlpcheck uses it.
    public struct Interface: Sendable {
        public var linkType: Int32
        public var snapLength: Int
        public var name: String?
        public var description: String?
        public var hardware: String?
        /// Timestamp units per second (`if_tsresol`; default 10^6).
        public var unitsPerSecond: UInt64 = 1_000_000
        /// The link mode when the description is one tlpcheck wrote.
        public var mode: LinkMode?
        var layer: LinkLayer?
    }

    private let source: ByteSource
    private let skipBytes: Int
    private var swapped = false
    private var packet = 0
    private var finished = false
    public private(set) var interfaces: [Interface] = []

    /// Reads the first Section Header Block; throws when the input is not pcapng, or when
    /// none of the interfaces described at its start has a link type tlpcheck reads.
    public init(_ source: ByteSource, skipBytes: Int) throws(CaptureError) {
        self.source = source
        self.skipBytes = skipBytes
        let prefix = try source.peek(1 << 16)
        guard let order = Self.sectionByteOrder(prefix) else {
            throw CaptureError(path: source.path, "not a readable pcap/pcapng file: bad pcapng section header")
        }
        let types = Self.interfaceLinkTypes(prefix, swapped: order)
        if let first = types.first, !types.contains(where: Encapsulation.reads(linkType:)) {
            throw PcapReader.unsupported(path: source.path, linkType: first)
        }
    }

    /// The byte order of a section header at the start of `bytes` (true: swapped), or nil.
    static func sectionByteOrder(_ bytes: [UInt8]) -> Bool? {
        guard bytes.count >= 12, bytes.starts(with: [0x0A, 0x0D, 0x0D, 0x0A]) else { return nil }
        let magic = UInt32(bytes[8]) | UInt32(bytes[9]) << 8 | UInt32(bytes[10]) << 16 | UInt32(bytes[11]) << 24
        if magic == byteOrderMagic { return false }
        if magic == byteOrderMagic.byteSwapped { return true }
        return nil
    }

    /// Link types of the Interface Description Blocks that lie whole in `bytes`.
    static func interfaceLinkTypes(_ bytes: [UInt8], swapped: Bool) -> [Int32] {
        var types: [Int32] = []
        var offset = 0
        func word(_ at: Int) -> UInt32 {
            let value =
                UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16
                | UInt32(bytes[at + 3]) << 24
            return swapped ? value.byteSwapped : value
        }
        while offset + 12 <= bytes.count {
            let type = word(offset)
            let length = Int(word(offset + 4))
            guard length >= 12, length % 4 == 0, offset + length <= bytes.count else { break }
            if type == 1, length >= 20 {
                let linkWord = word(offset + 8)
                types.append(Int32(swapped ? linkWord >> 16 : linkWord & 0xFFFF))
            }
            offset += length
        }
        return types
    }

    public var progress: (done: Int64, total: Int64?) { (source.offset, source.totalSize) }

    public func next() throws(CaptureError) -> CaptureRecord? {
        while !finished {
            try source.ensure(12)
            if source.available == 0 {
                finished = true
                return nil
            }
            guard source.available >= 12 else { return fail("truncated pcapng block header") }
            let head = source.withWindow { Array($0.prefix(12)) }
            if Self.u32(head, 0, swapped: false) == Self.sectionHeader {
                guard let order = Self.sectionByteOrder(head) else { return fail("bad pcapng section header") }
                swapped = order
                interfaces = []
            }
            let type = Self.u32(head, 0, swapped: swapped)
            let length = Int(Self.u32(head, 4, swapped: swapped))
            guard length >= 12, length % 4 == 0 else { return fail("pcapng block length \(length) is invalid") }
            guard length <= Self.maxBlock else {
                return fail("pcapng block of \(length) bytes is bigger than the maximum of \(Self.maxBlock)")
            }
            try source.ensure(length)
            guard source.available >= length else {
                return fail("truncated pcapng block; tried to read \(length) bytes, only got \(source.available)")
            }
            let block = source.withWindow { Array($0.prefix(length)) }
            source.consume(length)
            guard Self.u32(block, length - 4, swapped: swapped) == UInt32(length) else {
                return fail(
                    "pcapng block lengths disagree (\(length) and \(Self.u32(block, length - 4, swapped: swapped)))")
            }
            switch type {
            case 1: readInterface(block)
            case 6, 3, 2: return packetRecord(type: type, block)
            default: continue
            }
        }
        return nil
    }

    private func fail(_ message: String) -> CaptureRecord {
        finished = true
        source.consume(source.available)
        packet += 1
        return .failed(RecordSource(path: source.path, packet: packet), "cannot read packet: \(message)")
    }

    static func u32(_ bytes: [UInt8], _ at: Int, swapped: Bool) -> UInt32 {
        guard at >= 0, at + 4 <= bytes.count else { return 0 }
        let value =
            UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16
            | UInt32(bytes[at + 3]) << 24
        return swapped ? value.byteSwapped : value
    }

    private func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        guard at >= 0, at + 2 <= bytes.count else { return 0 }
        let value = UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
        return swapped ? value.byteSwapped : value
    }

    /// Options from `start` to the block's trailing length: (code, value bytes).
    private func options(_ block: [UInt8], from start: Int) -> [(code: UInt16, value: ArraySlice<UInt8>)] {
        var out: [(UInt16, ArraySlice<UInt8>)] = []
        var offset = start
        let end = block.count - 4
        while offset + 4 <= end {
            let code = u16(block, offset)
            let length = Int(u16(block, offset + 2))
            if code == 0 { break }
            guard offset + 4 + length <= end else { break }
            out.append((code, block[(offset + 4)..<(offset + 4 + length)]))
            offset += 4 + (length + 3) / 4 * 4
        }
        return out
    }

    private func readInterface(_ block: [UInt8]) {
        guard block.count >= 20 else { return }
        let linkType = Int32(u16(block, 8))
        let snap = Int(Self.u32(block, 12, swapped: swapped))
        var interface = Interface(
            linkType: linkType,
            snapLength: snap > 0 && snap < ClassicPcapReader.maxCaptureLength
                ? snap : ClassicPcapReader.maxCaptureLength)
        for option in options(block, from: 16) {
            let text = String(decoding: option.value, as: UTF8.self)
            switch option.code {
            case 2: interface.name = text
            case 3: interface.description = text
            case 15: interface.hardware = text
            case 9:
                if let resolution = option.value.first {
                    let exponent = UInt64(resolution & 0x7F)
                    if resolution & 0x80 != 0 {
                        interface.unitsPerSecond = exponent < 64 ? 1 << exponent : 0
                    } else {
                        interface.unitsPerSecond = exponent <= 19 ? (0..<exponent).reduce(1) { r, _ in r * 10 } : 0
                    }
                }
            default: break
            }
        }
        interface.mode = interface.description.flatMap(PcapngWriter.mode(fromDescription:))
        interface.layer = LinkLayer(linkType: linkType, skipBytes: skipBytes, hardware: interface.hardware)
        interfaces.append(interface)
    }

    private func packetRecord(type: UInt32, _ block: [UInt8]) -> CaptureRecord {
        packet += 1
        var record = CaptureRecord(source: RecordSource(path: source.path, packet: packet), bytes: [])
        let interfaceID: Int
        var timestamp: UInt64?
        var caplen: Int
        var length: Int
        let dataStart: Int
        switch type {
        case 6, 2:
            guard block.count >= 32 else { return failed(record, "pcapng packet block of \(block.count) bytes") }
            interfaceID = type == 6 ? Int(Self.u32(block, 8, swapped: swapped)) : Int(u16(block, 8))
            timestamp =
                UInt64(Self.u32(block, 12, swapped: swapped)) << 32 | UInt64(Self.u32(block, 16, swapped: swapped))
            caplen = Int(Self.u32(block, 20, swapped: swapped))
            length = Int(Self.u32(block, 24, swapped: swapped))
            dataStart = 28
        default:
            guard block.count >= 16 else { return failed(record, "pcapng simple packet block of \(block.count) bytes") }
            interfaceID = 0
            length = Int(Self.u32(block, 8, swapped: swapped))
            dataStart = 12
            caplen = min(length, block.count - 16)
        }
        guard interfaceID < interfaces.count else {
            return failed(record, "packet on interface \(interfaceID), which no interface block describes")
        }
        let interface = interfaces[interfaceID]
        if let timestamp {
            record.time = Self.time(timestamp, unitsPerSecond: interface.unitsPerSecond)
        }
        guard caplen <= block.count - 4 - dataStart else {
            return failed(record, "packet capture length \(caplen) is more than its block holds")
        }
        caplen = min(caplen, interface.snapLength)
        if type != 3 {
            let optionsStart = dataStart + (Int(Self.u32(block, 20, swapped: swapped)) + 3) / 4 * 4
            for option in options(block, from: optionsStart) where option.code == 2 && option.value.count == 4 {
                let flags = Self.u32(Array(option.value), 0, swapped: swapped)
                record.direction = Direction(epbFlags: flags)
            }
        }
        record.mode = interface.mode
        guard var layer = interface.layer else {
            record.other = OtherPacket("link-type-\(interface.linkType)")
            return record
        }
        block.withUnsafeBytes { raw in
            let packet = UnsafeRawBufferPointer(rebasing: raw[dataStart..<(dataStart + caplen)])
            let result = layer.unwrap(packet, into: &record)
            record.take(result, packet: packet, caplen: caplen, length: length, layer: layer)
        }
        interfaces[interfaceID].layer = layer
        return record
    }

    private func failed(_ record: CaptureRecord, _ message: String) -> CaptureRecord {
        var record = record
        record.error = message
        return record
    }

    /// A timestamp in `unitsPerSecond` as seconds and nanoseconds.
    static func time(_ value: UInt64, unitsPerSecond: UInt64) -> Timestamp? {
        guard unitsPerSecond > 0 else { return nil }
        let seconds = value / unitsPerSecond
        let fraction = value % unitsPerSecond
        let product = fraction.multipliedFullWidth(by: 1_000_000_000)
        let nanoseconds = unitsPerSecond.dividingFullWidth(product).quotient
        return Timestamp(seconds: Int64(clamping: seconds), nanoseconds: UInt32(clamping: nanoseconds))
    }
}
