import Foundation
import PCIeTLP
import Testing

/// The Lua dissector's tables are generated from the Swift ones (type tables, header, OHC and
/// prefix layouts, message codes, completion statuses), so the two cannot drift.
///
/// The generated block sits between the markers in Tools/wireshark/tlpcheck.lua. Regenerate it
/// with `TLPCHECK_WRITE_DISSECTOR_TABLES=1 swift test --filter DissectorTablesTests` (or
/// `bash Scripts/generate-docs.sh`).
@Suite struct DissectorTablesTests {
    static let path = "Tools/wireshark/tlpcheck.lua"
    static let begin = "-- BEGIN GENERATED TABLES"
    static let end = "-- END GENERATED TABLES"

    @Test func dissectorTablesMatchTheSwiftTables() throws {
        let url = CLI.root.appendingPathComponent(Self.path)
        let file = try String(contentsOf: url, encoding: .utf8)
        let start = try #require(file.range(of: Self.begin), "no '\(Self.begin)' marker in \(Self.path)")
        let stop = try #require(file.range(of: Self.end), "no '\(Self.end)' marker in \(Self.path)")
        let lineStart = file[..<start.lowerBound].lastIndex(of: "\n").map { file.index(after: $0) } ?? file.startIndex
        let lineEnd = file[stop.upperBound...].firstIndex(of: "\n") ?? file.endIndex
        let committed = String(file[lineStart..<lineEnd])
        let generated = DissectorTables.block()
        if ProcessInfo.processInfo.environment["TLPCHECK_WRITE_DISSECTOR_TABLES"] == "1", committed != generated {
            let updated = String(file[..<lineStart]) + generated + String(file[lineEnd...])
            try updated.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        #expect(
            committed == generated,
            "\(Self.path) is out of date: TLPCHECK_WRITE_DISSECTOR_TABLES=1 swift test --filter DissectorTablesTests")
    }

    /// The layouts the block names are distinct: one name stands for one set of fields.
    @Test func layoutNamesAreUnique() {
        for mode in LinkMode.allCases {
            var seen: [String: Layout] = [:]
            for layout in DissectorTables.layouts(mode) {
                let key = DissectorTables.key(layout)
                #expect(seen[key] == nil || seen[key] == layout, "\(mode) \(key)")
                seen[key] = layout
            }
        }
    }

    /// The generated rows agree with a few rows of the spec, read from the block itself.
    @Test func generatedRowsNameTheSpecsTypes() {
        let block = DissectorTables.block()
        #expect(block.contains(#"R(T.nonflit, 0x00, 0x00, { name = "MRd32", dws = 3, data = false"#))
        #expect(block.contains(#"R(T.flit, 0x03, 0x03, { name = "MRd32", dws = 3, data = false"#))
        #expect(block.contains(#"T.message_codes[0x10] = "LTR""#))
        #expect(block.contains(#"T.completion_status[4] = "CA""#))
        #expect(block.contains(#"T.ohc["OHC-B"] = { name = "OHC-B""#))
    }
}

/// Writes the Lua table section of the dissector from the Swift tables.
enum DissectorTables {
    static func table(_ mode: LinkMode) -> [TypeInfo] { mode == .flit ? TypeInfo.flit : TypeInfo.nonFlit }

    static func luaName(_ mode: LinkMode) -> String { mode == .flit ? "flit" : "nonflit" }

    /// The layouts a row can use: plain, with TH (non-flit memory requests) and for a
    /// vendor-defined message code.
    static func variants(_ mode: LinkMode, _ info: TypeInfo) -> (plain: Layout, th: Layout, vendor: Layout) {
        (
            HeaderLayouts.layout(mode: mode, info: info),
            HeaderLayouts.layout(mode: mode, info: info, th: true),
            HeaderLayouts.layout(mode: mode, info: info, msgCode: 0x7E)
        )
    }

    static func layouts(_ mode: LinkMode) -> [Layout] {
        var result: [Layout] = []
        for info in table(mode) {
            let v = variants(mode, info)
            for layout in [v.plain, v.th, v.vendor] where !result.contains(layout) { result.append(layout) }
        }
        return result
    }

    /// A layout's name in the block: its Swift name and size (`mem/3`, `msg-id/4`).
    static func key(_ layout: Layout) -> String { "\(layout.name)/\(layout.dwCount)" }

    static func hex(_ value: Int) -> String { "0x" + String(value, radix: 16, uppercase: true).leftPadded(2) }

    static func quoted(_ text: String) -> String { "\"\(text)\"" }

    static func layoutLua(_ layout: Layout) -> String {
        var lines = ["{ name = \(quoted(layout.name)), dws = \(layout.dwCount),"]
        for field in layout.fields {
            let ranges = field.ranges.map { "{ \($0.dw), \($0.hi), \($0.lo) }" }.joined(separator: ", ")
            let style = String(describing: field.style)
            lines.append(
                "    { \(quoted(field.key)), \(quoted(field.label.description)), \(quoted(style)), \(ranges) },")
        }
        return lines.joined(separator: "\n") + "\n  }"
    }

    static func row(_ mode: LinkMode, _ info: TypeInfo) -> String {
        let v = variants(mode, info)
        var parts = [
            "name = \(quoted(info.type.rawValue))", "dws = \(info.headerDWs)", "data = \(info.hasData)",
            "routing = \(quoted(String(describing: info.routing)))", "kind = \(quoted(String(describing: info.kind)))",
            "layout = \(quoted(key(v.plain)))",
        ]
        if v.th != v.plain { parts.append("layout_th = \(quoted(key(v.th)))") }
        if v.vendor != v.plain { parts.append("layout_vendor = \(quoted(key(v.vendor)))") }
        if mode == .flit, info.kind != .nop, info.kind != .prefix {
            parts.append("ohc_a = \(quoted(OHCKind.a(for: info).rawValue))")
        }
        if info.kind == .prefix { parts.append("prefix = \(quoted(PrefixKind(code: info.code, mode: mode).textName))") }
        if info.isReserved { parts.append("reserved = true") }
        return "{ " + parts.joined(separator: ", ") + " }"
    }

    static func block() -> String {
        var out = [
            DissectorTablesTests.begin
                + " from the Swift tables (TypeInfo.flit, TypeInfo.nonFlit, HeaderLayouts, OHCKind,",
            "-- PrefixKind, MessageCode, CompletionStatus, Routing). Do not edit: regenerate with",
            "--   TLPCHECK_WRITE_DISSECTOR_TABLES=1 swift test --filter DissectorTablesTests",
            "-- Rows: name (TLPType), header DWs, payload, routing, kind, layout (plain, with TH, for a",
            "-- vendor-defined message), the OHC-A word the type uses (flit), the prefix it is.",
            "-- Layout fields: { JSON key, text label, style, { dw, hi, lo }... }, most significant first.",
            "local T = { flit = {}, nonflit = {}, layouts = { flit = {}, nonflit = {} }, ohc = {},",
            "  message_codes = {}, completion_status = {}, routing = {} }",
            "local function R(t, lo, hi, row) for code = lo, hi do t[code] = row end end",
        ]
        for mode in LinkMode.allCases {
            let name = luaName(mode)
            let rows = table(mode).map { row(mode, $0) }
            var start = 0
            while start < rows.count {
                var stop = start
                while stop + 1 < rows.count, rows[stop + 1] == rows[start] { stop += 1 }
                out.append("R(T.\(name), \(hex(start)), \(hex(stop)), \(rows[start]))")
                start = stop + 1
            }
            for layout in layouts(mode) {
                out.append("T.layouts.\(name)[\(quoted(key(layout)))] = \(layoutLua(layout))")
            }
        }
        for kind in OHCKind.allCases {
            out.append("T.ohc[\(quoted(kind.rawValue))] = \(layoutLua(kind.layout))")
        }
        for code in 0...255 {
            if let name = MessageCode.name(UInt8(code)) {
                out.append("T.message_codes[\(hex(code))] = \(quoted(name))")
            }
        }
        for raw in 0...7 {
            out.append("T.completion_status[\(raw)] = \(quoted(CompletionStatus.name(UInt32(raw))))")
        }
        var routings: [Routing] = []
        for mode in LinkMode.allCases {
            for info in table(mode) where !routings.contains(info.routing) { routings.append(info.routing) }
        }
        for routing in routings {
            out.append("T.routing[\(quoted(String(describing: routing)))] = \(quoted(routing.name))")
        }
        out.append(DissectorTablesTests.end)
        return out.joined(separator: "\n")
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
