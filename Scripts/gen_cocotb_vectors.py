#!/usr/bin/env python3
"""Generate independent non-flit-mode (NFM) TLP test vectors with cocotbext-pcie.

Every vector is a TLP built as a ``cocotbext.pcie.core.tlp.Tlp`` object and
serialised with ``Tlp.pack()`` from cocotbext-pcie **0.2.16** (MIT licence).
Each output line is one JSON object with sorted keys:

    {"bytes": "<lower-case hex of tlp.pack()>", "expect": {...}}

The ``expect`` values are taken from the attributes that were set on the Tlp
object before packing, converted to tlpcheck's JSON conventions.  The packed
bytes are never decoded here, so the file is a cross-check of our decoder
against a third-party encoder rather than against itself.

Regenerating
------------
    python3 -m venv /tmp/cocotb-venv
    /tmp/cocotb-venv/bin/pip install cocotbext-pcie==0.2.16
    /tmp/cocotb-venv/bin/python3 Scripts/gen_cocotb_vectors.py \\
        > Fixtures/cocotb/nfm-vectors.jsonl

(any ``python3`` that can import cocotbext-pcie 0.2.16 works, e.g.
``python3 Scripts/gen_cocotb_vectors.py > Fixtures/cocotb/nfm-vectors.jsonl``
inside the activated venv).  Options: ``--seed`` (default 20240611) and
``--count`` (default 1300).  Output is deterministic for a given seed and count
(it relies only on ``random.Random`` integer methods, which are stable across
CPython 3 releases).

Route used to load cocotb: by default the installed package is imported
(``import cocotbext.pcie.core.tlp``; this pulls in cocotb itself through the
package ``__init__``).  If cocotb cannot be installed, pass
``--src DIR`` where DIR holds the unpacked wheel
(``pip download --no-deps cocotbext-pcie==0.2.16`` then unzip): the script
then loads only ``cocotbext/pcie/core/{tlp,dllp,utils,version}.py`` by path,
which need nothing beyond the standard library.  The version is checked to be
0.2.16 on both routes.

cocotbext-pcie 0.2.16 bugs and limitations, and what this script does
----------------------------------------------------------------------
* ``Tlp.check()`` is not used as an oracle: its length range test
  ``0 > self.length > 1024`` can never be true, and its IO/configuration test
  compares ``fmt_type == {set}`` so it never runs.  Validity is ensured here
  by construction instead (4 KB boundary, byte-enable rules, Length 1 with
  last BE 0 for IO/Cfg, byte count consistent with Length for CplD).
* Message TLPs cannot be packed at all: ``pack_header()`` raises
  "Unknown TLP type" for every MSG_* / MSG_DATA_* type and ``Tlp`` has no
  message-code attribute.  No Msg/MsgD vectors are emitted.  Besides, the
  ``MsgType`` enum has PME_TO_ACK = 0x1A where the PCIe spec says 0x1B
  (ERR_FATAL = 0x33 and the other codes agree with the spec).
* 10-bit tags: this version does pack T9 (byte 1 bit 7) and T8 (byte 1 bit 3)
  for requests and completions, so tags are drawn from 10 bits.  For a memory
  write with TH=1 the tag attribute is used to carry ST[7:0] in byte 6 (the
  class has no ST attribute) with T9/T8 left 0, and no tag is expected.
* TPH: for memory reads and AtomicOps with TH=1, ST[7:0] is carried by setting
  ``last_be``/``first_be`` (byte 7); PH by the ``ph`` attribute.  The copy
  constructor ``Tlp(tlp)`` drops ``th`` and ``__eq__`` ignores it; neither is
  used.  TLP prefixes (including the Extended TPH prefix) cannot be packed
  (``pack_header()`` has no prefix support), so none are emitted and ST is
  always 8 bits wide.
* ECRC: setting ``td`` only sets the bit; no digest is appended on pack, and
  ``unpack()`` would keep an ECRC as part of the payload.  TD is always 0 here.
* Header format is not tied to the address: a 4DW header below 4 GB is packed
  without complaint (the spec forbids it) and a 3DW header silently truncates
  an address at or above 4 GB.  Here 3DW is used only below 4 GB and 4DW only
  at or above 4 GB.
* Configuration register number: pack and unpack both use mask 0xffc on the
  third header DW (extended register number in byte 10 bits 3:0, register
  number in byte 11 bits 7:2), which matches the spec in this version; the
  script still never unpacks.  ``unpack_header()`` raises on the reserved
  completion status codes and on AT=3; ``get_lower_address()`` has an
  operator-precedence bug (``address & 0x7c + offset``).  Neither is used:
  lower addresses are chosen directly.
* ``CplStatus.CRS`` (010b) is reported under its current spec name "RRS".
* The LN bit (byte 1 bit 1) and BCM (byte 6 bit 4) are left 0.
"""

import argparse
import importlib
import importlib.util
import json
import os
import random
import sys
import types

EXPECTED_VERSION = "0.2.16"

FOUR_GB = 1 << 32
MASK64 = (1 << 64) - 1


# --------------------------------------------------------------------------
# Loading cocotbext-pcie
# --------------------------------------------------------------------------

def _load_from_source(src):
    """Load core/{utils,dllp,tlp,version}.py from an unpacked wheel by path."""
    core_dir = os.path.join(src, "cocotbext", "pcie", "core")
    if not os.path.isfile(os.path.join(core_dir, "tlp.py")):
        sys.exit(f"error: {core_dir}/tlp.py not found")
    pkg_name = "_cocotbext_pcie_core"
    pkg = types.ModuleType(pkg_name)
    pkg.__path__ = [core_dir]
    sys.modules[pkg_name] = pkg
    loaded = {}
    for name in ("version", "utils", "dllp", "tlp"):
        full = f"{pkg_name}.{name}"
        spec = importlib.util.spec_from_file_location(
            full, os.path.join(core_dir, f"{name}.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[full] = module
        spec.loader.exec_module(module)
        loaded[name] = module
    return loaded["tlp"], loaded["version"].__version__


def load_cocotb(src):
    if src is not None:
        tlp_mod, version = _load_from_source(src)
    else:
        try:
            tlp_mod = importlib.import_module("cocotbext.pcie.core.tlp")
            version = importlib.import_module(
                "cocotbext.pcie.core.version").__version__
        except ImportError as exc:
            sys.exit(
                "error: cannot import cocotbext.pcie (%s).\n"
                "Install it: python3 -m venv /tmp/cocotb-venv && "
                "/tmp/cocotb-venv/bin/pip install cocotbext-pcie==%s\n"
                "and run this script with /tmp/cocotb-venv/bin/python3, "
                "or pass --src DIR with the unpacked wheel."
                % (exc, EXPECTED_VERSION))
    if version != EXPECTED_VERSION:
        sys.exit(f"error: cocotbext-pcie {version} found, "
                 f"{EXPECTED_VERSION} required")
    return tlp_mod


# --------------------------------------------------------------------------
# Conversion of Tlp attributes to tlpcheck JSON conventions
# --------------------------------------------------------------------------

def format_id(value):
    """16-bit Routing ID as non-ARI "bb:dd.f"."""
    value = int(value) & 0xFFFF
    return f"{value >> 8:02x}:{(value >> 3) & 0x1F:02x}.{value & 0x7:x}"


def format_address(value):
    return "0x%016x" % (value & MASK64 & ~0x3)


class Converter:
    def __init__(self, tlp_mod):
        T = tlp_mod.TlpType
        self.T = T
        self.mnemonic = {
            T.MEM_READ: "MRd32", T.MEM_READ_64: "MRd64",
            T.MEM_READ_LOCKED: "MRdLk32", T.MEM_READ_LOCKED_64: "MRdLk64",
            T.MEM_WRITE: "MWr32", T.MEM_WRITE_64: "MWr64",
            T.IO_READ: "IORd", T.IO_WRITE: "IOWr",
            T.CFG_READ_0: "CfgRd0", T.CFG_READ_1: "CfgRd1",
            T.CFG_WRITE_0: "CfgWr0", T.CFG_WRITE_1: "CfgWr1",
            T.CPL: "Cpl", T.CPL_DATA: "CplD",
            T.CPL_LOCKED: "CplLk", T.CPL_LOCKED_DATA: "CplDLk",
            T.FETCH_ADD: "FetchAdd32", T.FETCH_ADD_64: "FetchAdd64",
            T.SWAP: "Swap32", T.SWAP_64: "Swap64",
            T.CAS: "CAS32", T.CAS_64: "CAS64",
        }
        self.mem_reads = {T.MEM_READ, T.MEM_READ_64,
                          T.MEM_READ_LOCKED, T.MEM_READ_LOCKED_64}
        self.mem_writes = {T.MEM_WRITE, T.MEM_WRITE_64}
        self.atomics = {T.FETCH_ADD, T.FETCH_ADD_64, T.SWAP, T.SWAP_64,
                        T.CAS, T.CAS_64}
        self.io = {T.IO_READ, T.IO_WRITE}
        self.cfg = {T.CFG_READ_0, T.CFG_READ_1, T.CFG_WRITE_0, T.CFG_WRITE_1}
        self.cpl = {T.CPL, T.CPL_DATA, T.CPL_LOCKED, T.CPL_LOCKED_DATA}
        self.status_name = {0: "SC", 1: "UR", 2: "RRS", 4: "CA"}

    def expect(self, tlp):
        kind = tlp.fmt_type
        th = bool(tlp.th)
        e = {
            "type": self.mnemonic[kind],
            "type_code": ((int(tlp.fmt) & 0x7) << 5) | (int(tlp.type) & 0x1F),
            "tc": int(tlp.tc) & 0x7,
            "attr": int(tlp.attr) & 0x7,
            "length": int(tlp.length) & 0x3FF,
            "th": th,
            "td": bool(tlp.td),
            "ep": bool(tlp.ep),
            "at": int(tlp.at) & 0x3,
            "requester": format_id(tlp.requester_id),
        }
        if kind in self.cpl:
            e["completer"] = format_id(tlp.completer_id)
            e["tag"] = int(tlp.tag) & 0x3FF
            e["status"] = self.status_name[int(tlp.status)]
            e["byte_count"] = int(tlp.byte_count) & 0xFFF
            e["lower_address"] = int(tlp.lower_address) & 0x7F
            return e

        memory = kind in self.mem_reads | self.mem_writes | self.atomics
        if not (th and kind in self.mem_writes):
            e["tag"] = int(tlp.tag) & 0x3FF
        if kind in self.cfg:
            e["target"] = format_id(tlp.completer_id)
            e["register"] = int(tlp.address) & 0xFFC
        else:
            e["address"] = format_address(int(tlp.address))
        if memory:
            e["tph"] = th
            if th:
                e["ph"] = int(tlp.ph) & 0x3
                e["st_width"] = 8
                if kind in self.mem_writes:
                    e["st"] = int(tlp.tag) & 0xFF
                else:
                    e["st"] = ((int(tlp.last_be) & 0xF) << 4) | (int(tlp.first_be) & 0xF)
        if not (th and (kind in self.mem_reads or kind in self.atomics)):
            e["first_be"] = int(tlp.first_be) & 0xF
            e["last_be"] = int(tlp.last_be) & 0xF
        return e


# --------------------------------------------------------------------------
# Random but valid TLPs
# --------------------------------------------------------------------------

class Generator:
    def __init__(self, tlp_mod, rng):
        self.m = tlp_mod
        self.T = tlp_mod.TlpType
        self.rng = rng

    # -- field helpers ----------------------------------------------------

    def new(self, kind):
        tlp = self.m.Tlp()
        tlp.fmt_type = kind
        return tlp

    def routing_id(self):
        return self.m.PcieId.from_int(self.rng.getrandbits(16))

    def tag10(self):
        return self.rng.getrandbits(10)

    def payload(self, dwords):
        return bytearray(self.rng.getrandbits(8) for _ in range(4 * dwords))

    def maybe(self, probability):
        return self.rng.random() < probability

    def request_length(self, allow_long):
        if allow_long and self.maybe(0.15):
            return self.rng.choice([17, 32, 64, 128, 256, 512, 1024])
        return self.rng.randint(1, 16)

    def write_length(self):
        if self.maybe(0.05):
            return self.rng.randint(17, 64)
        return self.rng.randint(1, 16)

    def page_offset(self, length_dw, align=4):
        """DW offset inside a 4 KB page so that the request stays inside it."""
        span = 4 * length_dw
        slots = (4096 - span) // align + 1
        return self.rng.randrange(slots) * align

    def address(self, wide, length_dw, align=4):
        """Address below 4 GB for 3DW headers, at or above 4 GB for 4DW."""
        rng = self.rng
        if wide:
            pick = rng.random()
            if pick < 0.08:
                page = FOUR_GB >> 12                       # first page above 4 GB
            elif pick < 0.16:
                page = (MASK64 >> 12)                      # last page of 64-bit space
            elif pick < 0.5:
                page = rng.randrange(FOUR_GB >> 12, 1 << 28)   # < 1 TB
            else:
                page = rng.randrange(FOUR_GB >> 12, 1 << 52)
        else:
            pick = rng.random()
            if pick < 0.05:
                page = 0
            elif pick < 0.1:
                page = (FOUR_GB >> 12) - 1                 # last page below 4 GB
            else:
                page = rng.getrandbits(20)
        return (page << 12) | self.page_offset(length_dw, align)

    def byte_enables(self, length_dw, address):
        rng = self.rng
        if length_dw == 1:
            return rng.randrange(16), 0
        if length_dw == 2 and address & 0x7 == 0 and self.maybe(0.4):
            # QW-aligned 2 DW request: non-contiguous enables are allowed.
            return rng.randint(1, 15), rng.randint(1, 15)
        return rng.choice([0xF, 0xE, 0xC, 0x8]), rng.choice([0x1, 0x3, 0x7, 0xF])

    def common_request(self, tlp, memory):
        rng = self.rng
        tlp.requester_id = self.routing_id()
        if memory:
            tlp.tc = self.m.TlpTc(rng.randrange(8))
            tlp.attr = self.m.TlpAttr(rng.randrange(8))
            tlp.at = self.m.TlpAt(rng.randrange(3))

    # -- memory -----------------------------------------------------------

    def mem_read(self, wide, with_th, locked=False):
        T = self.T
        if locked:
            kind = T.MEM_READ_LOCKED_64 if wide else T.MEM_READ_LOCKED
        else:
            kind = T.MEM_READ_64 if wide else T.MEM_READ
        tlp = self.new(kind)
        self.common_request(tlp, memory=True)
        tlp.tag = self.tag10()
        length = self.request_length(allow_long=True)
        tlp.length = length            # 1024 packs as 0
        tlp.address = self.address(wide, length)
        if with_th:
            tlp.th = True
            st = self.rng.getrandbits(8)
            tlp.first_be = st & 0xF
            tlp.last_be = st >> 4
            tlp.ph = self.rng.randrange(4)
        else:
            tlp.first_be, tlp.last_be = self.byte_enables(length, tlp.address)
        return tlp

    def mem_write(self, wide, with_th):
        T = self.T
        tlp = self.new(T.MEM_WRITE_64 if wide else T.MEM_WRITE)
        self.common_request(tlp, memory=True)
        length = self.write_length()
        tlp.address = self.address(wide, length)
        tlp.first_be, tlp.last_be = self.byte_enables(length, tlp.address)
        if with_th:
            tlp.th = True
            tlp.tag = self.rng.getrandbits(8)     # ST[7:0] in byte 6
            tlp.ph = self.rng.randrange(4)
        else:
            tlp.tag = self.tag10()
        tlp.ep = self.maybe(0.1)
        tlp.data = self.payload(length)
        tlp.length = length
        return tlp

    # -- atomics ----------------------------------------------------------

    def atomic(self, op, wide):
        T = self.T
        rng = self.rng
        kinds = {
            "FetchAdd": (T.FETCH_ADD, T.FETCH_ADD_64),
            "Swap": (T.SWAP, T.SWAP_64),
            "CAS": (T.CAS, T.CAS_64),
        }
        tlp = self.new(kinds[op][1 if wide else 0])
        tlp.requester_id = self.routing_id()
        tlp.tc = self.m.TlpTc(rng.randrange(8))
        tlp.attr = self.m.TlpAttr(rng.choice([0, 2, 4, 6]))   # No Snoop reserved
        tlp.at = self.m.TlpAt(rng.randrange(3))
        tlp.tag = self.tag10()
        if op == "CAS":
            operand = rng.choice([4, 8, 16])
            length = operand // 2
        else:
            operand = rng.choice([4, 8])
            length = operand // 4
        # For CAS the payload is two operands; the address is aligned to one.
        tlp.address = self.address(wide, length, align=operand)
        if self.maybe(0.3):
            tlp.th = True
            st = rng.getrandbits(8)
            tlp.first_be = st & 0xF
            tlp.last_be = st >> 4
            tlp.ph = rng.randrange(4)
        else:
            tlp.first_be = 0
            tlp.last_be = 0
        tlp.ep = self.maybe(0.05)
        tlp.data = self.payload(length)
        tlp.length = length
        return tlp

    # -- IO and configuration ---------------------------------------------

    def io(self, write):
        T = self.T
        tlp = self.new(T.IO_WRITE if write else T.IO_READ)
        self.common_request(tlp, memory=False)
        tlp.tag = self.tag10()
        tlp.length = 1
        if self.maybe(0.7):
            tlp.address = self.rng.randrange(0x10000) & ~0x3
        else:
            tlp.address = self.rng.getrandbits(32) & ~0x3
        tlp.first_be = self.rng.randint(1, 15)
        tlp.last_be = 0
        if write:
            tlp.ep = self.maybe(0.1)
            tlp.data = self.payload(1)
        return tlp

    def cfg(self, type1, write):
        T = self.T
        if write:
            kind = T.CFG_WRITE_1 if type1 else T.CFG_WRITE_0
        else:
            kind = T.CFG_READ_1 if type1 else T.CFG_READ_0
        tlp = self.new(kind)
        self.common_request(tlp, memory=False)
        tlp.tag = self.tag10()
        tlp.completer_id = self.routing_id()       # destination ID
        if self.maybe(0.5):
            register = self.rng.randrange(64) * 4   # PCI-compatible space
        else:
            register = self.rng.randrange(1024) * 4
        tlp.address = register
        tlp.length = 1
        tlp.first_be = self.rng.randint(1, 15)
        tlp.last_be = 0
        if write:
            tlp.ep = self.maybe(0.1)
            tlp.data = self.payload(1)
        return tlp

    # -- completions ------------------------------------------------------

    def common_completion(self, tlp):
        rng = self.rng
        tlp.requester_id = self.routing_id()
        tlp.completer_id = self.routing_id()
        tlp.tag = self.tag10()
        tlp.tc = self.m.TlpTc(rng.randrange(8))
        tlp.attr = self.m.TlpAttr(rng.randrange(8))

    def completion(self, locked, with_data):
        T = self.T
        rng = self.rng
        S = self.m.CplStatus
        if with_data:
            kind = T.CPL_LOCKED_DATA if locked else T.CPL_DATA
        else:
            kind = T.CPL_LOCKED if locked else T.CPL
        tlp = self.new(kind)
        self.common_completion(tlp)

        if not with_data:
            tlp.length = 0      # reserved without data
            if locked:
                # CplLk only reports a failed locked read.
                tlp.status = rng.choice([S.UR, S.CA])
                memory_style = True
            else:
                tlp.status = rng.choice([S.SC, S.UR, S.CRS, S.CA])
                # SC without data completes an IO/Cfg write; RRS is Cfg only.
                memory_style = tlp.status in (S.UR, S.CA) and self.maybe(0.5)
            if memory_style:
                tlp.lower_address = rng.randrange(128)
                tlp.byte_count = rng.choice(
                    [rng.randint(1, 4096), rng.randint(1, 64), 4096])
            else:
                tlp.lower_address = 0
                tlp.byte_count = 4
            return tlp

        tlp.status = S.SC
        tlp.ep = self.maybe(0.1)
        if not locked and self.maybe(0.2):
            # Completion for an IO or configuration read.
            length = 1
            tlp.lower_address = 0
            tlp.byte_count = 4
        else:
            lower_address = rng.randrange(128)
            offset = lower_address & 0x3
            if self.maybe(0.3):
                # Not the last completion: ends on a 64-byte RCB boundary and
                # more bytes remain.
                length = 16 - ((lower_address >> 2) & 0xF)
                here = 4 * length - offset
                byte_count = here + rng.randint(1, 4096 - here)
            else:
                length = rng.randint(17, 32) if self.maybe(0.05) else rng.randint(1, 16)
                low = max(1, 4 * length - 3 - offset)
                byte_count = rng.randint(low, 4 * length - offset)
            tlp.lower_address = lower_address
            tlp.byte_count = byte_count
        tlp.data = self.payload(length)
        tlp.length = length
        return tlp


def categories(gen):
    """Roughly balanced list of (name, factory) pairs."""
    return [
        ("MRd32", lambda: gen.mem_read(False, False)),
        ("MRd64", lambda: gen.mem_read(True, False)),
        ("MRd32+TH", lambda: gen.mem_read(False, True)),
        ("MRd64+TH", lambda: gen.mem_read(True, True)),
        ("MWr32", lambda: gen.mem_write(False, False)),
        ("MWr64", lambda: gen.mem_write(True, False)),
        ("MWr32+TH", lambda: gen.mem_write(False, True)),
        ("MWr64+TH", lambda: gen.mem_write(True, True)),
        ("MRdLk32", lambda: gen.mem_read(False, False, locked=True)),
        ("MRdLk64", lambda: gen.mem_read(True, False, locked=True)),
        ("IORd", lambda: gen.io(False)),
        ("IOWr", lambda: gen.io(True)),
        ("CfgRd0", lambda: gen.cfg(False, False)),
        ("CfgRd1", lambda: gen.cfg(True, False)),
        ("CfgWr0", lambda: gen.cfg(False, True)),
        ("CfgWr1", lambda: gen.cfg(True, True)),
        ("Cpl", lambda: gen.completion(False, False)),
        ("CplD", lambda: gen.completion(False, True)),
        ("CplLk", lambda: gen.completion(True, False)),
        ("CplDLk", lambda: gen.completion(True, True)),
        ("FetchAdd32", lambda: gen.atomic("FetchAdd", False)),
        ("FetchAdd64", lambda: gen.atomic("FetchAdd", True)),
        ("Swap32", lambda: gen.atomic("Swap", False)),
        ("Swap64", lambda: gen.atomic("Swap", True)),
        ("CAS32", lambda: gen.atomic("CAS", False)),
        ("CAS64", lambda: gen.atomic("CAS", True)),
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20240611)
    parser.add_argument("--count", type=int, default=1300)
    parser.add_argument("--src", default=None,
                        help="directory of the unpacked cocotbext-pcie wheel "
                             "(load tlp.py by path instead of importing)")
    args = parser.parse_args(argv)

    tlp_mod = load_cocotb(args.src)
    rng = random.Random(args.seed)
    gen = Generator(tlp_mod, rng)
    conv = Converter(tlp_mod)
    cats = categories(gen)

    out = sys.stdout
    for index in range(args.count):
        _, factory = cats[index % len(cats)]
        tlp = factory()
        packed = bytes(tlp.pack())
        header = tlp.get_header_size()
        if tlp.has_data():
            assert len(packed) == header + 4 * tlp.length, tlp
        else:
            assert len(packed) == header, tlp
        record = {"bytes": packed.hex(), "expect": conv.expect(tlp)}
        out.write(json.dumps(record, sort_keys=True, separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()
