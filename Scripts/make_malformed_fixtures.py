#!/usr/bin/env python3
"""Write the malformed-input corpus (Fixtures/malformed/), each file broken in one way.

    python3 Scripts/make_malformed_fixtures.py Fixtures/malformed

What each must produce is in Fixtures/malformed/cases.txt and Docs/reliability.md. The two
big cases (a 5 MB line without a newline, a line of 100,000 words) are made by the tests at
run time instead of being stored.
"""
import random
import struct
import sys
from pathlib import Path

out = Path(sys.argv[1] if len(sys.argv) > 1 else "Fixtures/malformed")
out.mkdir(parents=True, exist_ok=True)


def pcap_header(linktype=125):
    return struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, linktype)


def record(data, caplen=None, length=None):
    caplen = len(data) if caplen is None else caplen
    length = caplen if length is None else length
    return struct.pack("<IIII", 1718122260, 0, caplen, length) + data


seed = bytes.fromhex("60020008040000f0000020e0060008000000f090")
(out / "pcap-cut-global-header.pcap").write_bytes(pcap_header()[:10])
(out / "pcap-cut-record-header.pcap").write_bytes(pcap_header() + record(seed)[:7])
(out / "pcap-cut-record-body.pcap").write_bytes(pcap_header() + record(seed)[:16 + 9])
(out / "pcap-wrong-magic.pcap").write_bytes(b"\x55" * 64)
(out / "pcap-linktype-ethernet.pcap").write_bytes(pcap_header(1) + record(bytes(60)))
(out / "pcap-zero-length.pcap").write_bytes(pcap_header() + record(b"") + record(seed, length=52))
(out / "pcap-caplen-2g.pcap").write_bytes(pcap_header() + struct.pack("<IIII", 1, 0, 1 << 31, 1 << 31) + bytes(64))
rng = random.Random(6)
noise = bytes(rng.randrange(256) for _ in range(4096))
(out / "random-bytes.bin").write_bytes(b"\x00\x01" + noise)
(out / "non-utf8.txt").write_bytes(b"\xff\xfe\x80 60020008\n\xc3\x28 040000f0\n")
(out / "odd-length-hex.txt").write_text("0400001 00200a03 05010000\n")
(out / "length-1024-three-bytes.hex").write_text("# mode: non-flit\n40000000 01000000 10000000 aa bb cc\n")
(out / "prefix-chain.hex").write_text("# mode: non-flit\n" + " ".join(["90000000"] * 2000) + "\n")
(out / "ohc-beyond-capture.hex").write_text("# mode: flit\n601f0001 040000f0 000020e0 06000800\n")
(out / "tuples-wrong-type.yaml").write_text(
    "tuples:\n  - {name: a, flags: [st], steering_tag: 0xf0, ph: [2], ranges: [{base: 0x20e006000000, size: 0x1000000}]}\n")
(out / "tuples-huge-number.yaml").write_text(
    "tuples:\n  - {name: a, flags: [st], steering_tag: 123456789012345678901234567890, ph: 2, ranges: [{base: 0, size: 16}]}\n")
(out / "tuples-duplicate-names.yaml").write_text(
    "tuples:\n"
    "  - {name: a, flags: [st], steering_tag: 1, ph: 0, ranges: [{base: 0, size: 16}]}\n"
    "  - {name: a, flags: [st], steering_tag: 2, ph: 0, ranges: [{base: 64, size: 16}]}\n")
# "Billion laughs": eleven levels of aliases, 10^11 requesters if expanded.
bomb = ["tuples:", "  - name: bomb", "    flags: [st]", "    steering_tag: 1", "    ph: 0",
        "    ranges: [{base: 0, size: 16}]", "    requesters:", "      - &a0 [\"04:00.0\", \"04:00.0\", \"04:00.0\"]"]
for level in range(1, 12):
    bomb.append(f"      - &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
(out / "tuples-anchor-bomb.yaml").write_text("\n".join(bomb) + "\n")

# Honest verdicts: inputs that were once read as nothing, or half read, without a word.
analyzer = (Path(__file__).resolve().parent.parent / "Fixtures/seed/seed.analyzer.txt").read_text()
(out / "analyzer-utf16.txt").write_bytes(b"\xff\xfe" + analyzer.encode("utf-16-le"))
(out / "analyzer-damaged-word.txt").write_text(analyzer.replace("08000260 ->", "O8000260 ->", 1))
(out / "analyzer-hex-line.txt").write_text(analyzer + "\n60020008 040000f0 000020e0 06000800 0000f090\n")
(out / "analyzer-orphan-dw-lines.txt").write_text("\n".join(analyzer.splitlines()[1:]) + "\n")


def nano_pcap(linktype, packets):
    data = struct.pack("<IHHiIII", 0xA1B23C4D, 2, 4, 0, 0, 262144, linktype)
    for seconds, fraction in packets:
        data += struct.pack("<IIII", seconds, fraction, len(seed), len(seed)) + seed
    return data


(out / "pcap-linktype-reserved-bits.pcap").write_bytes(nano_pcap(0x0001007D, [(1718122260, 0)]))
(out / "pcap-fraction-out-of-range.pcap").write_bytes(nano_pcap(125, [(1718122260, 999999999), (1718122260, 1000000000)]))
# 600,000 one-letter values in 1.2 MB: refused by counting before the YAML parser builds them.
(out / "tuples-flow-sequence-bomb.yaml").write_text("tuples: [" + ",".join(["a"] * 600000) + "]\n")
