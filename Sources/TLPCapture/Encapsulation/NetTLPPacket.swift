import PCIeTLP

/// NetTLP (the NSDI'20 platform): each TLP travels in an Ethernet frame (VLAN tags allowed),
/// IPv4, UDP, behind a 6-byte header: a 16-bit sequence number and a 32-bit timestamp, both
/// big-endian (libtlp's `struct nettlp_hdr`). libtlp sends TLPs it issues from UDP port
/// 0x3000 + tag and the adapter from 0x4000 + tag[3:0]; packets to or from any other port are
/// other traffic. Ethernet padding after the UDP datagram is not part of the TLP.
enum NetTLPPacket {
    static let headerSize = 6
    static let libtlpPorts = 0x3000...0x30FF
    static let adapterPorts = 0x4000...0x400F

    static func isNetTLPPort(_ port: Int) -> Bool { libtlpPorts.contains(port) || adapterPorts.contains(port) }

    static func unwrap(_ packet: UnsafeRawBufferPointer, into record: inout CaptureRecord) -> Unwrapped {
        guard packet.count >= 14 else { return .failed("Ethernet frame of \(packet.count) bytes is too short") }
        var offset = 12
        var etherType = packet.bigEndian16(offset)
        // 802.1Q and 802.1ad tags, at most two.
        var tags = 0
        while etherType == 0x8100 || etherType == 0x88A8, tags < 2 {
            guard packet.count >= offset + 6 else { return .failed("VLAN tag cut short in \(packet.count) bytes") }
            offset += 4
            tags += 1
            etherType = packet.bigEndian16(offset)
        }
        offset += 2
        switch etherType {
        case 0x0800: break
        case 0x0806: return .other(OtherPacket("arp"))
        case 0x86DD: return .other(OtherPacket("ipv6"))
        default: return .other(OtherPacket("ethernet"))
        }
        let ip = offset
        guard packet.count >= ip + 20 else { return .failed("IPv4 header cut short (\(packet.count - ip) bytes)") }
        let headerLength = Int(packet[ip] & 0x0F) * 4
        guard packet[ip] >> 4 == 4, headerLength >= 20 else {
            return .failed("not an IPv4 header (first byte \(Hex.lower(packet[ip], width: 2)))")
        }
        let totalLength = packet.bigEndian16(ip + 2)
        let fragment = packet.bigEndian16(ip + 6) & 0x3FFF
        guard packet[ip + 9] == 17 else { return .other(OtherPacket("ipv4")) }
        guard fragment == 0 else { return .other(OtherPacket("ipv4-fragment")) }
        let udp = ip + headerLength
        guard packet.count >= udp + 8, totalLength >= headerLength + 8 else {
            return .failed("UDP header cut short")
        }
        let source = packet.bigEndian16(udp)
        let destination = packet.bigEndian16(udp + 2)
        guard isNetTLPPort(source) || isNetTLPPort(destination) else { return .other(OtherPacket("udp")) }
        // The datagram ends where both lengths say; the frame may carry padding after it.
        let udpLength = min(packet.bigEndian16(udp + 4), totalLength - headerLength)
        guard udpLength >= 8 + headerSize else {
            return .failed("NetTLP datagram of \(udpLength) bytes has no room for the NetTLP header")
        }
        let header = udp + 8
        guard packet.count >= header + headerSize else { return .failed("NetTLP header cut short") }
        let sequence = packet.bigEndian16(header)
        let timestamp = packet.bigEndian32(header + 2)
        record.layerEntries.append(
            RecordEntry(
                "nettlp", .object([RecordEntry("seq", .int(sequence)), RecordEntry("timestamp", .int(Int(timestamp)))])
            ))
        let start = header + headerSize
        let declaredEnd = udp + udpLength
        guard declaredEnd > start else { return .failed("NetTLP packet holds no TLP after its header") }
        let end = min(declaredEnd, packet.count)
        guard end > start else { return .failed("NetTLP packet cut before its TLP") }
        return .tlp(start..<end, declared: end < declaredEnd ? declaredEnd - start : nil)
    }
}
