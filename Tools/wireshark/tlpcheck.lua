-- Wireshark dissector for the captures tlpcheck writes: each packet is one PCIe TLP's wire
-- bytes, with no pseudo-header. Wireshark has no dissector for link type 125 (DLT_PCI_EXP), so
-- tlpcheck writes USER0 by default; load this file to read it:
--
--   tlpcheck convert capture.txt -o capture.pcapng
--   wireshark -X lua_script:Tools/wireshark/tlpcheck.lua capture.pcapng
--   tshark -X lua_script:Tools/wireshark/tlpcheck.lua -r capture.pcapng -V
--
-- Link mode. The bytes do not say it (03000001 is MRd32 in flit mode, reserved in non-flit).
-- The preference tlp.mode (Edit > Preferences > Protocols > TLP, or -o tlp.mode:...) decides:
--   auto (default)  the pcapng interface description tlpcheck writes (tlpcheck link-mode=...),
--                   else non-flit, shown as "non-flit mode assumed" (classic pcap has no
--                   interface block, nor has a pcapng written without a known mode);
--   flit, non-flit  that mode for every packet, whatever the file says.
-- Registered on USER0; set tlp.user_dlt to 0..15 for another user link type.
--
-- The tables below (types, header/OHC/prefix layouts, message codes, completion statuses) are
-- generated from the Swift tables, and a test fails when they differ. Field layouts:
-- Docs/formats.md and the PCIe 6.x spec.

local tlp = Proto("tlp", "PCI Express TLP (tlpcheck)")

local modes = { { 1, "flit", 1 }, { 2, "non-flit", 2 }, { 3, "auto", 3 } }
tlp.prefs.mode = Pref.enum("Link mode", 3,
  "auto: from the pcapng interface description tlpcheck writes (tlpcheck link-mode=...), else non-flit", modes, true)
tlp.prefs.user_dlt = Pref.uint("User link type (0-15)", 0, "USER0..USER15 link type the capture uses")
local interface_description = Field.new("frame.interface_description")

-- The mode of this packet and whether it was assumed: the preference, else the interface
-- block's, else non-flit.
local function packet_mode()
  if tlp.prefs.mode == 1 then return "flit", false end
  if tlp.prefs.mode == 2 then return "non-flit", false end
  local description = interface_description()
  local mode = description and tostring(description.value):match("^tlpcheck link%-mode=([%a%-]+)")
  if mode == "flit" or mode == "non-flit" then return mode, false end
  return "non-flit", true
end

-- BEGIN GENERATED TABLES from the Swift tables (TypeInfo.flit, TypeInfo.nonFlit, HeaderLayouts, OHCKind,
-- PrefixKind, MessageCode, CompletionStatus, Routing). Do not edit: regenerate with
--   TLPCHECK_WRITE_DISSECTOR_TABLES=1 swift test --filter DissectorTablesTests
-- Rows: name (TLPType), header DWs, payload, routing, kind, layout (plain, with TH, for a
-- vendor-defined message), the OHC-A word the type uses (flit), the prefix it is.
-- Layout fields: { JSON key, text label, style, { dw, hi, lo }... }, most significant first.
local T = { flit = {}, nonflit = {}, layouts = { flit = {}, nonflit = {} }, ohc = {},
  message_codes = {}, completion_status = {}, routing = {} }
local function R(t, lo, hi, row) for code = lo, hi do t[code] = row end end
R(T.flit, 0x00, 0x00, { name = "NOP", dws = 1, data = false, routing = "none", kind = "nop", layout = "NOP/1" })
R(T.flit, 0x01, 0x01, { name = "MRdLk32", dws = 3, data = false, routing = "address32", kind = "memoryRead", layout = "mem32/3", ohc_a = "OHC-A1" })
R(T.flit, 0x02, 0x02, { name = "IORd", dws = 3, data = false, routing = "address32", kind = "io", layout = "io/3", ohc_a = "OHC-A2" })
R(T.flit, 0x03, 0x03, { name = "MRd32", dws = 3, data = false, routing = "address32", kind = "memoryRead", layout = "mem32/3", ohc_a = "OHC-A1" })
R(T.flit, 0x04, 0x04, { name = "CfgRd0", dws = 3, data = false, routing = "id", kind = "configuration", layout = "cfg/3", ohc_a = "OHC-A3" })
R(T.flit, 0x05, 0x05, { name = "CfgRd1", dws = 3, data = false, routing = "id", kind = "configuration", layout = "cfg/3", ohc_a = "OHC-A3" })
R(T.flit, 0x06, 0x07, { name = "Reserved", dws = 4, data = true, routing = "id", kind = "reserved", layout = "raw/4", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0x08, 0x09, { name = "Reserved", dws = 3, data = false, routing = "id", kind = "reserved", layout = "raw/3", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0x0A, 0x0A, { name = "Cpl", dws = 3, data = false, routing = "id", kind = "completion", layout = "cpl/3", ohc_a = "OHC-A5" })
R(T.flit, 0x0B, 0x0B, { name = "CplLk", dws = 3, data = false, routing = "id", kind = "completion", layout = "cpl/3", ohc_a = "OHC-A5" })
R(T.flit, 0x0C, 0x0C, { name = "UIOWrCpl", dws = 3, data = false, routing = "id", kind = "uioCompletion", layout = "raw/3", ohc_a = "OHC-A5" })
R(T.flit, 0x0D, 0x0D, { name = "UIORdCpl", dws = 3, data = false, routing = "id", kind = "uioCompletion", layout = "raw/3", ohc_a = "OHC-A5" })
R(T.flit, 0x0E, 0x0F, { name = "Reserved", dws = 3, data = false, routing = "id", kind = "reserved", layout = "raw/3", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0x10, 0x15, { name = "Reserved", dws = 5, data = true, routing = "address64", kind = "reserved", layout = "raw/5", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0x16, 0x17, { name = "Reserved", dws = 7, data = true, routing = "address64", kind = "reserved", layout = "raw/7", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0x18, 0x19, { name = "Reserved", dws = 7, data = false, routing = "id", kind = "reserved", layout = "raw/7", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0x1A, 0x1B, { name = "Reserved", dws = 7, data = true, routing = "id", kind = "reserved", layout = "raw/7", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0x1C, 0x1D, { name = "Reserved", dws = 3, data = false, routing = "id", kind = "reserved", layout = "raw/3", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0x1E, 0x1F, { name = "Reserved", dws = 6, data = false, routing = "id", kind = "reserved", layout = "raw/6", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0x20, 0x20, { name = "MRd64", dws = 4, data = false, routing = "address64", kind = "memoryRead", layout = "mem64/4", ohc_a = "OHC-A1" })
R(T.flit, 0x21, 0x21, { name = "MRdLk64", dws = 4, data = false, routing = "address64", kind = "memoryRead", layout = "mem64/4", ohc_a = "OHC-A1" })
R(T.flit, 0x22, 0x22, { name = "UIOMRd", dws = 4, data = false, routing = "address64", kind = "memoryRead", layout = "mem64/4", ohc_a = "OHC-A1" })
R(T.flit, 0x23, 0x27, { name = "Reserved", dws = 4, data = false, routing = "address64", kind = "reserved", layout = "raw/4", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0x28, 0x2D, { name = "Reserved", dws = 4, data = false, routing = "id", kind = "reserved", layout = "raw/4", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0x2E, 0x2F, { name = "Reserved", dws = 5, data = false, routing = "id", kind = "reserved", layout = "raw/5", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0x30, 0x30, { name = "Msg", dws = 4, data = false, routing = "toRootComplex", kind = "message", layout = "msg/4", layout_vendor = "msg-vdm/4", ohc_a = "OHC-A1" })
R(T.flit, 0x31, 0x31, { name = "Msg", dws = 4, data = false, routing = "address64", kind = "message", layout = "msg-addr/4", ohc_a = "OHC-A1" })
R(T.flit, 0x32, 0x32, { name = "Msg", dws = 4, data = false, routing = "id", kind = "message", layout = "msg-id/4", layout_vendor = "msg-id-vdm/4", ohc_a = "OHC-A4" })
R(T.flit, 0x33, 0x33, { name = "Msg", dws = 4, data = false, routing = "broadcast", kind = "message", layout = "msg/4", layout_vendor = "msg-vdm/4", ohc_a = "OHC-A1" })
R(T.flit, 0x34, 0x34, { name = "Msg", dws = 4, data = false, routing = "local", kind = "message", layout = "msg/4", layout_vendor = "msg-vdm/4", ohc_a = "OHC-A1" })
R(T.flit, 0x35, 0x35, { name = "Msg", dws = 4, data = false, routing = "gathered", kind = "message", layout = "msg/4", layout_vendor = "msg-vdm/4", ohc_a = "OHC-A1" })
R(T.flit, 0x36, 0x37, { name = "Msg", dws = 4, data = false, routing = "reservedMessage", kind = "message", layout = "msg/4", layout_vendor = "msg-vdm/4", ohc_a = "OHC-A1" })
R(T.flit, 0x38, 0x3B, { name = "Reserved", dws = 4, data = false, routing = "address64", kind = "reserved", layout = "raw/4", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0x3C, 0x3D, { name = "Reserved", dws = 4, data = false, routing = "id", kind = "reserved", layout = "raw/4", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0x3E, 0x3F, { name = "Reserved", dws = 5, data = false, routing = "id", kind = "reserved", layout = "raw/5", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0x40, 0x40, { name = "MWr32", dws = 3, data = true, routing = "address32", kind = "memoryWrite", layout = "mem32/3", ohc_a = "OHC-A1" })
R(T.flit, 0x41, 0x41, { name = "Reserved", dws = 6, data = true, routing = "id", kind = "reserved", layout = "raw/6", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0x42, 0x42, { name = "IOWr", dws = 3, data = true, routing = "address32", kind = "io", layout = "io/3", ohc_a = "OHC-A2" })
R(T.flit, 0x43, 0x43, { name = "Reserved", dws = 6, data = true, routing = "id", kind = "reserved", layout = "raw/6", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0x44, 0x44, { name = "CfgWr0", dws = 3, data = true, routing = "id", kind = "configuration", layout = "cfg/3", ohc_a = "OHC-A3" })
R(T.flit, 0x45, 0x45, { name = "CfgWr1", dws = 3, data = true, routing = "id", kind = "configuration", layout = "cfg/3", ohc_a = "OHC-A3" })
R(T.flit, 0x46, 0x47, { name = "Reserved", dws = 3, data = true, routing = "id", kind = "reserved", layout = "raw/3", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0x48, 0x48, { name = "UIORdCplD", dws = 3, data = true, routing = "id", kind = "uioCompletion", layout = "raw/3", ohc_a = "OHC-A5" })
R(T.flit, 0x49, 0x49, { name = "Reserved", dws = 3, data = true, routing = "id", kind = "reserved", layout = "raw/3", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0x4A, 0x4A, { name = "CplD", dws = 3, data = true, routing = "id", kind = "completion", layout = "cpl/3", ohc_a = "OHC-A5" })
R(T.flit, 0x4B, 0x4B, { name = "CplDLk", dws = 3, data = true, routing = "id", kind = "completion", layout = "cpl/3", ohc_a = "OHC-A5" })
R(T.flit, 0x4C, 0x4C, { name = "FetchAdd32", dws = 3, data = true, routing = "address32", kind = "atomic", layout = "mem32/3", ohc_a = "OHC-A1" })
R(T.flit, 0x4D, 0x4D, { name = "Swap32", dws = 3, data = true, routing = "address32", kind = "atomic", layout = "mem32/3", ohc_a = "OHC-A1" })
R(T.flit, 0x4E, 0x4E, { name = "CAS32", dws = 3, data = true, routing = "address32", kind = "atomic", layout = "mem32/3", ohc_a = "OHC-A1" })
R(T.flit, 0x4F, 0x4F, { name = "Reserved", dws = 4, data = false, routing = "address64", kind = "reserved", layout = "raw/4", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0x50, 0x55, { name = "Reserved", dws = 6, data = true, routing = "address64", kind = "reserved", layout = "raw/6", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0x56, 0x57, { name = "Reserved", dws = 7, data = true, routing = "address64", kind = "reserved", layout = "raw/7", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0x58, 0x59, { name = "Reserved", dws = 3, data = true, routing = "id", kind = "reserved", layout = "raw/3", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0x5A, 0x5A, { name = "Reserved", dws = 4, data = true, routing = "address64", kind = "reserved", layout = "raw/4", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0x5B, 0x5B, { name = "DMWr32", dws = 3, data = true, routing = "address32", kind = "deferrableWrite", layout = "mem32/3", ohc_a = "OHC-A1" })
R(T.flit, 0x5C, 0x5D, { name = "Reserved", dws = 4, data = true, routing = "id", kind = "reserved", layout = "raw/4", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0x5E, 0x5F, { name = "Reserved", dws = 5, data = true, routing = "id", kind = "reserved", layout = "raw/5", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0x60, 0x60, { name = "MWr64", dws = 4, data = true, routing = "address64", kind = "memoryWrite", layout = "mem64/4", ohc_a = "OHC-A1" })
R(T.flit, 0x61, 0x61, { name = "UIOMWr", dws = 4, data = true, routing = "address64", kind = "memoryWrite", layout = "mem64/4", ohc_a = "OHC-A1" })
R(T.flit, 0x62, 0x6B, { name = "Reserved", dws = 4, data = true, routing = "address64", kind = "reserved", layout = "raw/4", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0x6C, 0x6C, { name = "FetchAdd64", dws = 4, data = true, routing = "address64", kind = "atomic", layout = "mem64/4", ohc_a = "OHC-A1" })
R(T.flit, 0x6D, 0x6D, { name = "Swap64", dws = 4, data = true, routing = "address64", kind = "atomic", layout = "mem64/4", ohc_a = "OHC-A1" })
R(T.flit, 0x6E, 0x6E, { name = "CAS64", dws = 4, data = true, routing = "address64", kind = "atomic", layout = "mem64/4", ohc_a = "OHC-A1" })
R(T.flit, 0x6F, 0x6F, { name = "Reserved", dws = 4, data = true, routing = "address64", kind = "reserved", layout = "raw/4", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0x70, 0x70, { name = "MsgD", dws = 4, data = true, routing = "toRootComplex", kind = "message", layout = "msg/4", layout_vendor = "msg-vdm/4", ohc_a = "OHC-A1" })
R(T.flit, 0x71, 0x71, { name = "MsgD", dws = 4, data = true, routing = "address64", kind = "message", layout = "msg-addr/4", ohc_a = "OHC-A1" })
R(T.flit, 0x72, 0x72, { name = "MsgD", dws = 4, data = true, routing = "id", kind = "message", layout = "msg-id/4", layout_vendor = "msg-id-vdm/4", ohc_a = "OHC-A4" })
R(T.flit, 0x73, 0x73, { name = "MsgD", dws = 4, data = true, routing = "broadcast", kind = "message", layout = "msg/4", layout_vendor = "msg-vdm/4", ohc_a = "OHC-A1" })
R(T.flit, 0x74, 0x74, { name = "MsgD", dws = 4, data = true, routing = "local", kind = "message", layout = "msg/4", layout_vendor = "msg-vdm/4", ohc_a = "OHC-A1" })
R(T.flit, 0x75, 0x75, { name = "MsgD", dws = 4, data = true, routing = "gathered", kind = "message", layout = "msg/4", layout_vendor = "msg-vdm/4", ohc_a = "OHC-A1" })
R(T.flit, 0x76, 0x77, { name = "MsgD", dws = 4, data = true, routing = "reservedMessage", kind = "message", layout = "msg/4", layout_vendor = "msg-vdm/4", ohc_a = "OHC-A1" })
R(T.flit, 0x78, 0x7A, { name = "Reserved", dws = 4, data = true, routing = "address64", kind = "reserved", layout = "raw/4", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0x7B, 0x7B, { name = "DMWr64", dws = 4, data = true, routing = "address64", kind = "deferrableWrite", layout = "mem64/4", ohc_a = "OHC-A1" })
R(T.flit, 0x7C, 0x7F, { name = "Reserved", dws = 4, data = true, routing = "address64", kind = "reserved", layout = "raw/4", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0x80, 0x8C, { name = "LPrfx", dws = 1, data = false, routing = "localTLP", kind = "prefix", layout = "Prefix/1", prefix = "Rsvd", reserved = true })
R(T.flit, 0x8D, 0x8D, { name = "LPrfx", dws = 1, data = false, routing = "localTLP", kind = "prefix", layout = "FlitLocal/1", prefix = "FlitLocal" })
R(T.flit, 0x8E, 0x8E, { name = "LPrfx", dws = 1, data = false, routing = "localTLP", kind = "prefix", layout = "Prefix/1", prefix = "VendorL0" })
R(T.flit, 0x8F, 0x8F, { name = "LPrfx", dws = 1, data = false, routing = "localTLP", kind = "prefix", layout = "Prefix/1", prefix = "VendorL1" })
R(T.flit, 0x90, 0x93, { name = "Reserved", dws = 4, data = false, routing = "address64", kind = "reserved", layout = "raw/4", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0x94, 0x97, { name = "Reserved", dws = 5, data = false, routing = "address64", kind = "reserved", layout = "raw/5", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0x98, 0x9B, { name = "Reserved", dws = 6, data = false, routing = "address64", kind = "reserved", layout = "raw/6", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0x9C, 0x9F, { name = "Reserved", dws = 7, data = false, routing = "address64", kind = "reserved", layout = "raw/7", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0xA0, 0xA7, { name = "Reserved", dws = 5, data = false, routing = "address64", kind = "reserved", layout = "raw/5", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0xA8, 0xA9, { name = "Reserved", dws = 6, data = false, routing = "id", kind = "reserved", layout = "raw/6", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0xAA, 0xAB, { name = "Reserved", dws = 7, data = false, routing = "id", kind = "reserved", layout = "raw/7", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0xAC, 0xAD, { name = "Reserved", dws = 5, data = false, routing = "id", kind = "reserved", layout = "raw/5", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0xAE, 0xAF, { name = "Reserved", dws = 6, data = false, routing = "id", kind = "reserved", layout = "raw/6", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0xB0, 0xBF, { name = "Reserved", dws = 5, data = true, routing = "address64", kind = "reserved", layout = "raw/5", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0xC0, 0xC7, { name = "Reserved", dws = 6, data = false, routing = "address64", kind = "reserved", layout = "raw/6", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0xC8, 0xC9, { name = "Reserved", dws = 7, data = false, routing = "id", kind = "reserved", layout = "raw/7", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0xCA, 0xCB, { name = "Reserved", dws = 5, data = true, routing = "id", kind = "reserved", layout = "raw/5", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0xCC, 0xCD, { name = "Reserved", dws = 6, data = true, routing = "id", kind = "reserved", layout = "raw/6", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0xCE, 0xCF, { name = "Reserved", dws = 7, data = true, routing = "id", kind = "reserved", layout = "raw/7", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0xD0, 0xDF, { name = "Reserved", dws = 6, data = true, routing = "address64", kind = "reserved", layout = "raw/6", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0xE0, 0xE1, { name = "Reserved", dws = 4, data = false, routing = "localTLP", kind = "reserved", layout = "raw/4", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0xE2, 0xE3, { name = "Reserved", dws = 6, data = false, routing = "localTLP", kind = "reserved", layout = "raw/6", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0xE4, 0xE5, { name = "Reserved", dws = 4, data = true, routing = "localTLP", kind = "reserved", layout = "raw/4", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0xE6, 0xE7, { name = "Reserved", dws = 6, data = true, routing = "localTLP", kind = "reserved", layout = "raw/6", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0xE8, 0xEF, { name = "Reserved", dws = 7, data = false, routing = "address64", kind = "reserved", layout = "raw/7", ohc_a = "OHC-A1", reserved = true })
R(T.flit, 0xF0, 0xF1, { name = "Reserved", dws = 4, data = true, routing = "id", kind = "reserved", layout = "raw/4", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0xF2, 0xF3, { name = "Reserved", dws = 5, data = true, routing = "id", kind = "reserved", layout = "raw/5", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0xF4, 0xF5, { name = "Reserved", dws = 6, data = true, routing = "id", kind = "reserved", layout = "raw/6", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0xF6, 0xF7, { name = "Reserved", dws = 7, data = true, routing = "id", kind = "reserved", layout = "raw/7", ohc_a = "OHC-A4", reserved = true })
R(T.flit, 0xF8, 0xFF, { name = "Reserved", dws = 7, data = true, routing = "address64", kind = "reserved", layout = "raw/7", ohc_a = "OHC-A1", reserved = true })
T.layouts.flit["NOP/1"] = { name = "NOP", dws = 1,
    { "type_code", "Type", "hidden", { 0, 31, 24 } },
  }
T.layouts.flit["mem32/3"] = { name = "mem32", dws = 3,
    { "type_code", "Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 23, 21 } },
    { "ohc", "OHC", "decimal", { 0, 20, 16 } },
    { "ts", "TS", "decimal", { 0, 15, 13 } },
    { "attr", "Attr", "decimal", { 0, 12, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "requester", "RID", "pciID", { 1, 31, 16 } },
    { "ep", "EP", "flag", { 1, 15, 15 } },
    { "tag", "Tag", "hex", { 1, 13, 0 } },
    { "address_low", "Addr", "dwAddress", { 2, 31, 2 } },
    { "at", "AT", "decimalIfSet", { 2, 1, 0 } },
  }
T.layouts.flit["io/3"] = { name = "io", dws = 3,
    { "type_code", "Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 23, 21 } },
    { "ohc", "OHC", "decimal", { 0, 20, 16 } },
    { "ts", "TS", "decimal", { 0, 15, 13 } },
    { "attr", "Attr", "decimal", { 0, 12, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "requester", "RID", "pciID", { 1, 31, 16 } },
    { "ep", "EP", "flag", { 1, 15, 15 } },
    { "tag", "Tag", "hex", { 1, 13, 0 } },
    { "address_low", "Addr", "dwAddress", { 2, 31, 2 } },
  }
T.layouts.flit["cfg/3"] = { name = "cfg", dws = 3,
    { "type_code", "Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 23, 21 } },
    { "ohc", "OHC", "decimal", { 0, 20, 16 } },
    { "ts", "TS", "decimal", { 0, 15, 13 } },
    { "attr", "Attr", "decimal", { 0, 12, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "requester", "RID", "pciID", { 1, 31, 16 } },
    { "ep", "EP", "flag", { 1, 15, 15 } },
    { "tag", "Tag", "hex", { 1, 13, 0 } },
    { "target", "Dest", "pciID", { 2, 31, 16 } },
    { "register", "Reg", "dwOffset", { 2, 11, 2 } },
  }
T.layouts.flit["raw/4"] = { name = "raw", dws = 4,
    { "type_code", "Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 23, 21 } },
    { "ohc", "OHC", "decimal", { 0, 20, 16 } },
    { "ts", "TS", "decimal", { 0, 15, 13 } },
    { "attr", "Attr", "decimal", { 0, 12, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "dw1", "DW1", "hex32", { 1, 31, 0 } },
    { "dw2", "DW2", "hex32", { 2, 31, 0 } },
    { "dw3", "DW3", "hex32", { 3, 31, 0 } },
  }
T.layouts.flit["raw/3"] = { name = "raw", dws = 3,
    { "type_code", "Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 23, 21 } },
    { "ohc", "OHC", "decimal", { 0, 20, 16 } },
    { "ts", "TS", "decimal", { 0, 15, 13 } },
    { "attr", "Attr", "decimal", { 0, 12, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "dw1", "DW1", "hex32", { 1, 31, 0 } },
    { "dw2", "DW2", "hex32", { 2, 31, 0 } },
  }
T.layouts.flit["cpl/3"] = { name = "cpl", dws = 3,
    { "type_code", "Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 23, 21 } },
    { "ohc", "OHC", "decimal", { 0, 20, 16 } },
    { "ts", "TS", "decimal", { 0, 15, 13 } },
    { "attr", "Attr", "decimal", { 0, 12, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "completer", "CID", "pciID", { 1, 31, 16 } },
    { "ep", "EP", "flag", { 1, 15, 15 } },
    { "tag", "Tag", "hex", { 1, 13, 0 } },
    { "requester", "RID", "pciID", { 2, 31, 16 } },
    { "lower_address", "LA", "dwOffset", { 1, 14, 14 }, { 2, 15, 12 } },
    { "byte_count", "BC", "decimal", { 2, 11, 0 } },
  }
T.layouts.flit["raw/5"] = { name = "raw", dws = 5,
    { "type_code", "Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 23, 21 } },
    { "ohc", "OHC", "decimal", { 0, 20, 16 } },
    { "ts", "TS", "decimal", { 0, 15, 13 } },
    { "attr", "Attr", "decimal", { 0, 12, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "dw1", "DW1", "hex32", { 1, 31, 0 } },
    { "dw2", "DW2", "hex32", { 2, 31, 0 } },
    { "dw3", "DW3", "hex32", { 3, 31, 0 } },
    { "dw4", "DW4", "hex32", { 4, 31, 0 } },
  }
T.layouts.flit["raw/7"] = { name = "raw", dws = 7,
    { "type_code", "Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 23, 21 } },
    { "ohc", "OHC", "decimal", { 0, 20, 16 } },
    { "ts", "TS", "decimal", { 0, 15, 13 } },
    { "attr", "Attr", "decimal", { 0, 12, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "dw1", "DW1", "hex32", { 1, 31, 0 } },
    { "dw2", "DW2", "hex32", { 2, 31, 0 } },
    { "dw3", "DW3", "hex32", { 3, 31, 0 } },
    { "dw4", "DW4", "hex32", { 4, 31, 0 } },
    { "dw5", "DW5", "hex32", { 5, 31, 0 } },
    { "dw6", "DW6", "hex32", { 6, 31, 0 } },
  }
T.layouts.flit["raw/6"] = { name = "raw", dws = 6,
    { "type_code", "Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 23, 21 } },
    { "ohc", "OHC", "decimal", { 0, 20, 16 } },
    { "ts", "TS", "decimal", { 0, 15, 13 } },
    { "attr", "Attr", "decimal", { 0, 12, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "dw1", "DW1", "hex32", { 1, 31, 0 } },
    { "dw2", "DW2", "hex32", { 2, 31, 0 } },
    { "dw3", "DW3", "hex32", { 3, 31, 0 } },
    { "dw4", "DW4", "hex32", { 4, 31, 0 } },
    { "dw5", "DW5", "hex32", { 5, 31, 0 } },
  }
T.layouts.flit["mem64/4"] = { name = "mem64", dws = 4,
    { "type_code", "Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 23, 21 } },
    { "ohc", "OHC", "decimal", { 0, 20, 16 } },
    { "ts", "TS", "decimal", { 0, 15, 13 } },
    { "attr", "Attr", "decimal", { 0, 12, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "requester", "RID", "pciID", { 1, 31, 16 } },
    { "ep", "EP", "flag", { 1, 15, 15 } },
    { "tag", "Tag", "hex", { 1, 13, 0 } },
    { "address_high", "AddrH", "hex32", { 2, 31, 0 } },
    { "address_low", "AddrL", "dwAddress", { 3, 31, 2 } },
    { "at", "AT", "decimalIfSet", { 3, 1, 0 } },
  }
T.layouts.flit["msg/4"] = { name = "msg", dws = 4,
    { "type_code", "Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 23, 21 } },
    { "ohc", "OHC", "decimal", { 0, 20, 16 } },
    { "ts", "TS", "decimal", { 0, 15, 13 } },
    { "attr", "Attr", "decimal", { 0, 12, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "requester", "RID", "pciID", { 1, 31, 16 } },
    { "ep", "EP", "flag", { 1, 15, 15 } },
    { "message_specific", "Spec", "hex", { 1, 14, 8 } },
    { "msg_code", "Code", "messageCode", { 1, 7, 0 } },
    { "dw2", "B8-11", "hex32", { 2, 31, 0 } },
    { "dw4", "B12-15", "hex32", { 3, 31, 0 } },
  }
T.layouts.flit["msg-vdm/4"] = { name = "msg-vdm", dws = 4,
    { "type_code", "Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 23, 21 } },
    { "ohc", "OHC", "decimal", { 0, 20, 16 } },
    { "ts", "TS", "decimal", { 0, 15, 13 } },
    { "attr", "Attr", "decimal", { 0, 12, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "requester", "RID", "pciID", { 1, 31, 16 } },
    { "ep", "EP", "flag", { 1, 15, 15 } },
    { "message_specific", "Spec", "hex", { 1, 14, 8 } },
    { "msg_code", "Code", "messageCode", { 1, 7, 0 } },
    { "dw2", "B8-9", "hex", { 2, 31, 16 } },
    { "vendor_id", "Vendor", "hex", { 2, 15, 0 } },
    { "data", "VData", "hex32", { 3, 31, 0 } },
  }
T.layouts.flit["msg-addr/4"] = { name = "msg-addr", dws = 4,
    { "type_code", "Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 23, 21 } },
    { "ohc", "OHC", "decimal", { 0, 20, 16 } },
    { "ts", "TS", "decimal", { 0, 15, 13 } },
    { "attr", "Attr", "decimal", { 0, 12, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "requester", "RID", "pciID", { 1, 31, 16 } },
    { "ep", "EP", "flag", { 1, 15, 15 } },
    { "message_specific", "Spec", "hex", { 1, 14, 8 } },
    { "msg_code", "Code", "messageCode", { 1, 7, 0 } },
    { "address_high", "AddrH", "hex32", { 2, 31, 0 } },
    { "address_low", "AddrL", "dwAddress", { 3, 31, 2 } },
    { "at", "AT", "decimalIfSet", { 3, 1, 0 } },
  }
T.layouts.flit["msg-id/4"] = { name = "msg-id", dws = 4,
    { "type_code", "Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 23, 21 } },
    { "ohc", "OHC", "decimal", { 0, 20, 16 } },
    { "ts", "TS", "decimal", { 0, 15, 13 } },
    { "attr", "Attr", "decimal", { 0, 12, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "requester", "RID", "pciID", { 1, 31, 16 } },
    { "ep", "EP", "flag", { 1, 15, 15 } },
    { "message_specific", "Spec", "hex", { 1, 14, 8 } },
    { "msg_code", "Code", "messageCode", { 1, 7, 0 } },
    { "target", "Dest", "pciID", { 2, 31, 16 } },
    { "dw3", "B10-11", "hex", { 2, 15, 0 } },
    { "dw4", "B12-15", "hex32", { 3, 31, 0 } },
  }
T.layouts.flit["msg-id-vdm/4"] = { name = "msg-id-vdm", dws = 4,
    { "type_code", "Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 23, 21 } },
    { "ohc", "OHC", "decimal", { 0, 20, 16 } },
    { "ts", "TS", "decimal", { 0, 15, 13 } },
    { "attr", "Attr", "decimal", { 0, 12, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "requester", "RID", "pciID", { 1, 31, 16 } },
    { "ep", "EP", "flag", { 1, 15, 15 } },
    { "message_specific", "Spec", "hex", { 1, 14, 8 } },
    { "msg_code", "Code", "messageCode", { 1, 7, 0 } },
    { "target", "Dest", "pciID", { 2, 31, 16 } },
    { "vendor_id", "Vendor", "hex", { 2, 15, 0 } },
    { "data", "VData", "hex32", { 3, 31, 0 } },
  }
T.layouts.flit["Prefix/1"] = { name = "Prefix", dws = 1,
    { "type_code", "Prefix", "hidden", { 0, 31, 24 } },
    { "data", "Data", "hex", { 0, 23, 0 } },
  }
T.layouts.flit["FlitLocal/1"] = { name = "FlitLocal", dws = 1,
    { "type_code", "Prefix", "hidden", { 0, 31, 24 } },
    { "dedicated_credits", "DC", "flag", { 0, 16, 16 } },
  }
R(T.nonflit, 0x00, 0x00, { name = "MRd32", dws = 3, data = false, routing = "address32", kind = "memoryRead", layout = "mem/3", layout_th = "mem-th-read/3" })
R(T.nonflit, 0x01, 0x01, { name = "MRdLk32", dws = 3, data = false, routing = "address32", kind = "memoryRead", layout = "mem/3", layout_th = "mem-th-read/3" })
R(T.nonflit, 0x02, 0x02, { name = "IORd", dws = 3, data = false, routing = "address32", kind = "io", layout = "io/3" })
R(T.nonflit, 0x03, 0x03, { name = "Reserved", dws = 3, data = false, routing = "none", kind = "reserved", layout = "raw/3", reserved = true })
R(T.nonflit, 0x04, 0x04, { name = "CfgRd0", dws = 3, data = false, routing = "id", kind = "configuration", layout = "cfg/3" })
R(T.nonflit, 0x05, 0x05, { name = "CfgRd1", dws = 3, data = false, routing = "id", kind = "configuration", layout = "cfg/3" })
R(T.nonflit, 0x06, 0x09, { name = "Reserved", dws = 3, data = false, routing = "none", kind = "reserved", layout = "raw/3", reserved = true })
R(T.nonflit, 0x0A, 0x0A, { name = "Cpl", dws = 3, data = false, routing = "id", kind = "completion", layout = "cpl/3" })
R(T.nonflit, 0x0B, 0x0B, { name = "CplLk", dws = 3, data = false, routing = "id", kind = "completion", layout = "cpl/3" })
R(T.nonflit, 0x0C, 0x1F, { name = "Reserved", dws = 3, data = false, routing = "none", kind = "reserved", layout = "raw/3", reserved = true })
R(T.nonflit, 0x20, 0x20, { name = "MRd64", dws = 4, data = false, routing = "address64", kind = "memoryRead", layout = "mem/4", layout_th = "mem-th-read/4" })
R(T.nonflit, 0x21, 0x21, { name = "MRdLk64", dws = 4, data = false, routing = "address64", kind = "memoryRead", layout = "mem/4", layout_th = "mem-th-read/4" })
R(T.nonflit, 0x22, 0x2F, { name = "Reserved", dws = 4, data = false, routing = "none", kind = "reserved", layout = "raw/4", reserved = true })
R(T.nonflit, 0x30, 0x30, { name = "Msg", dws = 4, data = false, routing = "toRootComplex", kind = "message", layout = "msg/4", layout_vendor = "msg-vdm/4" })
R(T.nonflit, 0x31, 0x31, { name = "Msg", dws = 4, data = false, routing = "address64", kind = "message", layout = "msg-addr/4" })
R(T.nonflit, 0x32, 0x32, { name = "Msg", dws = 4, data = false, routing = "id", kind = "message", layout = "msg-id/4", layout_vendor = "msg-id-vdm/4" })
R(T.nonflit, 0x33, 0x33, { name = "Msg", dws = 4, data = false, routing = "broadcast", kind = "message", layout = "msg/4", layout_vendor = "msg-vdm/4" })
R(T.nonflit, 0x34, 0x34, { name = "Msg", dws = 4, data = false, routing = "local", kind = "message", layout = "msg/4", layout_vendor = "msg-vdm/4" })
R(T.nonflit, 0x35, 0x35, { name = "Msg", dws = 4, data = false, routing = "gathered", kind = "message", layout = "msg/4", layout_vendor = "msg-vdm/4" })
R(T.nonflit, 0x36, 0x37, { name = "Msg", dws = 4, data = false, routing = "reservedMessage", kind = "message", layout = "msg/4", layout_vendor = "msg-vdm/4" })
R(T.nonflit, 0x38, 0x3F, { name = "Reserved", dws = 4, data = false, routing = "none", kind = "reserved", layout = "raw/4", reserved = true })
R(T.nonflit, 0x40, 0x40, { name = "MWr32", dws = 3, data = true, routing = "address32", kind = "memoryWrite", layout = "mem/3", layout_th = "mem-th-write/3" })
R(T.nonflit, 0x41, 0x41, { name = "Reserved", dws = 3, data = true, routing = "none", kind = "reserved", layout = "raw/3", reserved = true })
R(T.nonflit, 0x42, 0x42, { name = "IOWr", dws = 3, data = true, routing = "address32", kind = "io", layout = "io/3" })
R(T.nonflit, 0x43, 0x43, { name = "Reserved", dws = 3, data = true, routing = "none", kind = "reserved", layout = "raw/3", reserved = true })
R(T.nonflit, 0x44, 0x44, { name = "CfgWr0", dws = 3, data = true, routing = "id", kind = "configuration", layout = "cfg/3" })
R(T.nonflit, 0x45, 0x45, { name = "CfgWr1", dws = 3, data = true, routing = "id", kind = "configuration", layout = "cfg/3" })
R(T.nonflit, 0x46, 0x49, { name = "Reserved", dws = 3, data = true, routing = "none", kind = "reserved", layout = "raw/3", reserved = true })
R(T.nonflit, 0x4A, 0x4A, { name = "CplD", dws = 3, data = true, routing = "id", kind = "completion", layout = "cpl/3" })
R(T.nonflit, 0x4B, 0x4B, { name = "CplDLk", dws = 3, data = true, routing = "id", kind = "completion", layout = "cpl/3" })
R(T.nonflit, 0x4C, 0x4C, { name = "FetchAdd32", dws = 3, data = true, routing = "address32", kind = "atomic", layout = "mem/3", layout_th = "mem-th-read/3" })
R(T.nonflit, 0x4D, 0x4D, { name = "Swap32", dws = 3, data = true, routing = "address32", kind = "atomic", layout = "mem/3", layout_th = "mem-th-read/3" })
R(T.nonflit, 0x4E, 0x4E, { name = "CAS32", dws = 3, data = true, routing = "address32", kind = "atomic", layout = "mem/3", layout_th = "mem-th-read/3" })
R(T.nonflit, 0x4F, 0x5A, { name = "Reserved", dws = 3, data = true, routing = "none", kind = "reserved", layout = "raw/3", reserved = true })
R(T.nonflit, 0x5B, 0x5B, { name = "DMWr32", dws = 3, data = true, routing = "address32", kind = "deferrableWrite", layout = "mem/3", layout_th = "mem-th-read/3" })
R(T.nonflit, 0x5C, 0x5F, { name = "Reserved", dws = 3, data = true, routing = "none", kind = "reserved", layout = "raw/3", reserved = true })
R(T.nonflit, 0x60, 0x60, { name = "MWr64", dws = 4, data = true, routing = "address64", kind = "memoryWrite", layout = "mem/4", layout_th = "mem-th-write/4" })
R(T.nonflit, 0x61, 0x6B, { name = "Reserved", dws = 4, data = true, routing = "none", kind = "reserved", layout = "raw/4", reserved = true })
R(T.nonflit, 0x6C, 0x6C, { name = "FetchAdd64", dws = 4, data = true, routing = "address64", kind = "atomic", layout = "mem/4", layout_th = "mem-th-read/4" })
R(T.nonflit, 0x6D, 0x6D, { name = "Swap64", dws = 4, data = true, routing = "address64", kind = "atomic", layout = "mem/4", layout_th = "mem-th-read/4" })
R(T.nonflit, 0x6E, 0x6E, { name = "CAS64", dws = 4, data = true, routing = "address64", kind = "atomic", layout = "mem/4", layout_th = "mem-th-read/4" })
R(T.nonflit, 0x6F, 0x6F, { name = "Reserved", dws = 4, data = true, routing = "none", kind = "reserved", layout = "raw/4", reserved = true })
R(T.nonflit, 0x70, 0x70, { name = "MsgD", dws = 4, data = true, routing = "toRootComplex", kind = "message", layout = "msg/4", layout_vendor = "msg-vdm/4" })
R(T.nonflit, 0x71, 0x71, { name = "MsgD", dws = 4, data = true, routing = "address64", kind = "message", layout = "msg-addr/4" })
R(T.nonflit, 0x72, 0x72, { name = "MsgD", dws = 4, data = true, routing = "id", kind = "message", layout = "msg-id/4", layout_vendor = "msg-id-vdm/4" })
R(T.nonflit, 0x73, 0x73, { name = "MsgD", dws = 4, data = true, routing = "broadcast", kind = "message", layout = "msg/4", layout_vendor = "msg-vdm/4" })
R(T.nonflit, 0x74, 0x74, { name = "MsgD", dws = 4, data = true, routing = "local", kind = "message", layout = "msg/4", layout_vendor = "msg-vdm/4" })
R(T.nonflit, 0x75, 0x75, { name = "MsgD", dws = 4, data = true, routing = "gathered", kind = "message", layout = "msg/4", layout_vendor = "msg-vdm/4" })
R(T.nonflit, 0x76, 0x77, { name = "MsgD", dws = 4, data = true, routing = "reservedMessage", kind = "message", layout = "msg/4", layout_vendor = "msg-vdm/4" })
R(T.nonflit, 0x78, 0x7A, { name = "Reserved", dws = 4, data = true, routing = "none", kind = "reserved", layout = "raw/4", reserved = true })
R(T.nonflit, 0x7B, 0x7B, { name = "DMWr64", dws = 4, data = true, routing = "address64", kind = "deferrableWrite", layout = "mem/4", layout_th = "mem-th-read/4" })
R(T.nonflit, 0x7C, 0x7F, { name = "Reserved", dws = 4, data = true, routing = "none", kind = "reserved", layout = "raw/4", reserved = true })
R(T.nonflit, 0x80, 0x80, { name = "LPrfx", dws = 1, data = false, routing = "localTLP", kind = "prefix", layout = "Prefix/1", prefix = "MR-IOV" })
R(T.nonflit, 0x81, 0x8C, { name = "LPrfx", dws = 1, data = false, routing = "localTLP", kind = "prefix", layout = "Prefix/1", prefix = "Rsvd", reserved = true })
R(T.nonflit, 0x8D, 0x8D, { name = "LPrfx", dws = 1, data = false, routing = "localTLP", kind = "prefix", layout = "FlitLocal/1", prefix = "FlitLocal" })
R(T.nonflit, 0x8E, 0x8E, { name = "LPrfx", dws = 1, data = false, routing = "localTLP", kind = "prefix", layout = "Prefix/1", prefix = "VendorL0" })
R(T.nonflit, 0x8F, 0x8F, { name = "LPrfx", dws = 1, data = false, routing = "localTLP", kind = "prefix", layout = "Prefix/1", prefix = "VendorL1" })
R(T.nonflit, 0x90, 0x90, { name = "EPrfx", dws = 1, data = false, routing = "none", kind = "prefix", layout = "TPH/1", prefix = "TPH" })
R(T.nonflit, 0x91, 0x91, { name = "EPrfx", dws = 1, data = false, routing = "none", kind = "prefix", layout = "PASID/1", prefix = "PASID" })
R(T.nonflit, 0x92, 0x92, { name = "EPrfx", dws = 1, data = false, routing = "none", kind = "prefix", layout = "Prefix/1", prefix = "IDE" })
R(T.nonflit, 0x93, 0x9D, { name = "EPrfx", dws = 1, data = false, routing = "none", kind = "prefix", layout = "Prefix/1", prefix = "Rsvd", reserved = true })
R(T.nonflit, 0x9E, 0x9E, { name = "EPrfx", dws = 1, data = false, routing = "none", kind = "prefix", layout = "Prefix/1", prefix = "VendorE0" })
R(T.nonflit, 0x9F, 0x9F, { name = "EPrfx", dws = 1, data = false, routing = "none", kind = "prefix", layout = "Prefix/1", prefix = "VendorE1" })
R(T.nonflit, 0xA0, 0xBF, { name = "Reserved", dws = 4, data = false, routing = "none", kind = "reserved", layout = "raw/4", reserved = true })
R(T.nonflit, 0xC0, 0xDF, { name = "Reserved", dws = 3, data = true, routing = "none", kind = "reserved", layout = "raw/3", reserved = true })
R(T.nonflit, 0xE0, 0xFF, { name = "Reserved", dws = 4, data = true, routing = "none", kind = "reserved", layout = "raw/4", reserved = true })
T.layouts.nonflit["mem/3"] = { name = "mem", dws = 3,
    { "type_code", "Fmt/Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 22, 20 } },
    { "th", "TH", "decimal", { 0, 16, 16 } },
    { "td", "TD", "decimal", { 0, 15, 15 } },
    { "ep", "EP", "decimal", { 0, 14, 14 } },
    { "attr", "Attr", "decimal", { 0, 18, 18 }, { 0, 13, 12 } },
    { "at", "AT", "decimal", { 0, 11, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "requester", "RID", "pciID", { 1, 31, 16 } },
    { "tag", "Tag", "hex", { 0, 23, 23 }, { 0, 19, 19 }, { 1, 15, 8 } },
    { "last_be", "LastBE", "hex", { 1, 7, 4 } },
    { "first_be", "FirstBE", "hex", { 1, 3, 0 } },
    { "address_low", "Addr", "dwAddress", { 2, 31, 2 } },
  }
T.layouts.nonflit["mem-th-read/3"] = { name = "mem-th-read", dws = 3,
    { "type_code", "Fmt/Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 22, 20 } },
    { "th", "TH", "decimal", { 0, 16, 16 } },
    { "td", "TD", "decimal", { 0, 15, 15 } },
    { "ep", "EP", "decimal", { 0, 14, 14 } },
    { "attr", "Attr", "decimal", { 0, 18, 18 }, { 0, 13, 12 } },
    { "at", "AT", "decimal", { 0, 11, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "requester", "RID", "pciID", { 1, 31, 16 } },
    { "tag", "Tag", "hex", { 0, 23, 23 }, { 0, 19, 19 }, { 1, 15, 8 } },
    { "st", "ST", "hex", { 1, 7, 0 } },
    { "address_low", "Addr", "dwAddress", { 2, 31, 2 } },
    { "ph", "PH", "decimal", { 2, 1, 0 } },
  }
T.layouts.nonflit["io/3"] = { name = "io", dws = 3,
    { "type_code", "Fmt/Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 22, 20 } },
    { "th", "TH", "decimal", { 0, 16, 16 } },
    { "td", "TD", "decimal", { 0, 15, 15 } },
    { "ep", "EP", "decimal", { 0, 14, 14 } },
    { "attr", "Attr", "decimal", { 0, 18, 18 }, { 0, 13, 12 } },
    { "at", "AT", "decimal", { 0, 11, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "requester", "RID", "pciID", { 1, 31, 16 } },
    { "tag", "Tag", "hex", { 0, 23, 23 }, { 0, 19, 19 }, { 1, 15, 8 } },
    { "last_be", "LastBE", "hex", { 1, 7, 4 } },
    { "first_be", "FirstBE", "hex", { 1, 3, 0 } },
    { "address_low", "Addr", "dwAddress", { 2, 31, 2 } },
  }
T.layouts.nonflit["raw/3"] = { name = "raw", dws = 3,
    { "type_code", "Fmt/Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 22, 20 } },
    { "th", "TH", "decimal", { 0, 16, 16 } },
    { "td", "TD", "decimal", { 0, 15, 15 } },
    { "ep", "EP", "decimal", { 0, 14, 14 } },
    { "attr", "Attr", "decimal", { 0, 18, 18 }, { 0, 13, 12 } },
    { "at", "AT", "decimal", { 0, 11, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "dw1", "DW1", "hex32", { 1, 31, 0 } },
    { "dw2", "DW2", "hex32", { 2, 31, 0 } },
  }
T.layouts.nonflit["cfg/3"] = { name = "cfg", dws = 3,
    { "type_code", "Fmt/Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 22, 20 } },
    { "th", "TH", "decimal", { 0, 16, 16 } },
    { "td", "TD", "decimal", { 0, 15, 15 } },
    { "ep", "EP", "decimal", { 0, 14, 14 } },
    { "attr", "Attr", "decimal", { 0, 18, 18 }, { 0, 13, 12 } },
    { "at", "AT", "decimal", { 0, 11, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "requester", "RID", "pciID", { 1, 31, 16 } },
    { "tag", "Tag", "hex", { 0, 23, 23 }, { 0, 19, 19 }, { 1, 15, 8 } },
    { "last_be", "LastBE", "hex", { 1, 7, 4 } },
    { "first_be", "FirstBE", "hex", { 1, 3, 0 } },
    { "target", "Dest", "pciID", { 2, 31, 16 } },
    { "register", "Reg", "dwOffset", { 2, 11, 2 } },
  }
T.layouts.nonflit["cpl/3"] = { name = "cpl", dws = 3,
    { "type_code", "Fmt/Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 22, 20 } },
    { "th", "TH", "decimal", { 0, 16, 16 } },
    { "td", "TD", "decimal", { 0, 15, 15 } },
    { "ep", "EP", "decimal", { 0, 14, 14 } },
    { "attr", "Attr", "decimal", { 0, 18, 18 }, { 0, 13, 12 } },
    { "at", "AT", "decimal", { 0, 11, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "completer", "CID", "pciID", { 1, 31, 16 } },
    { "status", "Status", "completionStatus", { 1, 15, 13 } },
    { "bcm", "BCM", "flag", { 1, 12, 12 } },
    { "byte_count", "BC", "decimal", { 1, 11, 0 } },
    { "requester", "RID", "pciID", { 2, 31, 16 } },
    { "tag", "Tag", "hex", { 0, 23, 23 }, { 0, 19, 19 }, { 2, 15, 8 } },
    { "lower_address", "LA", "hex", { 2, 6, 0 } },
  }
T.layouts.nonflit["mem/4"] = { name = "mem", dws = 4,
    { "type_code", "Fmt/Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 22, 20 } },
    { "th", "TH", "decimal", { 0, 16, 16 } },
    { "td", "TD", "decimal", { 0, 15, 15 } },
    { "ep", "EP", "decimal", { 0, 14, 14 } },
    { "attr", "Attr", "decimal", { 0, 18, 18 }, { 0, 13, 12 } },
    { "at", "AT", "decimal", { 0, 11, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "requester", "RID", "pciID", { 1, 31, 16 } },
    { "tag", "Tag", "hex", { 0, 23, 23 }, { 0, 19, 19 }, { 1, 15, 8 } },
    { "last_be", "LastBE", "hex", { 1, 7, 4 } },
    { "first_be", "FirstBE", "hex", { 1, 3, 0 } },
    { "address_high", "AddrH", "hex32", { 2, 31, 0 } },
    { "address_low", "AddrL", "dwAddress", { 3, 31, 2 } },
  }
T.layouts.nonflit["mem-th-read/4"] = { name = "mem-th-read", dws = 4,
    { "type_code", "Fmt/Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 22, 20 } },
    { "th", "TH", "decimal", { 0, 16, 16 } },
    { "td", "TD", "decimal", { 0, 15, 15 } },
    { "ep", "EP", "decimal", { 0, 14, 14 } },
    { "attr", "Attr", "decimal", { 0, 18, 18 }, { 0, 13, 12 } },
    { "at", "AT", "decimal", { 0, 11, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "requester", "RID", "pciID", { 1, 31, 16 } },
    { "tag", "Tag", "hex", { 0, 23, 23 }, { 0, 19, 19 }, { 1, 15, 8 } },
    { "st", "ST", "hex", { 1, 7, 0 } },
    { "address_high", "AddrH", "hex32", { 2, 31, 0 } },
    { "address_low", "AddrL", "dwAddress", { 3, 31, 2 } },
    { "ph", "PH", "decimal", { 3, 1, 0 } },
  }
T.layouts.nonflit["raw/4"] = { name = "raw", dws = 4,
    { "type_code", "Fmt/Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 22, 20 } },
    { "th", "TH", "decimal", { 0, 16, 16 } },
    { "td", "TD", "decimal", { 0, 15, 15 } },
    { "ep", "EP", "decimal", { 0, 14, 14 } },
    { "attr", "Attr", "decimal", { 0, 18, 18 }, { 0, 13, 12 } },
    { "at", "AT", "decimal", { 0, 11, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "dw1", "DW1", "hex32", { 1, 31, 0 } },
    { "dw2", "DW2", "hex32", { 2, 31, 0 } },
    { "dw3", "DW3", "hex32", { 3, 31, 0 } },
  }
T.layouts.nonflit["msg/4"] = { name = "msg", dws = 4,
    { "type_code", "Fmt/Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 22, 20 } },
    { "th", "TH", "decimal", { 0, 16, 16 } },
    { "td", "TD", "decimal", { 0, 15, 15 } },
    { "ep", "EP", "decimal", { 0, 14, 14 } },
    { "attr", "Attr", "decimal", { 0, 18, 18 }, { 0, 13, 12 } },
    { "at", "AT", "decimal", { 0, 11, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "requester", "RID", "pciID", { 1, 31, 16 } },
    { "tag", "Tag", "hex", { 0, 23, 23 }, { 0, 19, 19 }, { 1, 15, 8 } },
    { "msg_code", "Code", "messageCode", { 1, 7, 0 } },
    { "dw2", "B8-11", "hex32", { 2, 31, 0 } },
    { "dw4", "B12-15", "hex32", { 3, 31, 0 } },
  }
T.layouts.nonflit["msg-vdm/4"] = { name = "msg-vdm", dws = 4,
    { "type_code", "Fmt/Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 22, 20 } },
    { "th", "TH", "decimal", { 0, 16, 16 } },
    { "td", "TD", "decimal", { 0, 15, 15 } },
    { "ep", "EP", "decimal", { 0, 14, 14 } },
    { "attr", "Attr", "decimal", { 0, 18, 18 }, { 0, 13, 12 } },
    { "at", "AT", "decimal", { 0, 11, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "requester", "RID", "pciID", { 1, 31, 16 } },
    { "tag", "Tag", "hex", { 0, 23, 23 }, { 0, 19, 19 }, { 1, 15, 8 } },
    { "msg_code", "Code", "messageCode", { 1, 7, 0 } },
    { "dw2", "B8-9", "hex", { 2, 31, 16 } },
    { "vendor_id", "Vendor", "hex", { 2, 15, 0 } },
    { "data", "VData", "hex32", { 3, 31, 0 } },
  }
T.layouts.nonflit["msg-addr/4"] = { name = "msg-addr", dws = 4,
    { "type_code", "Fmt/Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 22, 20 } },
    { "th", "TH", "decimal", { 0, 16, 16 } },
    { "td", "TD", "decimal", { 0, 15, 15 } },
    { "ep", "EP", "decimal", { 0, 14, 14 } },
    { "attr", "Attr", "decimal", { 0, 18, 18 }, { 0, 13, 12 } },
    { "at", "AT", "decimal", { 0, 11, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "requester", "RID", "pciID", { 1, 31, 16 } },
    { "tag", "Tag", "hex", { 0, 23, 23 }, { 0, 19, 19 }, { 1, 15, 8 } },
    { "msg_code", "Code", "messageCode", { 1, 7, 0 } },
    { "address_high", "AddrH", "hex32", { 2, 31, 0 } },
    { "address_low", "AddrL", "dwAddress", { 3, 31, 2 } },
  }
T.layouts.nonflit["msg-id/4"] = { name = "msg-id", dws = 4,
    { "type_code", "Fmt/Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 22, 20 } },
    { "th", "TH", "decimal", { 0, 16, 16 } },
    { "td", "TD", "decimal", { 0, 15, 15 } },
    { "ep", "EP", "decimal", { 0, 14, 14 } },
    { "attr", "Attr", "decimal", { 0, 18, 18 }, { 0, 13, 12 } },
    { "at", "AT", "decimal", { 0, 11, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "requester", "RID", "pciID", { 1, 31, 16 } },
    { "tag", "Tag", "hex", { 0, 23, 23 }, { 0, 19, 19 }, { 1, 15, 8 } },
    { "msg_code", "Code", "messageCode", { 1, 7, 0 } },
    { "target", "Dest", "pciID", { 2, 31, 16 } },
    { "dw3", "B10-11", "hex", { 2, 15, 0 } },
    { "dw4", "B12-15", "hex32", { 3, 31, 0 } },
  }
T.layouts.nonflit["msg-id-vdm/4"] = { name = "msg-id-vdm", dws = 4,
    { "type_code", "Fmt/Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 22, 20 } },
    { "th", "TH", "decimal", { 0, 16, 16 } },
    { "td", "TD", "decimal", { 0, 15, 15 } },
    { "ep", "EP", "decimal", { 0, 14, 14 } },
    { "attr", "Attr", "decimal", { 0, 18, 18 }, { 0, 13, 12 } },
    { "at", "AT", "decimal", { 0, 11, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "requester", "RID", "pciID", { 1, 31, 16 } },
    { "tag", "Tag", "hex", { 0, 23, 23 }, { 0, 19, 19 }, { 1, 15, 8 } },
    { "msg_code", "Code", "messageCode", { 1, 7, 0 } },
    { "target", "Dest", "pciID", { 2, 31, 16 } },
    { "vendor_id", "Vendor", "hex", { 2, 15, 0 } },
    { "data", "VData", "hex32", { 3, 31, 0 } },
  }
T.layouts.nonflit["mem-th-write/3"] = { name = "mem-th-write", dws = 3,
    { "type_code", "Fmt/Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 22, 20 } },
    { "th", "TH", "decimal", { 0, 16, 16 } },
    { "td", "TD", "decimal", { 0, 15, 15 } },
    { "ep", "EP", "decimal", { 0, 14, 14 } },
    { "attr", "Attr", "decimal", { 0, 18, 18 }, { 0, 13, 12 } },
    { "at", "AT", "decimal", { 0, 11, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "requester", "RID", "pciID", { 1, 31, 16 } },
    { "st", "ST", "hex", { 1, 15, 8 } },
    { "last_be", "LastBE", "hex", { 1, 7, 4 } },
    { "first_be", "FirstBE", "hex", { 1, 3, 0 } },
    { "address_low", "Addr", "dwAddress", { 2, 31, 2 } },
    { "ph", "PH", "decimal", { 2, 1, 0 } },
  }
T.layouts.nonflit["mem-th-write/4"] = { name = "mem-th-write", dws = 4,
    { "type_code", "Fmt/Type", "hidden", { 0, 31, 24 } },
    { "tc", "TC", "decimal", { 0, 22, 20 } },
    { "th", "TH", "decimal", { 0, 16, 16 } },
    { "td", "TD", "decimal", { 0, 15, 15 } },
    { "ep", "EP", "decimal", { 0, 14, 14 } },
    { "attr", "Attr", "decimal", { 0, 18, 18 }, { 0, 13, 12 } },
    { "at", "AT", "decimal", { 0, 11, 10 } },
    { "length", "L", "decimal", { 0, 9, 0 } },
    { "requester", "RID", "pciID", { 1, 31, 16 } },
    { "st", "ST", "hex", { 1, 15, 8 } },
    { "last_be", "LastBE", "hex", { 1, 7, 4 } },
    { "first_be", "FirstBE", "hex", { 1, 3, 0 } },
    { "address_high", "AddrH", "hex32", { 2, 31, 0 } },
    { "address_low", "AddrL", "dwAddress", { 3, 31, 2 } },
    { "ph", "PH", "decimal", { 3, 1, 0 } },
  }
T.layouts.nonflit["Prefix/1"] = { name = "Prefix", dws = 1,
    { "type_code", "Prefix", "hidden", { 0, 31, 24 } },
    { "data", "Data", "hex", { 0, 23, 0 } },
  }
T.layouts.nonflit["FlitLocal/1"] = { name = "FlitLocal", dws = 1,
    { "type_code", "Prefix", "hidden", { 0, 31, 24 } },
    { "dedicated_credits", "DC", "flag", { 0, 16, 16 } },
  }
T.layouts.nonflit["TPH/1"] = { name = "TPH", dws = 1,
    { "type_code", "Prefix", "hidden", { 0, 31, 24 } },
    { "st_high", "ST[15:8]", "hex", { 0, 23, 16 } },
    { "ama", "AMA", "decimal", { 0, 15, 13 } },
    { "av", "AV", "flag", { 0, 12, 12 } },
  }
T.layouts.nonflit["PASID/1"] = { name = "PASID", dws = 1,
    { "type_code", "Prefix", "hidden", { 0, 31, 24 } },
    { "pmr", "PMR", "flag", { 0, 21, 21 } },
    { "er", "ER", "flag", { 0, 20, 20 } },
    { "pasid", "PASID", "hex", { 0, 19, 0 } },
  }
T.ohc["OHC-A1"] = { name = "OHC-A1", dws = 1,
    { "nw", "NW", "flag", { 0, 31, 31 } },
    { "pv", "PV", "flag", { 0, 30, 30 } },
    { "pmr", "PMR", "flag", { 0, 29, 29 } },
    { "er", "ER", "flag", { 0, 28, 28 } },
    { "pasid", "PASID", "hex", { 0, 27, 8 } },
    { "last_be", "LastBE", "hex", { 0, 7, 4 } },
    { "first_be", "FirstBE", "hex", { 0, 3, 0 } },
  }
T.ohc["OHC-A2"] = { name = "OHC-A2", dws = 1,
    { "last_be", "LastBE", "hex", { 0, 7, 4 } },
    { "first_be", "FirstBE", "hex", { 0, 3, 0 } },
  }
T.ohc["OHC-A3"] = { name = "OHC-A3", dws = 1,
    { "destination_segment", "DSeg", "hex", { 0, 31, 24 } },
    { "dsv", "DSV", "flag", { 0, 15, 15 } },
    { "last_be", "LastBE", "hex", { 0, 7, 4 } },
    { "first_be", "FirstBE", "hex", { 0, 3, 0 } },
  }
T.ohc["OHC-A4"] = { name = "OHC-A4", dws = 1,
    { "destination_segment", "DSeg", "hex", { 0, 31, 24 } },
    { "dsv", "DSV", "flag", { 0, 15, 15 } },
    { "pv", "PV", "flag", { 0, 14, 14 } },
    { "pasid", "PASID", "hex", { 0, 11, 8 }, { 0, 23, 16 }, { 0, 7, 0 } },
  }
T.ohc["OHC-A5"] = { name = "OHC-A5", dws = 1,
    { "destination_segment", "DSeg", "hex", { 0, 31, 24 } },
    { "completer_segment", "CSeg", "hex", { 0, 23, 16 } },
    { "dsv", "DSV", "flag", { 0, 15, 15 } },
    { "lower_address_low", "LA[1:0]", "decimal", { 0, 4, 3 } },
    { "status", "Status", "completionStatus", { 0, 2, 0 } },
  }
T.ohc["OHC-B"] = { name = "OHC-B", dws = 1,
    { "st", "ST", "hex", { 0, 23, 8 } },
    { "ph", "PH", "decimal", { 0, 7, 6 } },
    { "hv", "HV", "decimal", { 0, 5, 4 } },
    { "ama", "AMA", "decimal", { 0, 3, 1 } },
    { "av", "AV", "flag", { 0, 0, 0 } },
  }
T.ohc["OHC-C"] = { name = "OHC-C", dws = 1,
    { "requester_segment", "RSeg", "hex", { 0, 31, 24 } },
    { "pr_sent_counter", "PRSent", "decimal", { 0, 23, 16 } },
    { "stream_id", "Stream", "decimal", { 0, 15, 8 } },
    { "sub_stream", "Sub", "decimal", { 0, 6, 4 } },
    { "rsv", "RSV", "flag", { 0, 3, 3 } },
    { "k", "K", "flag", { 0, 1, 1 } },
    { "t", "T", "flag", { 0, 0, 0 } },
  }
T.ohc["OHC-E"] = { name = "OHC-E", dws = 1,
    { "format", "Fmt", "decimal", { 0, 31, 28 } },
    { "e", "E", "hex", { 0, 27, 24 } },
    { "data", "Data", "hex", { 0, 23, 0 } },
  }
T.message_codes[0x00] = "Unlock"
T.message_codes[0x01] = "ATS_Invalidate_Request"
T.message_codes[0x02] = "ATS_Invalidate_Completion"
T.message_codes[0x04] = "Page_Request"
T.message_codes[0x05] = "PRG_Response"
T.message_codes[0x10] = "LTR"
T.message_codes[0x12] = "OBFF"
T.message_codes[0x14] = "PM_Active_State_Nak"
T.message_codes[0x18] = "PM_PME"
T.message_codes[0x19] = "PME_Turn_Off"
T.message_codes[0x1B] = "PME_TO_Ack"
T.message_codes[0x20] = "Assert_INTA"
T.message_codes[0x21] = "Assert_INTB"
T.message_codes[0x22] = "Assert_INTC"
T.message_codes[0x23] = "Assert_INTD"
T.message_codes[0x24] = "Deassert_INTA"
T.message_codes[0x25] = "Deassert_INTB"
T.message_codes[0x26] = "Deassert_INTC"
T.message_codes[0x27] = "Deassert_INTD"
T.message_codes[0x30] = "ERR_COR"
T.message_codes[0x31] = "ERR_NONFATAL"
T.message_codes[0x33] = "ERR_FATAL"
T.message_codes[0x40] = "Ignored"
T.message_codes[0x41] = "Ignored"
T.message_codes[0x43] = "Ignored"
T.message_codes[0x44] = "Ignored"
T.message_codes[0x45] = "Ignored"
T.message_codes[0x47] = "Ignored"
T.message_codes[0x48] = "Ignored"
T.message_codes[0x50] = "Set_Slot_Power_Limit"
T.message_codes[0x52] = "PTM_Request"
T.message_codes[0x53] = "PTM_Response"
T.message_codes[0x54] = "IDE_Sync"
T.message_codes[0x55] = "IDE_Fail"
T.message_codes[0x7E] = "Vendor_Defined_Type_0"
T.message_codes[0x7F] = "Vendor_Defined_Type_1"
T.completion_status[0] = "SC"
T.completion_status[1] = "UR"
T.completion_status[2] = "RRS"
T.completion_status[3] = "Rsvd3"
T.completion_status[4] = "CA"
T.completion_status[5] = "Rsvd5"
T.completion_status[6] = "Rsvd6"
T.completion_status[7] = "Rsvd7"
T.routing["none"] = "None"
T.routing["address32"] = "Addr"
T.routing["id"] = "ID"
T.routing["address64"] = "Addr"
T.routing["toRootComplex"] = "RC"
T.routing["broadcast"] = "Bcast"
T.routing["local"] = "Local"
T.routing["gathered"] = "Gather"
T.routing["reservedMessage"] = "Rsvd"
T.routing["localTLP"] = "LocalTLP"
-- END GENERATED TABLES

-- Display names by JSON key; a key not listed shows its text label.
local titles = {
  tc = "Traffic Class", attr = "Attr", length = "Length (DW)", ohc = "OHC", ts = "Trailer Size",
  th = "TLP Hints (TH)", td = "TLP Digest (TD)", ep = "Poisoned (EP)", at = "Address Type",
  requester = "Requester ID", completer = "Completer ID", tag = "Tag", first_be = "First DW BE",
  last_be = "Last DW BE", st = "Steering Tag", ph = "Processing Hint", hv = "Hints Valid (HV)",
  ama = "AMA", av = "AV", st_high = "ST[15:8] (TPH prefix)", status = "Completion Status",
  bcm = "Byte Count Modified (BCM)", byte_count = "Byte Count", lower_address = "Lower Address",
  lower_address_low = "Lower Address[1:0]", msg_code = "Message Code", message_specific = "Message Specific",
  target = "Target ID", register = "Register", vendor_id = "Vendor ID", pasid = "PASID", pv = "Privileged (PV)",
  pmr = "Privileged Mode Requested (PMR)", er = "Execute Requested (ER)", nw = "No Write (NW)",
  dsv = "Destination Segment Valid (DSV)", destination_segment = "Destination Segment",
  completer_segment = "Completer Segment", requester_segment = "Requester Segment",
  pr_sent_counter = "PR_Sent_Counter", stream_id = "IDE Stream ID", sub_stream = "IDE Sub-Stream",
  rsv = "Reserved (RSV)", k = "K (key set)", t = "T (IDE TLP)", format = "Entry Format", e = "Entry Type (E)",
  dedicated_credits = "Dedicated Credits (DC)", data = "Data", b8_9 = "Bytes 8-9", b10_11 = "Bytes 10-11",
  b8_11 = "Bytes 8-11", b12_15 = "Bytes 12-15",
}
local value_names = {
  ph = { [0] = "bidirectional", [1] = "requester", [2] = "target", [3] = "target with priority" },
  hv = { [0] = "not valid", [1] = "8-bit ST valid", [2] = "reserved", [3] = "16-bit ST valid" },
  status = T.completion_status,
  msg_code = T.message_codes,
}
local routing_titles = {
  toRootComplex = "routed to the Root Complex", address64 = "routed by address", address32 = "routed by address",
  id = "routed by ID", broadcast = "broadcast from the Root Complex", ["local"] = "local (terminate at receiver)",
  gathered = "gathered and routed to the Root Complex", reservedMessage = "reserved routing",
}

local function type_names(rows)
  local names = {}
  for code = 0, 255 do names[code] = rows[code] and rows[code].name end
  return names
end

local f = {
  type = ProtoField.uint8("tlp.type", "Type", base.HEX, type_names(T.flit)),
  fmt_type = ProtoField.uint8("tlp.fmt_type", "Fmt/Type", base.HEX, type_names(T.nonflit)),
  routing = ProtoField.string("tlp.routing", "Routing"),
  address = ProtoField.uint64("tlp.address", "Address", base.HEX),
  prefix = ProtoField.uint32("tlp.prefix", "Prefix", base.HEX),
  payload = ProtoField.bytes("tlp.payload", "Payload"),
  trailer = ProtoField.bytes("tlp.trailer", "Digest/trailer"),
}
-- One ProtoField per scope (tlp, tlp.prefix, tlp.ohc_a1, ...) and key, sized for its widest use.
local scoped = {}
local function width(field)
  local bits = 0
  for i = 4, #field do bits = bits + field[i][2] - field[i][3] + 1 end
  if field[3] == "dwOffset" then bits = bits + 2 end
  return bits
end
-- The name of a field in its scope: its JSON key, or for raw words (dw1..dw6, which hold
-- different bytes in different layouts) its text label (b8_11, b12_15, dw2).
local function field_id(field)
  if field[1]:match("^dw%d$") then return field[2]:lower():gsub("[^%w]", "_") end
  return field[1]
end
local function declare(scope, layout)
  scoped[scope] = scoped[scope] or {}
  for _, field in ipairs(layout) do
    local key, style = field_id(field), field[3]
    local known = scoped[scope][key]
    local bits = math.max(width(field), known and known.bits or 0, key == "st" and 16 or 0)
    if style ~= "hidden" and key ~= "address_high" and key ~= "address_low" then
      scoped[scope][key] = { bits = bits, style = known and known.style or style, label = field[2] }
    end
  end
end
for _, mode in ipairs({ "flit", "nonflit" }) do
  for code = 0, 255 do
    local row = T[mode][code]
    local scope = row.kind == "prefix" and "prefix" or ""
    for _, name in ipairs({ row.layout, row.layout_th or row.layout, row.layout_vendor or row.layout }) do
      declare(scope, T.layouts[mode][name])
    end
  end
end
local ohc_scope = {}
for kind, layout in pairs(T.ohc) do
  ohc_scope[kind] = kind:lower():gsub("-", "_")
  declare(ohc_scope[kind], layout)
  f["word." .. kind] = ProtoField.uint32("tlp." .. ohc_scope[kind], kind, base.HEX)
end
for scope, keys in pairs(scoped) do
  for key, spec in pairs(keys) do
    local abbr = (scope == "" and "tlp." or "tlp." .. scope .. ".") .. key
    local title = titles[key] or spec.label
    local field
    if spec.style == "pciID" then
      field = ProtoField.string(abbr, title)
    elseif spec.style == "flag" then
      field = ProtoField.bool(abbr, title)
    else
      local make = spec.bits <= 8 and ProtoField.uint8 or spec.bits <= 16 and ProtoField.uint16 or
        spec.bits <= 24 and ProtoField.uint24 or ProtoField.uint32
      local decimal = spec.style == "decimal" or spec.style == "decimalIfSet" or spec.style == "completionStatus"
      field = make(abbr, title, decimal and base.DEC or base.HEX, value_names[key])
    end
    f[scope .. "/" .. key] = field
  end
end
tlp.fields = f

-- Field values from the structure's DWs, with plain arithmetic (exact for 32-bit words).
local function extract(words, field)
  local value = 0
  for i = 4, #field do
    local dw, hi, lo = field[i][1], field[i][2], field[i][3]
    local span = 2 ^ (hi - lo + 1)
    value = value * span + math.floor((words[dw] or 0) / 2 ^ lo) % span
  end
  return value
end

-- The bytes that hold `field` in a structure starting at `at`.
local function bytes_of(tvb, at, field)
  local first, last
  for i = 4, #field do
    local dw, hi, lo = field[i][1], field[i][2], field[i][3]
    local a, b = at + 4 * dw + math.floor((31 - hi) / 8), at + 4 * dw + math.floor((31 - lo) / 8)
    first = first and math.min(first, a) or a
    last = last and math.max(last, b) or b
  end
  return tvb(first, last - first + 1)
end

local function field_named(layout, key)
  for _, field in ipairs(layout) do
    if field[1] == key then return field end
  end
end

local function bdf(id)
  return string.format("%02x:%02x.%x", math.floor(id / 256), math.floor(id / 8) % 32, id % 8)
end

local function read_words(tvb, at, count)
  local words = {}
  for i = 0, count - 1 do words[i] = tvb(at + 4 * i, 4):uint() end
  return words
end

-- Adds every field of `layout` (a structure of layout.dws DWs at `at`) under `tree`; returns
-- the values by key and the items added, so callers can annotate them.
local function add_fields(tvb, tree, scope, layout, at, adjust)
  local words = read_words(tvb, at, layout.dws)
  local values, items = {}, {}
  for _, field in ipairs(layout) do
    local key, style = field[1], field[3]
    local value = extract(words, field)
    values[key] = value
    if adjust and adjust[key] then value = adjust[key](value, values) end
    local proto = f[scope .. "/" .. field_id(field)]
    if proto then
      local shown = value
      if style == "pciID" then shown = bdf(value) elseif style == "flag" then shown = value ~= 0 end
      if style == "dwOffset" and not (adjust and adjust[key]) then shown = value * 4 end
      items[key] = tree:add(proto, bytes_of(tvb, at, field), shown)
    end
  end
  if values.address_low then
    local dw
    for _, field in ipairs(layout) do
      if not dw and (field[1] == "address_high" or field[1] == "address_low") then dw = field[4][1] end
    end
    local span = values.address_high and 8 or 4
    items.address = tree:add(f.address, tvb(at + 4 * dw, span), UInt64.new(values.address_low * 4, values.address_high or 0))
  end
  return values, items, words
end

-- Prefixes (non-flit Fmt=100b, flit Type 0x80..0x8F) in front of the header; returns the
-- offset of the header and ST[15:8] from a TPH prefix.
local function prefixes(tvb, tree, rows, layouts)
  local at, st_high = 0, nil
  while tvb:len() >= at + 4 do
    local row = rows[tvb(at, 1):uint()]
    if not row or row.kind ~= "prefix" then break end
    local item = tree:add(f.prefix, tvb(at, 4))
    item:append_text(" (" .. (row.prefix or row.name) .. ")")
    local values = add_fields(tvb, item, "prefix", layouts[row.layout], at)
    if values.st_high then st_high = values.st_high end
    at = at + 4
  end
  return at, st_high
end

local function ohc_words(ohc, row)
  local kinds = {}
  if ohc % 2 == 1 then kinds[#kinds + 1] = row.ohc_a end
  if math.floor(ohc / 2) % 2 == 1 then kinds[#kinds + 1] = "OHC-B" end
  if math.floor(ohc / 4) % 2 == 1 then kinds[#kinds + 1] = "OHC-C" end
  local e = ({ [0] = 0, 1, 2, 4 })[math.floor(ohc / 8) % 4]
  for _ = 1, e do kinds[#kinds + 1] = "OHC-E" end
  return kinds
end

-- Info column text and the message routing line for a decoded header.
local function summary(row, values)
  local text = row.name
  if row.kind == "message" then
    local code = values.msg_code or 0
    text = text .. " " .. (T.message_codes[code] or string.format("code 0x%02x", code))
  elseif row.kind == "configuration" and values.target then
    text = text .. " " .. bdf(values.target) .. string.format(" reg 0x%03x", (values.register or 0) * 4)
  elseif row.kind == "completion" and values.status then
    text = text .. " " .. (T.completion_status[values.status] or "?") .. " BC=" .. (values.byte_count or 0)
  end
  return text
end

local function add_routing(tvb, tree, row, at)
  if row.kind ~= "message" then return end
  local r = tvb(at, 1):uint() % 8
  tree:add(f.routing, tvb(at, 1), string.format("%s (%s, r[2:0]=%d)", routing_titles[row.routing] or row.routing,
    T.routing[row.routing] or row.routing, r))
end

local function payload(tvb, tree, row, values, at)
  if row.data and values.length and tvb:len() > at then
    local bytes = 4 * (values.length == 0 and 1024 or values.length)
    bytes = math.min(bytes, tvb:len() - at)
    tree:add(f.payload, tvb(at, bytes))
    at = at + bytes
  end
  if tvb:len() > at then tree:add(f.trailer, tvb(at)) end
end

local function flit(tvb, tree)
  local at = prefixes(tvb, tree, T.flit, T.layouts.flit)
  if tvb:len() < at + 4 then return "Prefix" end
  local row = T.flit[tvb(at, 1):uint()]
  tree:add(f.type, tvb(at, 1)):append_text(row.reserved and " (reserved)" or "")
  add_routing(tvb, tree, row, at)
  local layout = T.layouts.flit[row.layout]
  if tvb:len() < at + 4 * layout.dws then
    tree:add_expert_info(PI_MALFORMED, PI_ERROR, "header cut short")
    return row.name .. " (cut)"
  end
  local ohc = row.kind == "nop" and 0 or math.floor(tvb(at + 1, 1):uint() % 32)
  local kinds = ohc_words(ohc, row)
  local ohc_at = at + 4 * layout.dws
  -- Lower Address[1:0] of a completion live in OHC-A5.
  local la_low = 0
  for i, kind in ipairs(kinds) do
    if kind == "OHC-A5" and tvb:len() >= ohc_at + 4 * i then
      la_low = extract({ [0] = tvb(ohc_at + 4 * (i - 1), 4):uint() }, field_named(T.ohc["OHC-A5"], "lower_address_low"))
    end
  end
  local adjust = { lower_address = function(value) return value * 4 + la_low end }
  local values, items = add_fields(tvb, tree, "", layout, at, adjust)
  local status, status_range
  for i, kind in ipairs(kinds) do
    local word_at = ohc_at + 4 * (i - 1)
    if tvb:len() < word_at + 4 then
      tree:add_expert_info(PI_MALFORMED, PI_ERROR, kind .. " cut short")
      break
    end
    local item = tree:add(f["word." .. kind], tvb(word_at, 4))
    local word = add_fields(tvb, item, ohc_scope[kind], T.ohc[kind], word_at)
    if kind == "OHC-A5" then status, status_range = word.status, tvb(word_at + 3, 1) end
    if kind == "OHC-B" and word.hv == 1 then item:append_text(" (8-bit ST: ST[15:8] not valid)") end
  end
  if row.kind == "completion" or row.kind == "uioCompletion" then
    -- Flit completions carry their status in OHC-A5; without it the status is SC.
    values.status = status or 0
    local proto = f["/status"] or f["ohc_a5/status"]
    tree:add(proto, status_range or tvb(at, 1), values.status):append_text(status and " (OHC-A5)" or " (no OHC-A5)")
    if items.lower_address and la_low ~= 0 then items.lower_address:append_text(" (LA[1:0] from OHC-A5)") end
  end
  payload(tvb, tree, row, values, ohc_at + 4 * #kinds)
  return summary(row, values)
end

local function nonflit(tvb, tree)
  local at, st_high = prefixes(tvb, tree, T.nonflit, T.layouts.nonflit)
  if tvb:len() < at + 4 then return "Prefix" end
  local b0 = tvb(at, 1):uint()
  local row = T.nonflit[b0]
  local th = math.floor(tvb(at + 1, 1):uint()) % 2 == 1
  local layout = T.layouts.nonflit[(th and row.layout_th) or row.layout]
  if row.kind == "message" then
    local code = tvb:len() >= at + 8 and tvb(at + 7, 1):uint() or 0
    if code == 0x7E or code == 0x7F then layout = T.layouts.nonflit[row.layout_vendor or row.layout] end
  end
  tree:add(f.fmt_type, tvb(at, 1)):append_text(row.reserved and " (reserved)" or "")
  add_routing(tvb, tree, row, at)
  if tvb:len() < at + 4 * layout.dws then
    tree:add_expert_info(PI_MALFORMED, PI_ERROR, "header cut short")
    return row.name .. " (cut)"
  end
  local adjust = {
    st = function(value) return value + 256 * (st_high or 0) end,
  }
  local values, items = add_fields(tvb, tree, "", layout, at, adjust)
  if items.st then items.st:append_text(st_high and " (16-bit, ST[15:8] from the TPH prefix)" or " (8-bit)") end
  local data_at = at + 4 * layout.dws
  payload(tvb, tree, row, values, data_at)
  return summary(row, values)
end

function tlp.dissector(tvb, pinfo, root)
  if tvb:len() < 4 then return 0 end
  pinfo.cols.protocol = "TLP"
  local tree = root:add(tlp, tvb(), "PCI Express TLP")
  local mode, assumed = packet_mode()
  local info
  if mode == "flit" then
    tree:append_text(" (flit mode)")
    info = flit(tvb, tree)
  else
    tree:append_text(assumed and " (non-flit mode assumed)" or " (non-flit mode)")
    info = nonflit(tvb, tree)
  end
  pinfo.cols.info = info
  return tvb:len()
end

local encap = DissectorTable.get("wtap_encap")
local user = (wtap_encaps or wtap).USER0
encap:add(user + tlp.prefs.user_dlt, tlp)
