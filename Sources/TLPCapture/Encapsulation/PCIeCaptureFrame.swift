import PCIeTLP

/// USER11 as pad2pcapng (cyrozap/agilent-pcie-analyzer-re) writes an Agilent/Keysight analyzer
/// trace: each packet starts with a 20-byte little-endian pseudo-header
///
/// | bytes | field |
/// |---|---|
/// | 0..<4 | record number |
/// | 4..<12 | timestamp, ns |
/// | 12..<14 | LFSR |
/// | 14..<16 | bit 15: extra metadata present; bits 14:0: metadata offset (the frame's length when non-zero) |
/// | 16..<20 | flags: bit 28 upstream (1) or downstream (0), bit 11 disparity error, bit 3 symbol error |
///
/// then the physical-layer frame (8b/10b symbols as bytes): STP (FBh), 4 reserved bits and the
/// 12-bit sequence number, the TLP, its 4-byte LCRC, END (FDh); or SDP (5Ch), a 6-byte DLLP,
/// END; or an ordered set starting with COM (BCh). After the frame, when the metadata offset is
/// set, come the analyzer's per-symbol metadata, which is not part of the frame.
enum PCIeCaptureFrame {
    static let headerSize = 20
    static let stp: UInt8 = 0xFB
    static let sdp: UInt8 = 0x5C
    static let com: UInt8 = 0xBC
    static let end: UInt8 = 0xFD
    static let edb: UInt8 = 0xFE
    /// Flags bit 28: the packet went upstream (towards the root complex).
    static let upstream: UInt32 = 1 << 28

    /// A packet long enough for the pseudo-header and a frame symbol right after it.
    static func looksLikeOne(_ packet: UnsafeRawBufferPointer) -> Bool {
        guard packet.count > headerSize else { return false }
        return [stp, sdp, com].contains(packet[headerSize])
    }

    static func unwrap(_ packet: UnsafeRawBufferPointer, into record: inout CaptureRecord) -> Unwrapped {
        guard packet.count >= headerSize else {
            return .failed("packet of \(packet.count) bytes is shorter than the 20-byte analyzer pseudo-header")
        }
        let number = packet.littleEndian32(0)
        let timestamp = packet.littleEndian64(4)
        let offset = Int(packet.littleEndian16(14) & 0x7FFF)
        let flags = packet.littleEndian32(16)
        record.layerEntries.append(
            RecordEntry(
                "pseudo_header",
                .object([
                    RecordEntry("record", .int(Int(number))),
                    RecordEntry("timestamp_ns", .int(Int(truncatingIfNeeded: timestamp & 0x7FFF_FFFF_FFFF_FFFF))),
                    RecordEntry("flags", .int(Int(flags))),
                ])))
        // Upstream TLPs travel towards the root complex: inbound, seen from the host's side of
        // the link; downstream ones outbound.
        record.direction = flags & upstream != 0 ? .inbound : .outbound
        let frameEnd = offset > 0 ? min(packet.count, headerSize + offset) : packet.count
        let frame = UnsafeRawBufferPointer(rebasing: packet[headerSize..<frameEnd])
        guard let start = frame.first else { return .failed("analyzer record \(number) holds no frame") }
        switch start {
        case stp:
            // STP, 2 bytes of sequence number, at least one DW of TLP, LCRC, END.
            guard frame.count >= 3 + 4 + 4 + 1 else {
                return .failed("TLP frame of \(frame.count) bytes is too short for STP, sequence, LCRC and END")
            }
            let sequence = frame.bigEndian16(1) & 0x0FFF
            record.layerEntries.append(RecordEntry("link_seq", .int(sequence)))
            let last = frame[frame.count - 1]
            if last == edb { return .other(OtherPacket("nullified-tlp", [RecordEntry("link_seq", .int(sequence))])) }
            guard last == end else {
                return .failed("TLP frame does not end with END (last symbol \(Hex.analyzer(last, width: 2)))")
            }
            let tlpStart = headerSize + 3
            return .tlp(tlpStart..<(headerSize + frame.count - 5), declared: nil)
        case sdp:
            guard frame.count >= 8 else { return .failed("DLLP frame of \(frame.count) bytes is too short") }
            guard frame[7] == end else {
                return .failed("DLLP frame does not end with END (\(Hex.analyzer(frame[7], width: 2)))")
            }
            return .other(OtherPacket("dllp", [RecordEntry("dllp", DLLP.entries(frame[1..<7]))]))
        case com:
            return .other(OtherPacket("ordered-set"))
        default:
            return .other(OtherPacket("other-symbols"))
        }
    }

}
