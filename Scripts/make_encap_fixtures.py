#!/usr/bin/env python3
"""Write the encapsulation fixtures from the formats alone, with Python's standard library.

No NetTLP capture is copied: github.com/NetTLP/captured carries no licence, so these files
are built from NetTLP's format (libtlp's `struct nettlp_hdr`: a big-endian 16-bit sequence
number and 32-bit timestamp after the UDP header; libtlp's ports 0x3000 + tag and the
adapter's 0x4000 + tag[3:0]) in the shape of those captures: classic pcap, nanosecond
timestamps, link type 1, frames with and without an 802.1Q tag, a snapshot length of 128
that cuts long TLPs. The USER11 file follows pad2pcapng (cyrozap/agilent-pcie-analyzer-re):
one interface named after the analyzer port with if_tsresol 9 and the module as if_hardware,
and per packet the 20-byte little-endian pseudo-header (record number, timestamp in ns,
LFSR, metadata info, flags; bit 28 of the flags is upstream), then the frame: STP, sequence
number, TLP, LCRC, END; SDP, DLLP, END; or an ordered set.

Regenerate (from the repository root):

    python3 Scripts/make_encap_fixtures.py Fixtures/encap

Files written:
  nettlp-nvme.pcap        NetTLP: MRd32, MRd64, CplD (one cut at 128 bytes), MWr32, with
                          ARP and a non-NetTLP UDP datagram between them (other packets)
  user11-pad2pcapng.pcapng  analyzer trace: TLPs (down- and upstream, one with analyzer
                          metadata after the frame), Ack, Nak, UpdateFC, InitFC DLLPs, SKP
  mixed-linktypes.pcapng  two interfaces: USER11 (the analyzer layout) and 125 written as
                          tlpcheck writes it (flit mode in the interface description), with
                          epb_flags directions
"""
import binascii
import struct
import sys
from pathlib import Path


def dws(*words):
    return b"".join(struct.pack(">I", w) for w in words)


# ---- NetTLP -------------------------------------------------------------------------------

def ipv4_checksum(header):
    total = sum(struct.unpack(">10H", header))
    while total > 0xFFFF:
        total = (total & 0xFFFF) + (total >> 16)
    return (~total) & 0xFFFF


def nettlp_frame(tlp, seq, stamp, port, vlan=None, to_adapter=True):
    payload = struct.pack(">HI", seq, stamp) + tlp
    udp = struct.pack(">HHHH", port, port, 8 + len(payload), 0) + payload
    src, dst = (bytes([192, 168, 10, 1]), bytes([192, 168, 10, 3]))
    if not to_adapter:
        src, dst = dst, src
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0, src, dst)
    ip = ip[:10] + struct.pack(">H", ipv4_checksum(ip)) + ip[12:]
    eth = bytes.fromhex("ffffffffffff001122334455")
    eth += (struct.pack(">HH", 0x8100, vlan) if vlan is not None else b"") + struct.pack(">H", 0x0800)
    frame = eth + ip + udp
    return frame + bytes(max(0, 60 - len(frame)))  # Ethernet minimum, padding after the datagram


def classic_ns(path, link_type, snap, packets):
    out = struct.pack("<IHHiIII", 0xA1B23C4D, 2, 4, 0, 0, snap, link_type)
    for seconds, nanoseconds, frame in packets:
        kept = frame[:snap]
        out += struct.pack("<IIII", seconds, nanoseconds, len(kept), len(frame)) + kept
    path.write_bytes(out)


def nettlp_fixture(path):
    arp = bytes.fromhex("ffffffffffff001122334455" "0806" "0001080006040001" "001122334455c0a80a01"
                        "000000000000c0a80a03") + bytes(18)
    dns = bytearray(nettlp_frame(b"\x00" * 12, 0, 0, 53))
    payload16 = bytes(range(64))
    frames = [
        # MRd32, 16 DW, from 19:00.0 tag 2 (libtlp port 0x3002), VLAN 100.
        nettlp_frame(dws(0x00002010, 0x190002FF, 0x90000000), 0x01B2, 0x5271FD19, 0x3002, vlan=100),
        bytes(arp),
        # CplD answering it: 16 DW of payload, complete.
        nettlp_frame(dws(0x4A002010, 0x1B000040, 0x19000200) + payload16, 0, 0, 0x3002, to_adapter=False),
        # MRd64 from the adapter side (port 0x4000 + tag[3:0]), no VLAN.
        nettlp_frame(dws(0x20000001, 0x1900050F, 0x00000001, 0x23456780), 0x01B3, 0x5271FD40, 0x4005),
        bytes(dns),
        # CplD of 32 DW: cut by the 128-byte snapshot length.
        nettlp_frame(dws(0x4A000020, 0x1B000080, 0x19000500) + bytes(range(128)), 0, 0, 0x4005,
                     to_adapter=False),
        # MWr32 with one DW, tag 7.
        nettlp_frame(dws(0x40000001, 0x1900070F, 0xFED00040, 0xDEADBEEF), 0x01B4, 0x5271FE00, 0x3007),
    ]
    classic_ns(path, 1, 128, [(1563784299, 384549470 + 1000 * i, f) for i, f in enumerate(frames)])


# ---- pcapng -------------------------------------------------------------------------------

def pad4(data):
    return data + bytes(-len(data) % 4)


def option(code, value):
    return struct.pack("<HH", code, len(value)) + pad4(value)


def block(kind, body):
    return struct.pack("<II", kind, len(body) + 12) + body + struct.pack("<I", len(body) + 12)


def shb():
    return block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))


def idb(link_type, options):
    body = struct.pack("<HHI", link_type, 0, 0) + b"".join(option(c, v) for c, v in options)
    return block(1, body + struct.pack("<HH", 0, 0))


def epb(interface, stamp, data, options=()):
    body = struct.pack("<IIIII", interface, stamp >> 32, stamp & 0xFFFFFFFF, len(data), len(data)) + pad4(data)
    if options:
        body += b"".join(option(c, v) for c, v in options) + struct.pack("<HH", 0, 0)
    return block(6, body)


STP, SDP, END, COM, SKP = 0xFB, 0x5C, 0xFD, 0xBC, 0x1C
UPSTREAM = 1 << 28


def tlp_frame(seq, tlp):
    framed = struct.pack(">H", seq & 0x0FFF) + tlp
    return bytes([STP]) + framed + struct.pack("<I", binascii.crc32(framed)) + bytes([END])


def dllp_frame(dllp):
    crc = binascii.crc_hqx(dllp, 0xFFFF)
    return bytes([SDP]) + dllp + struct.pack("<H", crc) + bytes([END])


def pseudo(number, stamp, flags, frame, metadata=b""):
    info = len(frame) if metadata else 0
    return struct.pack("<IQHHI", number, stamp, 0, info, flags) + frame + metadata


ANALYZER_RECORDS = [
    # (flags, frame, metadata after the frame)
    (0, tlp_frame(0x010, dws(0x00000001, 0x0100000F, 0xF7C00010)), b""),            # MRd32 downstream
    (UPSTREAM, dllp_frame(bytes([0x00, 0x00, 0x00, 0x10])), b""),                    # Ack seq 16
    (UPSTREAM, tlp_frame(0x7A1, dws(0x4A000001, 0x02000004, 0x01000010, 0x12345678)), b""),  # CplD upstream
    (0, dllp_frame(bytes([0x80, 0x02, 0x00, 0x40])), b""),                           # UpdateFC-P VC0
    (0, bytes([COM, SKP, SKP, SKP]), b""),                                           # SKP ordered set
    (UPSTREAM, dllp_frame(bytes([0x10, 0x00, 0x07, 0xA0])), b""),                    # Nak seq 0x7A0
    (0, dllp_frame(bytes([0x51, 0x04, 0x00, 0x00])), b""),                           # InitFC1-NP VC1
    # MWr64 with TPH (TH=1, ST=F0h in the tag byte, PH=2 in the address), metadata after END.
    (0, tlp_frame(0x011, dws(0x60010001, 0x0100F00F, 0x000020E0, 0x06000802, 0xCAFEF00D)), bytes(8)),
]


def user11_fixture(path):
    out = shb() + idb(158, [(2, b"Port A"), (9, b"\x09"), (15, b"AGT_MODULE_ONEPORT_PCIEXPRESS_X8")])
    for number, (flags, frame, meta) in enumerate(ANALYZER_RECORDS, start=1000):
        stamp = 5_000_000_000 + 8 * number
        out += epb(0, stamp, pseudo(number, stamp, flags | 0x1302, frame, meta))
    path.write_bytes(out)


def mixed_fixture(path):
    out = shb()
    out += idb(158, [(2, b"Port A"), (9, b"\x09"), (15, b"AGT_MODULE_ONEPORT_PCIEXPRESS_X8")])
    out += idb(125, [(2, b"tlp-flit"), (3, b"tlpcheck link-mode=flit"), (9, b"\x09")])
    flit_mrd = dws(0x03000001, 0x04000001, 0x06000800)  # flit MRd32
    out += epb(1, 1_000, flit_mrd, [(2, struct.pack("<I", 2))])  # outbound
    for number, (flags, frame, meta) in enumerate(ANALYZER_RECORDS[:3], start=1):
        out += epb(0, 2_000 + number, pseudo(number, 2_000 + number, flags, frame, meta))
    out += epb(1, 3_000, flit_mrd, [(2, struct.pack("<I", 1))])  # inbound
    path.write_bytes(out)


def main():
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "Fixtures/encap")
    folder.mkdir(parents=True, exist_ok=True)
    nettlp_fixture(folder / "nettlp-nvme.pcap")
    user11_fixture(folder / "user11-pad2pcapng.pcapng")
    mixed_fixture(folder / "mixed-linktypes.pcapng")


if __name__ == "__main__":
    main()
