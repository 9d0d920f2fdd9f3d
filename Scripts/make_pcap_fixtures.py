#!/usr/bin/env python3
"""Write the pcap/pcapng fixtures with nothing but Python's struct module.

An independent writer: it shares no code with tlpcheck, so reading these files checks
tlpcheck's pcap input against the file formats themselves (libpcap's pcap and the pcapng
specification), not against tlpcheck's own writer.

Regenerate (from the repository root):

    python3 Scripts/make_pcap_fixtures.py Fixtures/pcap

Files written:
  flit-125-us.pcap        classic pcap, little-endian, microseconds, link type 125
  flit-125-be.pcap        the same packets, big-endian byte order
  flit-125-ns.pcapng      pcapng, if_tsresol = 9 (nanoseconds), link type 125
  flit-user0-skip4.pcap   link type 147 (USER0), each packet behind a 4-byte pseudo-header
  wlan.pcap               link type 105 (IEEE 802.11): must be refused
The packets are flit-mode TLPs (decode with --mode flit); the first is the seed capture's
MWr64, captured header only (caplen 20 of len 52).
"""
import struct
import sys
from pathlib import Path


def dws(*words):
    """Wire bytes of 8-digit words written in wire order."""
    return b"".join(struct.pack(">I", w) for w in words)


# (seconds, nanoseconds, captured bytes, original length)
PACKETS = [
    # Seed: flit MWr64, OHC-B ST=F0h PH=2 HV=01; 8 DW payload not captured.
    (1718122260, 123456789, dws(0x60020008, 0x040000F0, 0x000020E0, 0x06000800, 0x0000F090), 52),
    # Flit MWr32 with OHC-A1 (BEs) and one DW of payload, complete.
    (1718122260, 123457000, dws(0x40010001, 0x05000000, 0xFED00000, 0x0000000F, 0xDEADBEEF), 20),
    # Flit Cpl with OHC-A5: status UR, lower address 0x56.
    (1718122260, 123458500, dws(0x0A010000, 0x01004012, 0x0200500C, 0x00000011), 16),
    # Flit MRd64 with OHC-B HV=11: 16-bit ST 01F0h, PH=3.
    (1718122261, 5, dws(0x20020001, 0x04000001, 0x000020E0, 0x06001000, 0x0001F0F0), 20),
]


def classic(path, linktype, endian="<", pseudo=b""):
    out = [struct.pack(endian + "IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, linktype)]
    for sec, nsec, data, length in PACKETS:
        body = pseudo + data
        out.append(struct.pack(endian + "IIII", sec, nsec // 1000, len(body), len(pseudo) + length))
        out.append(body)
    Path(path).write_bytes(b"".join(out))


def pad4(data):
    return data + b"\0" * (-len(data) % 4)


def block(kind, body):
    total = 12 + len(body)
    return struct.pack("<II", kind, total) + body + struct.pack("<I", total)


def pcapng(path, linktype):
    shb = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    # Interface description: link type, snaplen, option if_tsresol (9) = 10^-9 s, end of options.
    options = struct.pack("<HHB", 9, 1, 9) + b"\0\0\0" + struct.pack("<HH", 0, 0)
    idb = block(0x00000001, struct.pack("<HHI", linktype, 0, 262144) + options)
    blocks = [shb, idb]
    for sec, nsec, data, length in PACKETS:
        stamp = sec * 1_000_000_000 + nsec
        body = struct.pack("<IIIII", 0, stamp >> 32, stamp & 0xFFFFFFFF, len(data), length) + pad4(data)
        blocks.append(block(0x00000006, body))
    Path(path).write_bytes(b"".join(blocks))


def main():
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "Fixtures/pcap")
    folder.mkdir(parents=True, exist_ok=True)
    classic(folder / "flit-125-us.pcap", 125)
    classic(folder / "flit-125-be.pcap", 125, endian=">")
    pcapng(folder / "flit-125-ns.pcapng", 125)
    classic(folder / "flit-user0-skip4.pcap", 147, pseudo=b"\x01\x02\x03\x04")
    classic(folder / "wlan.pcap", 105)


if __name__ == "__main__":
    main()
