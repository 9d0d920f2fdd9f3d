#!/usr/bin/env python3
"""Compare tlpcheck's decode of NetTLP captures with NetTLP's own Wireshark dissector.

NetTLP's captures (github.com/NetTLP/captured) carry no licence, so they are not kept in
Fixtures/; this script reads them where you cloned them. It runs tshark with NetTLP's Lua
dissector (plugins/nettlp.lua of github.com/NetTLP/wireshark-nettlp) and `tlpcheck decode
--output jsonl` on every pcap under a folder, and compares, packet by packet, every field
the dissector shows: Fmt/Type, TC, TD, EP, Attr, Length, requester and completer IDs, tag,
byte enables, address, completion status, byte count, lower address, and the NetTLP header's
sequence number and timestamp. A packet the dissector does not take as NetTLP must be an
other packet for tlpcheck. Python standard library only.

    git clone https://github.com/NetTLP/captured /tmp/captured
    git clone https://github.com/NetTLP/wireshark-nettlp /tmp/wireshark-nettlp
    python3 Scripts/compare-nettlp.py /tmp/captured /tmp/wireshark-nettlp/plugins/nettlp.lua

Exit status 0 when every field agrees, 1 otherwise.
"""
import json
import subprocess
import sys
from pathlib import Path

# (tshark field, how to read tlpcheck's record)
FIELDS = [
    ("nettlp.sequence", lambda r: r.get("nettlp", {}).get("seq")),
    ("nettlp.timestamp", lambda r: r.get("nettlp", {}).get("timestamp")),
    ("nettlp.tlp.ftmtype", lambda r: r.get("type_code")),
    ("nettlp.tlp.tclass", lambda r: r.get("tc")),
    ("nettlp.tlp.digest", lambda r: int(r["td"]) if "td" in r else None),
    ("nettlp.tlp.poison", lambda r: int(r["ep"]) if "ep" in r else None),
    ("nettlp.tlp.attr", lambda r: r["attr"] & 3 if "attr" in r else None),
    ("nettlp.tlp.length", lambda r: r.get("length")),
    ("nettlp.tlp.reqid", lambda r: pci_id(r.get("requester"))),
    ("nettlp.tlp.cplid", lambda r: pci_id(r.get("completer"))),
    ("nettlp.tlp.mr_tag", lambda r: r.get("tag")),
    ("nettlp.tlp.cpl_tag", lambda r: r.get("tag")),
    ("nettlp.tlp.mr_lastbe", lambda r: r.get("last_be")),
    ("nettlp.tlp.mr_firstbe", lambda r: r.get("first_be")),
    ("nettlp.tlp.mr_addr32", lambda r: address(r)),
    ("nettlp.tlp.mr_addr64", lambda r: address(r)),
    ("nettlp.tlp.cpl_cplstat", lambda r: {"SC": 0, "UR": 1, "RRS": 2, "CA": 4}.get(r.get("status"))),
    ("nettlp.tlp.cpl_bytecnt", lambda r: r["byte_count"] & 0xFFF if "byte_count" in r else None),
    ("nettlp.tlp.cpl_lowaddr", lambda r: r.get("lower_address")),
]


def pci_id(text):
    if text is None:
        return None
    bus, rest = text.split(":")
    device, function = rest.split(".")
    return int(bus, 16) << 8 | int(device, 16) << 3 | int(function)


def address(record):
    return int(record["address"], 16) if "address" in record else None


def number(text):
    text = text.strip()
    if text in ("", "True", "False"):
        return {"": None, "True": 1, "False": 0}[text]
    return int(text, 0)


def dissector_view(tshark, lua, pcap):
    command = [tshark, "-X", f"lua_script:{lua}", "-r", str(pcap), "-T", "fields", "-E", "occurrence=f",
               "-e", "frame.number", "-e", "frame.protocols"] + [arg for f, _ in FIELDS for arg in ("-e", f)]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    view = {}
    for line in out.splitlines():
        cells = line.split("\t")
        frame, is_nettlp, values = int(cells[0]), "nettlp" in cells[1].lower().split(":"), cells[2:]
        view[frame] = {f: number(v) for (f, _), v in zip(FIELDS, values)} if is_nettlp else None
    return view


def tlpcheck_view(tlpcheck, pcap):
    run = subprocess.run([tlpcheck, "decode", "--output", "jsonl", str(pcap)], capture_output=True, text=True)
    view = {}
    for line in run.stdout.splitlines():
        record = json.loads(line)
        view[int(record["source"].rsplit("#", 1)[1])] = record
    return view, run.returncode, run.stderr.strip().splitlines()[-1:]


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    folder, lua = Path(sys.argv[1]), sys.argv[2]
    tlpcheck = sys.argv[3] if len(sys.argv) > 3 else ".build/debug/tlpcheck"
    tshark = "tshark"
    files = sorted(folder.rglob("*.pcap"))
    totals = {"files": 0, "packets": 0, "tlps": 0, "other": 0, "fields": 0, "differences": 0}
    for pcap in files:
        theirs = dissector_view(tshark, lua, pcap)
        ours, status, summary = tlpcheck_view(tlpcheck, pcap)
        totals["files"] += 1
        for frame, fields in sorted(theirs.items()):
            totals["packets"] += 1
            record = ours.get(frame, {})
            if fields is None:
                totals["other"] += 1
                if "packet" not in record:
                    totals["differences"] += 1
                    print(f"{pcap}#{frame}: not NetTLP for the dissector, tlpcheck: {record}")
                continue
            totals["tlps"] += 1
            if "error" in record or "type" not in record:
                totals["differences"] += 1
                print(f"{pcap}#{frame}: tlpcheck has no TLP: {record}")
                continue
            for name, read in FIELDS:
                if fields[name] is None:
                    continue
                totals["fields"] += 1
                if fields[name] != read(record):
                    totals["differences"] += 1
                    print(f"{pcap}#{frame}: {name}: dissector {fields[name]}, tlpcheck {read(record)}")
        if status != 0:
            totals["differences"] += 1
            print(f"{pcap}: tlpcheck exit {status}: {summary}")
    print(" ".join(f"{k}={v}" for k, v in totals.items()))
    return 0 if totals["differences"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
