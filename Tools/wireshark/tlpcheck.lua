-- Wireshark dissector for the captures tlpcheck writes: each packet is one PCIe TLP's wire
-- bytes, with no pseudo-header. Wireshark has no dissector for link type 125 (DLT_PCI_EXP), so
-- write the capture with a user link type and load this file:
--
--   tlpcheck convert capture.txt -o capture.pcap --linktype user0
--   wireshark -X lua_script:Tools/wireshark/tlpcheck.lua capture.pcap
--   tshark -X lua_script:Tools/wireshark/tlpcheck.lua -o tlp.mode:flit -r capture.pcap -V
--
-- The link mode is not in the bytes: pcapng files tlpcheck writes state it in the interface
-- description, which the dissector reads (mode "auto", the default); for classic pcap choose
-- it in the preferences (Edit > Preferences > Protocols > TLP, or -o tlp.mode:flit|non-flit).
-- Registered on USER0; set tlp.user_dlt to 0..15 for another user link type. Field layouts:
-- Docs/formats.md and the PCIe 6.x spec.

local tlp = Proto("tlp", "PCI Express TLP (tlpcheck)")

local modes = { { 1, "flit", 1 }, { 2, "non-flit", 2 }, { 3, "auto", 3 } }
tlp.prefs.mode = Pref.enum("Link mode", 3,
  "auto: from the pcapng interface description tlpcheck writes (tlpcheck link-mode=...), else non-flit", modes, true)
local interface_description = Field.new("frame.interface_description")

-- The mode of this packet: the preference, or the interface block's, or non-flit (assumed).
local function packet_mode()
  if tlp.prefs.mode == 1 then return "flit", false end
  if tlp.prefs.mode == 2 then return "non-flit", false end
  local description = interface_description()
  local mode = description and tostring(description.value):match("^tlpcheck link%-mode=([%a%-]+)")
  if mode == "flit" or mode == "non-flit" then return mode, false end
  return "non-flit", true
end
tlp.prefs.user_dlt = Pref.uint("User link type (0-15)", 0, "USER0..USER15 link type the capture uses")

local flit_types = {
  [0x00] = "NOP", [0x01] = "MRdLk32", [0x02] = "IORd", [0x03] = "MRd32", [0x04] = "CfgRd0", [0x05] = "CfgRd1",
  [0x0A] = "Cpl", [0x0B] = "CplLk", [0x0C] = "UIOWrCpl", [0x0D] = "UIORdCpl", [0x20] = "MRd64", [0x21] = "MRdLk64",
  [0x22] = "UIOMRd", [0x40] = "MWr32", [0x42] = "IOWr", [0x44] = "CfgWr0", [0x45] = "CfgWr1", [0x48] = "UIORdCplD",
  [0x4A] = "CplD", [0x4B] = "CplDLk", [0x4C] = "FetchAdd32", [0x4D] = "Swap32", [0x4E] = "CAS32", [0x5B] = "DMWr32",
  [0x60] = "MWr64", [0x61] = "UIOMWr", [0x6C] = "FetchAdd64", [0x6D] = "Swap64", [0x6E] = "CAS64", [0x7B] = "DMWr64",
  [0x8D] = "Flit-mode local prefix",
}
local nfm_types = {
  [0x00] = "MRd32", [0x20] = "MRd64", [0x01] = "MRdLk32", [0x21] = "MRdLk64", [0x40] = "MWr32", [0x60] = "MWr64",
  [0x02] = "IORd", [0x42] = "IOWr", [0x04] = "CfgRd0", [0x44] = "CfgWr0", [0x05] = "CfgRd1", [0x45] = "CfgWr1",
  [0x5B] = "DMWr32", [0x7B] = "DMWr64", [0x0A] = "Cpl", [0x4A] = "CplD", [0x0B] = "CplLk", [0x4B] = "CplDLk",
  [0x4C] = "FetchAdd32", [0x6C] = "FetchAdd64", [0x4D] = "Swap32", [0x6D] = "Swap64", [0x4E] = "CAS32", [0x6E] = "CAS64",
}
for r = 0, 7 do
  flit_types[0x30 + r] = "Msg"; flit_types[0x70 + r] = "MsgD"
  nfm_types[0x30 + r] = "Msg"; nfm_types[0x70 + r] = "MsgD"
end
local ph_names = { [0] = "bidirectional", [1] = "requester", [2] = "target", [3] = "target with priority" }
local hv_names = { [0] = "not valid", [1] = "8-bit ST valid", [2] = "reserved", [3] = "16-bit ST valid" }

local f = {
  type = ProtoField.uint8("tlp.type", "Type", base.HEX, flit_types),
  fmt_type = ProtoField.uint8("tlp.fmt_type", "Fmt/Type", base.HEX, nfm_types),
  tc = ProtoField.uint8("tlp.tc", "Traffic Class", base.DEC),
  ohc = ProtoField.uint8("tlp.ohc", "OHC", base.HEX),
  ts = ProtoField.uint8("tlp.ts", "Trailer Size", base.DEC),
  attr = ProtoField.uint8("tlp.attr", "Attr", base.HEX),
  length = ProtoField.uint16("tlp.length", "Length (DW)", base.DEC),
  th = ProtoField.bool("tlp.th", "TLP Hints (TH)"),
  td = ProtoField.bool("tlp.td", "TLP Digest (TD)"),
  ep = ProtoField.bool("tlp.ep", "Poisoned (EP)"),
  at = ProtoField.uint8("tlp.at", "Address Type", base.DEC),
  requester = ProtoField.string("tlp.requester", "Requester ID"),
  tag = ProtoField.uint16("tlp.tag", "Tag", base.HEX),
  first_be = ProtoField.uint8("tlp.first_be", "First DW BE", base.HEX),
  last_be = ProtoField.uint8("tlp.last_be", "Last DW BE", base.HEX),
  address = ProtoField.uint64("tlp.address", "Address", base.HEX),
  st = ProtoField.uint16("tlp.st", "Steering Tag", base.HEX),
  ph = ProtoField.uint8("tlp.ph", "Processing Hint", base.DEC, ph_names),
  hv = ProtoField.uint8("tlp.ohc_b.hv", "Hints Valid (HV)", base.DEC, hv_names),
  ama = ProtoField.uint8("tlp.ohc_b.ama", "AMA", base.DEC),
  av = ProtoField.bool("tlp.ohc_b.av", "AV"),
  ohc_b = ProtoField.bytes("tlp.ohc_b", "OHC-B"),
  st_high = ProtoField.uint8("tlp.prefix.st_high", "ST[15:8] (TPH prefix)", base.HEX),
  prefix = ProtoField.uint32("tlp.prefix", "Prefix", base.HEX),
  payload = ProtoField.bytes("tlp.payload", "Payload"),
}
tlp.fields = f

local function bdf(id)
  return string.format("%02x:%02x.%x", bit.rshift(id, 8), bit.band(bit.rshift(id, 3), 0x1f), bit.band(id, 7))
end

local function address(tvb, tree, wide, at)
  if wide then
    local high = tvb(at, 4):uint()
    local low = bit.band(tvb(at + 4, 4):uint(), 0xfffffffc)
    tree:add(f.address, tvb(at, 8), UInt64.new(low, high))
    return at + 8, tvb(at + 7, 1):uint()
  end
  tree:add(f.address, tvb(at, 4), UInt64.new(bit.band(tvb(at, 4):uint(), 0xfffffffc), 0))
  return at + 4, tvb(at + 3, 1):uint()
end

local function flit(tvb, tree)
  local t = tvb(0, 1):uint()
  local b1, b2 = tvb(1, 1):uint(), tvb(2, 1):uint()
  tree:add(f.type, tvb(0, 1))
  tree:add(f.tc, tvb(1, 1), bit.rshift(b1, 5))
  local ohc = bit.band(b1, 0x1f)
  tree:add(f.ohc, tvb(1, 1), ohc)
  tree:add(f.ts, tvb(2, 1), bit.rshift(b2, 5))
  tree:add(f.attr, tvb(2, 1), bit.band(bit.rshift(b2, 2), 7))
  tree:add(f.length, tvb(2, 2), bit.band(tvb(2, 2):uint(), 0x3ff))
  local name = flit_types[t] or "Reserved"
  local hb = ({ [0] = 1 })[t] or ((t == 0x20 or t == 0x21 or t == 0x22 or t == 0x60 or t == 0x61 or
    (t >= 0x6c and t <= 0x7b) or (t >= 0x30 and t <= 0x37)) and 4 or 3)
  if tvb:len() < 4 * hb then return name end
  if hb > 1 then
    tree:add(f.requester, tvb(4, 2), bdf(tvb(4, 2):uint()))
    tree:add(f.ep, tvb(6, 1), bit.band(tvb(6, 1):uint(), 0x80) ~= 0)
    tree:add(f.tag, tvb(6, 2), bit.band(tvb(6, 2):uint(), 0x3fff))
    local memory = name:match("^M[RW]") or name:match("^FetchAdd") or name:match("^Swap") or
      name:match("^CAS") or name:match("^DMWr") or name:match("^UIOM")
    if memory then address(tvb, tree, hb == 4, 8) end
  end
  local at = 4 * hb
  if bit.band(ohc, 1) ~= 0 then at = at + 4 end
  if bit.band(ohc, 2) ~= 0 and tvb:len() >= at + 4 then
    local w = tvb(at, 4)
    local low = tvb(at + 3, 1):uint()
    local sub = tree:add(f.ohc_b, w)
    local hv = bit.band(bit.rshift(low, 4), 3)
    local st = tvb(at + 1, 2):uint()
    if hv == 1 then st = bit.band(st, 0xff) end
    sub:add(f.st, tvb(at + 1, 2), st)
    sub:add(f.ph, tvb(at + 3, 1), bit.rshift(low, 6))
    sub:add(f.hv, tvb(at + 3, 1), hv)
    sub:add(f.ama, tvb(at + 3, 1), bit.band(bit.rshift(low, 1), 7))
    sub:add(f.av, tvb(at + 3, 1), bit.band(low, 1) ~= 0)
  end
  return name
end

local function nonflit(tvb, tree)
  local at = 0
  local st_high
  while tvb:len() >= at + 4 and bit.rshift(tvb(at, 1):uint(), 5) == 4 do
    local p = tree:add(f.prefix, tvb(at, 4))
    if tvb(at, 1):uint() == 0x90 then
      st_high = tvb(at + 1, 1):uint()
      p:add(f.st_high, tvb(at + 1, 1))
    end
    at = at + 4
  end
  if tvb:len() < at + 12 then return "TLP (cut)" end
  local b0, b1, b2 = tvb(at, 1):uint(), tvb(at + 1, 1):uint(), tvb(at + 2, 1):uint()
  local name = nfm_types[b0] or "Reserved"
  local wide = bit.band(b0, 0x20) ~= 0
  local th = bit.band(b1, 1) ~= 0
  tree:add(f.fmt_type, tvb(at, 1))
  tree:add(f.tc, tvb(at + 1, 1), bit.band(bit.rshift(b1, 4), 7))
  tree:add(f.th, tvb(at + 1, 1), th)
  tree:add(f.td, tvb(at + 2, 1), bit.band(b2, 0x80) ~= 0)
  tree:add(f.ep, tvb(at + 2, 1), bit.band(b2, 0x40) ~= 0)
  tree:add(f.attr, tvb(at + 1, 2), bit.bor(bit.lshift(bit.band(bit.rshift(b1, 2), 1), 2), bit.band(bit.rshift(b2, 4), 3)))
  tree:add(f.at, tvb(at + 2, 1), bit.band(bit.rshift(b2, 2), 3))
  tree:add(f.length, tvb(at + 2, 2), bit.band(tvb(at + 2, 2):uint(), 0x3ff))
  local memory = name:match("^M[RW]") or name:match("^FetchAdd") or name:match("^Swap") or name:match("^CAS") or
    name:match("^DMWr")
  if name:match("^Cpl") then
    tree:add(f.requester, tvb(at + 8, 2), bdf(tvb(at + 8, 2):uint()))
    return name
  end
  tree:add(f.requester, tvb(at + 4, 2), bdf(tvb(at + 4, 2):uint()))
  local byte6, byte7 = tvb(at + 6, 1):uint(), tvb(at + 7, 1):uint()
  if memory and wide and tvb:len() < at + 16 then return name end
  local low_byte = 0
  if memory then _, low_byte = address(tvb, tree, wide, at + 8) end
  if memory and th then
    local st = name:match("^MWr") and byte6 or byte7
    local width = 8
    if st_high and st_high ~= 0 then st = st + st_high * 256; width = 16 end
    tree:add(f.st, tvb(at + (name:match("^MWr") and 6 or 7), 1), st):append_text(string.format(" (%d-bit)", width))
    tree:add(f.ph, tvb(at + (wide and 15 or 11), 1), bit.band(low_byte, 3))
    if not name:match("^MWr") then tree:add(f.tag, tvb(at + 6, 1), byte6) end
  else
    tree:add(f.tag, tvb(at + 6, 1), byte6)
    tree:add(f.last_be, tvb(at + 7, 1), bit.rshift(byte7, 4))
    tree:add(f.first_be, tvb(at + 7, 1), bit.band(byte7, 15))
  end
  return name
end

function tlp.dissector(tvb, pinfo, root)
  if tvb:len() < 4 then return 0 end
  pinfo.cols.protocol = "TLP"
  local tree = root:add(tlp, tvb(), "PCI Express TLP")
  local name
  local mode, assumed = packet_mode()
  if mode == "flit" then
    tree:append_text(" (flit mode)")
    name = flit(tvb, tree)
  else
    tree:append_text(assumed and " (non-flit mode assumed)" or " (non-flit mode)")
    name = nonflit(tvb, tree)
  end
  pinfo.cols.info = name
  return tvb:len()
end

local encap = DissectorTable.get("wtap_encap")
local user = (wtap_encaps or wtap).USER0
encap:add(user + tlp.prefs.user_dlt, tlp)
