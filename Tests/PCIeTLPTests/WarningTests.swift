import PCIeTLP
import Testing

/// Spec violations that still decode: each warning fires on the TLP built to trigger it.
@Suite struct WarningTests {
    @Test(arguments: [
        // (mode, words, expected warning)
        (LinkMode.flit, "40020001 01000000 10000000 0000F0A0", "reserved OHC-B HV=10b: PH and ST treated as not valid"),
        (
            .nonFlit, "60000001 0100000F 00000000 10000000",
            "64-bit address format for an address below 4 GB (0000000010000000h)"
        ),
        (
            .flit, "20000001 01000000 00000000 10000000",
            "64-bit address format for an address below 4 GB (0000000010000000h)"
        ),
        (.nonFlit, "44010001 0100000F 01000000", "TH set on CfgWr0, which carries no TPH"),
        (.flit, "02000001 01000000 10000000", "IO request without OHC-A2"),
        (.flit, "04000001 01000000 01000000", "configuration request without OHC-A3"),
        (.nonFlit, "04000002 0100000F 01000000", "Length 2 on CfgRd0 (must be 1)"),
        (.nonFlit, "02100001 0100000F 10000000", "TC 1 on IORd (must be 0)"),
        (.nonFlit, "1C000000 00000000 00000000", "reserved type code 1Ch"),
        (.flit, "5C000000 00000000 00000000 00000000", "reserved type code 5Ch"),
        (.nonFlit, "8D000000 00000001 0100000F 10000000", "flit-mode local prefix on a non-flit TLP"),
        (.nonFlit, "00020001 0100000F 10000000", "reserved bits set in header DW0: 00020000h"),
        (.nonFlit, "0A000000 01000004 02000180", "reserved bits set in header DW2: 00000080h"),
        (.flit, "0A010000 01000012 02000004 00000007", "reserved completion status 7"),
        (
            .flit, "0A020000 01000012 02000004 00001010",
            "OHC-B on Cpl, which is not address-routed (its bits are reserved)"
        ),
        (.nonFlit, "00000001 010000F1 10000000", "Last BE Fh with Length 1 (must be 0)"),
        (.nonFlit, "90000000 80000000 00000001 0100000F 10000000", "local prefix mr-iov after an end-to-end prefix"),
        (
            .nonFlit, "90000000 90000000 90000000 90000000 90000000 00000001 0100000F 10000000",
            "5 end-to-end prefixes (at most 4)"
        ),
        (.nonFlit, "00000C01 0100000F 10000000", "reserved AT=11b"),
    ])
    func warningFires(_ mode: LinkMode, _ words: String, _ warning: String) throws {
        let tlp = try decode(wire(words), mode)
        #expect(tlp.warnings.contains(warning), "\(tlp.warnings)")
    }

    @Test func cleanTLPsHaveNoWarnings() throws {
        #expect(try decode(wire("00000001 0100000F 10000000"), .nonFlit).warnings.isEmpty)
        #expect(try decode(wire("03010001 01000000 10000000 0000000F"), .flit).warnings.isEmpty)
    }

    @Test func headerCutShortNamesTheBytesNeeded() {
        #expect(throws: DecodeError.truncatedForTest("header", needed: 16, available: 8)) {
            try decode(wire("60020008 040000F0"), .flit)
        }
        #expect(throws: DecodeError.truncatedForTest("OHC", needed: 20, available: 16)) {
            try decode(wire("60020008 040000F0 000020E0 06000800"), .flit)
        }
        do {
            _ = try decode(wire("60020008 040000F0"), .flit)
        } catch {
            #expect("\(error)" == "TLP header cut short: need 16 bytes, have 8")
        }
    }
}

extension DecodeError {
    static func truncatedForTest(_ part: String, needed: Int, available: Int) -> DecodeError {
        DecodeError(code: .truncatedHeader, needed: needed, available: available, part: part)
    }
}

/// Warnings are registered values: one table of ids with their severity and summary.
@Suite struct WarningRegistryTests {
    @Test func idsAreUniqueAndDescribed() {
        let ids = TLPWarning.ID.allCases
        #expect(Set(ids.map(\.rawValue)).count == ids.count)
        #expect(ids.allSatisfy { !$0.summary.isEmpty && $0.severity == .warning })
    }

    @Test func eachWarningCarriesItsID() throws {
        let cases: [(LinkMode, [UInt8], TLPWarning.ID)] = [
            (.flit, [0x40, 0x02, 0x00, 0x01, 0x01, 0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0xF0, 0xA0], .reservedHV),
            (.nonFlit, [0x1C, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], .reservedType),
            (.nonFlit, [0x02, 0x10, 0x00, 0x01, 0x01, 0, 0, 0x0F, 0x10, 0, 0, 0], .tcNotZero),
        ]
        for (mode, bytes, id) in cases {
            let tlp = try TLPDecoder.decode(bytes, mode: mode).tlp
            #expect(tlp.diagnostics.map(\.id).contains(id), "\(id)")
            #expect(tlp.warnings == tlp.diagnostics.map(\.message))
        }
    }
}
