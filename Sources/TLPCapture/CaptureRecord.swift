import PCIeTLP

/// One record as a capture holds it: the TLP's wire bytes and what the source says about them.
public struct CaptureRecord: Sendable {
    public var source: RecordSource
    /// Wire bytes as captured (possibly fewer than the TLP announces).
    public var bytes: [UInt8]
    /// pcap timestamp.
    public var time: Timestamp?
    /// The link mode when the source says it (`OHC=` annotations, `(Flit)`, lspci `FltMode+`).
    public var mode: LinkMode?
    /// A header log (AER, DPC, CPER, tracepoint, lspci): `bytes` holds the logged words, the
    /// TLP's prefixes and header (and OHC) followed by the log's padding. The record decodes to
    /// the header only; the padding is not payload, and a TLP that announces a payload or
    /// digest decodes as truncated.
    public var isHeaderLog = false
    /// The bytes to decode in non-flit mode when they differ from `bytes`: the 14-word
    /// `aer_event` log of 6.15+ kernels, whose words 5..8 are the non-flit TLP Prefix Log.
    public var nonFlitBytes: [UInt8]?
    /// Original length of the packet when the capture says so (pcap `len`).
    public var originalLength: Int?
    /// How the source wrote 8-digit words, so text output can show each DW as captured.
    public var wordOrder: WordOrder?
    /// Analyzer dumps: the type the annotation names (`MWr64`), to cross-check the decode.
    public var annotationType: String?
    /// Notes the reader adds for this record (annotation disagreements, ...).
    public var notes: [String] = []
    /// Set when the reader could not turn the record into bytes (bad hex, overlong line).
    public var error: String?
    /// The packet's encapsulation when it is not a bare TLP (NetTLP, an analyzer's frames).
    public var encapsulation: Encapsulation?
    /// Which way the packet went, when the capture says (pcapng `epb_flags`, analyzer flags).
    public var direction: Direction?
    /// Set when the packet holds no TLP (a DLLP, an ordered set, ARP, other UDP): it is counted
    /// as an other packet, not decoded, and is no error.
    public var other: OtherPacket?
    /// What the encapsulation knows beyond the TLP, as record entries (`nettlp`,
    /// `pseudo_header`, `link_seq`).
    public var layerEntries: [RecordEntry] = []

    public init(source: RecordSource, bytes: [UInt8], time: Timestamp? = nil, mode: LinkMode? = nil) {
        self.source = source
        self.bytes = bytes
        self.time = time
        self.mode = mode
    }

    /// A record that could not be read; it is counted and reported, and the stream goes on.
    public static func failed(_ source: RecordSource, _ message: String) -> CaptureRecord {
        var record = CaptureRecord(source: source, bytes: [])
        record.error = message
        return record
    }
}
