import PCIeTLP

/// What a pcap file's header says, as both pcap readers report it (the differential fuzz
/// target compares them).
public struct PcapFileHeader: Hashable, Sendable {
    public var major: Int
    public var minor: Int
    /// The snapshot length packets are cut to (libpcap's maximum when the field is 0 or larger).
    public var snapLength: Int
    /// The link-type field as stored: the link type in bits 15:0, reserved bits 25:16, and an
    /// FCS length in bits 31:26 (libpcap's `LT_*` macros).
    public var linkTypeField: UInt32
    public var swapped: Bool

    public var linkType: Int32 { Int32(linkTypeField & 0xFFFF) }

    /// Refuses what libpcap refuses and what tlpcheck does not read, naming the link type.
    func checkLinkType(path: String) throws(CaptureError) {
        guard linkTypeField & 0x03FF_0000 == 0 else {
            throw CaptureError(
                path: path,
                "not a readable pcap/pcapng file: link-type field \(Hex.prefixed(linkTypeField)) has reserved bits 25:16 set"
            )
        }
        guard Encapsulation.reads(linkType: linkType) else {
            throw PcapReader.unsupported(path: path, linkType: linkType)
        }
    }
}
