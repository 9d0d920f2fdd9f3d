import PCIeTLP
import Testing

/// Every row of both type tables, checked against the spec tables as transcribed in the
/// reference (tlp-formats.md §1.2 and §2.4), written out here independently of the sources.
@Suite struct TypeTableTests {
    /// Flit Type[7:0] → (mnemonic, header base DWs, payload).
    static let flitDefined: [UInt8: (String, Int, Bool)] = [
        0x00: ("NOP", 1, false), 0x01: ("MRdLk32", 3, false), 0x02: ("IORd", 3, false), 0x03: ("MRd32", 3, false),
        0x04: ("CfgRd0", 3, false), 0x05: ("CfgRd1", 3, false), 0x0A: ("Cpl", 3, false), 0x0B: ("CplLk", 3, false),
        0x0C: ("UIOWrCpl", 3, false), 0x0D: ("UIORdCpl", 3, false), 0x20: ("MRd64", 4, false),
        0x21: ("MRdLk64", 4, false), 0x22: ("UIOMRd", 4, false), 0x30: ("Msg", 4, false), 0x31: ("Msg", 4, false),
        0x32: ("Msg", 4, false), 0x33: ("Msg", 4, false), 0x34: ("Msg", 4, false), 0x35: ("Msg", 4, false),
        0x36: ("Msg", 4, false), 0x37: ("Msg", 4, false), 0x40: ("MWr32", 3, true), 0x42: ("IOWr", 3, true),
        0x44: ("CfgWr0", 3, true), 0x45: ("CfgWr1", 3, true), 0x48: ("UIORdCplD", 3, true), 0x4A: ("CplD", 3, true),
        0x4B: ("CplDLk", 3, true), 0x4C: ("FetchAdd32", 3, true), 0x4D: ("Swap32", 3, true), 0x4E: ("CAS32", 3, true),
        0x5B: ("DMWr32", 3, true), 0x60: ("MWr64", 4, true), 0x61: ("UIOMWr", 4, true), 0x6C: ("FetchAdd64", 4, true),
        0x6D: ("Swap64", 4, true), 0x6E: ("CAS64", 4, true), 0x70: ("MsgD", 4, true), 0x71: ("MsgD", 4, true),
        0x72: ("MsgD", 4, true), 0x73: ("MsgD", 4, true), 0x74: ("MsgD", 4, true), 0x75: ("MsgD", 4, true),
        0x76: ("MsgD", 4, true), 0x77: ("MsgD", 4, true), 0x7B: ("DMWr64", 4, true), 0x8D: ("LPrfx", 1, false),
        0x8E: ("LPrfx", 1, false), 0x8F: ("LPrfx", 1, false),
    ]

    /// Reserved flit rows: (first, last, header base DWs, payload).
    static let flitReserved: [(UInt8, UInt8, Int, Bool)] = [
        (0x06, 0x07, 4, true), (0x08, 0x09, 3, false), (0x0E, 0x0F, 3, false), (0x10, 0x15, 5, true),
        (0x16, 0x17, 7, true), (0x18, 0x19, 7, false), (0x1A, 0x1B, 7, true), (0x1C, 0x1D, 3, false),
        (0x1E, 0x1F, 6, false), (0x23, 0x27, 4, false), (0x28, 0x2B, 4, false), (0x2C, 0x2D, 4, false),
        (0x2E, 0x2F, 5, false), (0x38, 0x3B, 4, false), (0x3C, 0x3D, 4, false), (0x3E, 0x3F, 5, false),
        (0x41, 0x41, 6, true), (0x43, 0x43, 6, true), (0x46, 0x47, 3, true), (0x49, 0x49, 3, true),
        (0x4F, 0x4F, 4, false), (0x50, 0x55, 6, true), (0x56, 0x57, 7, true), (0x58, 0x59, 3, true),
        (0x5A, 0x5A, 4, true), (0x5C, 0x5D, 4, true), (0x5E, 0x5F, 5, true), (0x62, 0x6B, 4, true),
        (0x6F, 0x6F, 4, true), (0x78, 0x7A, 4, true), (0x7C, 0x7F, 4, true), (0x80, 0x8C, 1, false),
        (0x90, 0x93, 4, false), (0x94, 0x97, 5, false), (0x98, 0x9B, 6, false), (0x9C, 0x9F, 7, false),
        (0xA0, 0xA7, 5, false), (0xA8, 0xA9, 6, false), (0xAA, 0xAB, 7, false), (0xAC, 0xAD, 5, false),
        (0xAE, 0xAF, 6, false), (0xB0, 0xBF, 5, true), (0xC0, 0xC7, 6, false), (0xC8, 0xC9, 7, false),
        (0xCA, 0xCB, 5, true), (0xCC, 0xCD, 6, true), (0xCE, 0xCF, 7, true), (0xD0, 0xDF, 6, true),
        (0xE0, 0xE1, 4, false), (0xE2, 0xE3, 6, false), (0xE4, 0xE5, 4, true), (0xE6, 0xE7, 6, true),
        (0xE8, 0xEF, 7, false), (0xF0, 0xF1, 4, true), (0xF2, 0xF3, 5, true), (0xF4, 0xF5, 6, true),
        (0xF6, 0xF7, 7, true), (0xF8, 0xFF, 7, true),
    ]

    /// Non-flit byte 0 (Fmt << 5 | Type) → mnemonic.
    static let nonFlitDefined: [UInt8: String] = {
        var table: [UInt8: String] = [
            0x00: "MRd32", 0x20: "MRd64", 0x01: "MRdLk32", 0x21: "MRdLk64", 0x40: "MWr32", 0x60: "MWr64",
            0x02: "IORd", 0x42: "IOWr", 0x04: "CfgRd0", 0x44: "CfgWr0", 0x05: "CfgRd1", 0x45: "CfgWr1",
            0x5B: "DMWr32", 0x7B: "DMWr64", 0x0A: "Cpl", 0x4A: "CplD", 0x0B: "CplLk", 0x4B: "CplDLk",
            0x4C: "FetchAdd32", 0x6C: "FetchAdd64", 0x4D: "Swap32", 0x6D: "Swap64", 0x4E: "CAS32", 0x6E: "CAS64",
        ]
        for r in UInt8(0)...7 {
            table[0x30 | r] = "Msg"
            table[0x70 | r] = "MsgD"
        }
        for code in UInt8(0x80)...0x8F { table[code] = "LPrfx" }
        for code in UInt8(0x90)...0x9F { table[code] = "EPrfx" }
        return table
    }()

    @Test(arguments: 0...255)
    func flitRow(_ code: Int) throws {
        let info = TypeInfo.flit[code]
        #expect(Int(info.code) == code)
        if let (name, hb, data) = Self.flitDefined[UInt8(code)] {
            #expect(info.type.rawValue == name)
            #expect(info.headerDWs == hb)
            #expect(info.hasData == data)
            #expect(!info.isReserved)
        } else {
            let row = try #require(Self.flitReserved.first { UInt8(code) >= $0.0 && UInt8(code) <= $0.1 })
            #expect(info.isReserved)
            #expect(info.headerDWs == row.2)
            #expect(info.hasData == row.3)
            #expect(info.type == (row.2 == 1 ? .localPrefix : .reserved))
        }
    }

    @Test(arguments: 0...255)
    func nonFlitRow(_ code: Int) {
        let info = TypeInfo.nonFlit[code]
        let fmt = code >> 5
        let expectedName = Self.nonFlitDefined[UInt8(code)] ?? "Reserved"
        #expect(info.type.rawValue == expectedName)
        if fmt == 0b100 {
            #expect(info.headerDWs == 1)
        } else {
            #expect(info.headerDWs == (fmt & 1 == 1 ? 4 : 3))
            #expect(info.hasData == (fmt & 2 == 2))
        }
    }

    @Test(arguments: [(LinkMode.flit, 0...255), (LinkMode.nonFlit, 0...255)])
    func everyTypeDecodesToItsMnemonicAndHeaderSize(_ mode: LinkMode, _ codes: ClosedRange<Int>) throws {
        for code in codes {
            let info = TypeInfo.table(mode)[code]
            guard info.kind != .prefix else { continue }
            let bytes = [UInt8(code)] + [UInt8](repeating: 0, count: 4 * info.headerDWs - 1)
            let result = try TLPDecoder.decode(bytes, mode: mode)
            #expect(result.tlp.type == info.type)
            #expect(result.tlp.header.count == info.headerDWs)
            #expect(result.consumed == bytes.count || info.hasData == false || result.tlp.isTruncated)
        }
    }

    @Test func flitTypeByteEqualsNonFlitByte0ForTheSameTransaction() {
        // Rule of thumb from the spec tables: apart from NOP/MRd32 and prefixes, codes agree.
        for code in 0...255 where TypeInfo.flit[code].type != .reserved {
            let flit = TypeInfo.flit[code].type
            guard
                [.nop, .mrd32, .localPrefix, .uioMRd, .uioMWr, .uioRdCpl, .uioRdCplD, .uioWrCpl].contains(flit) == false
            else { continue }
            #expect(TypeInfo.nonFlit[code].type == flit, "code \(code)")
        }
        #expect(TypeInfo.nonFlit[0x00].type == .mrd32)
        #expect(TypeInfo.flit[0x03].type == .mrd32)
    }
}
