import PCIeTLP

/// What a capture's packets carry around each TLP, chosen by link type and content: the layer
/// between a packet's bytes and the TLP's wire bytes.
public enum Encapsulation: String, Sendable, CaseIterable, Comparable {
    /// Each packet is one TLP's wire bytes (link type 125, USER0..USER15), after `--skip-bytes`.
    case tlp
    /// NetTLP: Ethernet (VLAN tags allowed), IPv4, UDP to a NetTLP port, the 6-byte NetTLP header
    /// (sequence number, timestamp), then the TLP (link type 1).
    case netTLP = "nettlp"
    /// A protocol analyzer's records as pad2pcapng writes them (USER11): a 20-byte little-endian
    /// pseudo-header, then the physical-layer frame: STP, sequence number, TLP, LCRC, END; or a
    /// DLLP between SDP and END; or an ordered set.
    case pcieCapture = "pcie-capture"

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    public static let ethernet: Int32 = 1
    public static let user11: Int32 = 158

    /// The link types tlpcheck reads, for messages.
    public static let readableLinkTypes =
        "125 (DLT_PCI_EXP), USER0..USER15 (147..162; USER11 with an analyzer pseudo-header) and 1 (Ethernet, NetTLP)"

    /// Whether tlpcheck reads packets of `linkType`.
    public static func reads(linkType: Int32) -> Bool {
        linkType == PcapReader.pciExpress || PcapReader.userLinkTypes.contains(linkType) || linkType == ethernet
    }
}

/// A packet that holds no TLP: counted as an "other packet" of its kind, never as an error.
public struct OtherPacket: Sendable {
    /// `dllp`, `ordered-set`, `arp`, `ipv6`, `udp`, ... (the `packet` key, and the count's name).
    public var kind: String
    /// What the layer decoded of it (the `dllp` object), in record order.
    public var entries: [RecordEntry]

    public init(_ kind: String, _ entries: [RecordEntry] = []) {
        self.kind = kind
        self.entries = entries
    }
}

/// Which way a packet went, with pcapng's names (`epb_flags` bits 1:0).
public enum Direction: String, Sendable, CaseIterable {
    case inbound, outbound

    /// From `epb_flags`: 01 inbound, 10 outbound; 00 (unknown) and 11 (invalid) give nil.
    public init?(epbFlags: UInt32) {
        switch epbFlags & 3 {
        case 1: self = .inbound
        case 2: self = .outbound
        default: return nil
        }
    }

    public var epbFlags: UInt32 { self == .inbound ? 1 : 2 }
}

/// The result of taking a packet apart: where the TLP lies in it, or why there is none.
public enum Unwrapped {
    /// The TLP's bytes are `range` of the packet; `declared` is the TLP's size when the layer
    /// knows more was sent than captured.
    case tlp(Range<Int>, declared: Int?)
    case other(OtherPacket)
    case failed(String)
}

extension CaptureRecord {
    /// Takes the outcome of unwrapping `packet` (a copying reader's packet of `caplen` captured
    /// bytes, `length` sent): the TLP's bytes and declared size, the other packet, or the error.
    mutating func take(
        _ result: Unwrapped, packet: UnsafeRawBufferPointer, caplen: Int, length: Int, layer: LinkLayer
    ) {
        switch result {
        case .tlp(let range, let declared):
            bytes = Array(UnsafeRawBufferPointer(rebasing: packet[range]))
            if let declared {
                originalLength = declared
            } else if length > caplen, layer.isBare {
                originalLength = length - layer.skipBytes
            }
        case .other(let packet): other = packet
        case .failed(let message): error = message
        }
    }
}

/// Chooses and applies the encapsulation of one capture interface (a pcap file or a pcapng
/// interface). USER11 is read as the analyzer layout when the interface says it (pad2pcapng
/// names the analyzer module as the interface's hardware) or its first packet shows it (a
/// framing symbol after the 20-byte pseudo-header); otherwise it is a bare TLP like USER0.
public struct LinkLayer: Sendable {
    public let linkType: Int32
    public private(set) var encapsulation: Encapsulation?
    let skipBytes: Int

    /// nil when tlpcheck does not read `linkType`.
    public init?(linkType: Int32, skipBytes: Int, hardware: String? = nil) {
        guard Encapsulation.reads(linkType: linkType) else { return nil }
        self.linkType = linkType
        self.skipBytes = skipBytes
        switch linkType {
        case Encapsulation.ethernet: encapsulation = .netTLP
        case Encapsulation.user11 where skipBytes == 0:
            encapsulation = hardware.map { $0.hasPrefix("AGT_MODULE") } == true ? .pcieCapture : nil
        default: encapsulation = .tlp
        }
    }

    /// True when packets are bare TLPs (the fast path: nothing to take apart).
    @inline(__always) public var isBare: Bool { encapsulation == .tlp }

    /// Takes `packet` apart and adds what the layer knows to `record`.
    public mutating func unwrap(_ packet: UnsafeRawBufferPointer, into record: inout CaptureRecord) -> Unwrapped {
        let chosen: Encapsulation
        if let encapsulation {
            chosen = encapsulation
        } else {
            chosen = PCIeCaptureFrame.looksLikeOne(packet) ? .pcieCapture : .tlp
            encapsulation = chosen
        }
        switch chosen {
        case .tlp: return BareTLP.unwrap(packet, skipBytes: skipBytes)
        case .netTLP:
            // NetTLP adapters are PCIe Gen3 endpoints: their TLPs are non-flit.
            record.encapsulation = .netTLP
            record.mode = .nonFlit
            return NetTLPPacket.unwrap(packet, into: &record)
        case .pcieCapture:
            // STP/SDP/END framing exists only on non-flit (8b/10b, 128b/130b) links.
            record.encapsulation = .pcieCapture
            record.mode = .nonFlit
            return PCIeCaptureFrame.unwrap(packet, into: &record)
        }
    }
}

extension UnsafeRawBufferPointer {
    @inline(__always) func bigEndian16(_ at: Int) -> Int { Int(self[at]) << 8 | Int(self[at + 1]) }
    @inline(__always) func bigEndian32(_ at: Int) -> UInt32 {
        UInt32(self[at]) << 24 | UInt32(self[at + 1]) << 16 | UInt32(self[at + 2]) << 8 | UInt32(self[at + 3])
    }
    @inline(__always) func littleEndian16(_ at: Int) -> UInt16 { UInt16(self[at]) | UInt16(self[at + 1]) << 8 }
    @inline(__always) func littleEndian32(_ at: Int) -> UInt32 {
        UInt32(self[at]) | UInt32(self[at + 1]) << 8 | UInt32(self[at + 2]) << 16 | UInt32(self[at + 3]) << 24
    }
    @inline(__always) func littleEndian64(_ at: Int) -> UInt64 {
        UInt64(littleEndian32(at)) | UInt64(littleEndian32(at + 4)) << 32
    }
}
