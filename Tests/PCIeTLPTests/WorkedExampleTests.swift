import PCIeTLP
import Testing

/// Worked examples from the reference (tlp-formats.md §1.8, §1.10) and spec-built ones.
@Suite struct WorkedExampleTests {
    @Test func configurationReadFromAnAERLog() throws {
        // Header logs always hold 4 DWs; a CfgRd0 header is 3, so the decoder stops at 12 bytes.
        let bytes = wire("04000001 00200a03 05010000 00050100")
        let result = try TLPDecoder.decode(bytes, mode: .nonFlit)
        let tlp = result.tlp
        #expect(result.consumed == 12)
        #expect(tlp.type == .cfgrd0)
        #expect(tlp.requester?.raw == 0x0020)
        #expect(tlp.tag == 0x0A)
        #expect(tlp.firstBE == 0b0011)
        #expect(tlp.lastBE == 0)
        #expect(tlp.target == PCIID(bus: 5, device: 0, function: 1))
        #expect(tlp.registerOffset == 0)
        #expect(tlp.warnings.isEmpty)
    }

    @Test func configurationReadIsAlsoCfgRd0InFlitMode() throws {
        let tlp = try decode(wire("04000001 00200a03 05010000"), .flit)
        #expect(tlp.type == .cfgrd0)
        #expect(tlp.warnings == ["configuration request without OHC-A3"])
    }

    @Test func type03IsMRd32InFlitModeAndReservedInNonFlit() throws {
        #expect(try decode(wire("03000001 01000000 10000000"), .flit).type == .mrd32)
        let nonFlit = try decode(wire("03000001 01000000 10000000"), .nonFlit)
        #expect(nonFlit.type == .reserved)
        #expect(nonFlit.warnings.contains("reserved type code 03h"))
    }

    @Test func latencyToleranceReportingMessage() throws {
        let tlp = try decode(wire("34000000 70000010 00000000 00000000"), .nonFlit)
        #expect(tlp.type == .msg)
        #expect(tlp.info.routing == .local)
        #expect(tlp.msgCode == 0x10)
        #expect(MessageCode.name(0x10) == "LTR")
        #expect(tlp.requester == PCIID(bus: 0x70, device: 0, function: 0))
        #expect(AnalyzerText.lines(tlp)[1] == "70000010 -> RID=70h:0h.0h Tag=0h Code=10h(LTR)")
    }

    @Test func nonFlitMWr64WithTPHCarriesSTInTheTagByte() throws {
        // 60 01 00 02: MWr64, TH=1, Length 2; byte 6 = ST F0h; PH=2 in the last address DW.
        let tlp = try decode(wire("60010002 0400F0FF 000020E0 06000802"), .nonFlit)
        #expect(tlp.type == .mwr64)
        #expect(tlp.tph == TPH(st: 0xF0, width: 8, ph: 2))
        #expect(tlp.tag == nil)
        #expect(tlp.address == 0x0000_20E0_0600_0800)
        #expect(tlp.firstBE == 0xF)
        #expect(tlp.lastBE == 0xF)
        #expect(tlp.isTruncated)
        #expect(
            AnalyzerText.lines(tlp) == [
                "60010002 -> STP MWr64 TC=0 TH=1 TD=0 EP=0 Attr=0 AT=0 L=2",
                "0400F0FF -> RID=4h:0h.0h ST=F0h LastBE=Fh FirstBE=Fh",
                "000020E0 -> AddrH=000020E0h",
                "06000802 -> AddrL=06000800h PH=2",
            ])
        let json = try jsonObject(tlp)
        #expect(json["tag"] == nil)
        #expect(json["st"] as? Int == 0xF0)
    }

    @Test func nonFlitMRd32WithTPHCarriesSTInTheByteEnables() throws {
        let tlp = try decode(wire("00010001 04000A5C 10000003"), .nonFlit)
        #expect(tlp.tph == TPH(st: 0x5C, width: 8, ph: 3))
        #expect(tlp.tag == 0x0A)
        #expect(tlp.firstBE == nil)
        #expect(tlp.address == 0x1000_0000)
    }

    @Test func tphPrefixWidensTheSteeringTagTo16Bits() throws {
        let tlp = try decode(wire("90010000 40010001 0400F000 10000001 DEADBEEF"), .nonFlit)
        #expect(tlp.prefixKinds == [.tph])
        #expect(tlp.tph == TPH(st: 0x01F0, width: 16, ph: 1))
        #expect(!tlp.isTruncated)
        #expect(AnalyzerText.lines(tlp)[0] == "90010000 -> STP EPrfx TPH ST[15:8]=1h AMA=0 AV-")
    }

    @Test func flitHV11GivesA16BitSteeringTag() throws {
        let tlp = try decode(wire("40020001 01000000 10000000 0001F0B0"), .flit)
        #expect(tlp.tph == TPH(st: 0x01F0, width: 16, ph: 2))
    }

    @Test func reservedHVIsAWarningAndNoTPH() throws {
        let tlp = try decode(wire("40020001 01000000 10000000 0000F0A0"), .flit)
        #expect(tlp.tph == nil)
        #expect(tlp.warnings.contains("reserved OHC-B HV=10b: PH and ST treated as not valid"))
    }

    @Test func flitCompletionTakesStatusAndLowLowerAddressFromOHCA5() throws {
        // Cpl with OHC-A5: LA[6]=1 (DW1 bit 14), LA[5:2]=0101b, LA[1:0]=10b, status UR.
        let tlp = try decode(wire("0A010000 01004012 0200500C 00000011"), .flit)
        #expect(tlp.type == .cpl)
        #expect(tlp.completer == PCIID(bus: 1, device: 0, function: 0))
        #expect(tlp.requester == PCIID(bus: 2, device: 0, function: 0))
        #expect(tlp.tag == 0x12)
        #expect(tlp.ep == false)
        #expect(tlp.byteCount == 0x00C)
        #expect(tlp.lowerAddress == 0b101_0110)
        #expect(tlp.completionStatus == 1)
        let json = try jsonObject(tlp)
        #expect(json["status"] as? String == "UR")
        #expect(json["lower_address"] as? Int == 0x56)
        let prefixes = json["prefixes"] as? [[String: Any]]
        #expect(prefixes?.first?["kind"] as? String == "ohc-a5")
    }

    @Test func flitCompletionWithoutOHCA5IsSuccessful() throws {
        let tlp = try decode(wire("4A000001 01000012 02000004 AABBCCDD"), .flit)
        #expect(tlp.type == .cpld)
        #expect(tlp.completionStatus == 0)
        #expect(tlp.lowerAddress == 0)
        #expect(!tlp.isTruncated)
    }

    @Test func nonFlitCompletionFields() throws {
        let tlp = try decode(wire("4A000001 01002004 0200AB44 11223344"), .nonFlit)
        #expect(tlp.type == .cpld)
        #expect(tlp.completionStatus == 1)
        #expect(tlp.byteCount == 4)
        #expect(tlp.tag == 0xAB)
        #expect(tlp.lowerAddress == 0x44)
        #expect(tlp.payload == [0x11, 0x22, 0x33, 0x44])
    }

    @Test func nonFlitTenBitTagsUseT9AndT8() throws {
        let tlp = try decode(wire("00880001 0100FF0F 10000000"), .nonFlit)
        #expect(tlp.tag == 0x3FF)
    }

    @Test func flitOHCEEntriesAreCountedOneTwoOrFour() throws {
        // OHC[4:3]=10b: two OHC-E DWs; OHC[4:3]=11b: four.
        #expect(OHCKind.count(dw0: 0b10000 << 16) == 2)
        #expect(OHCKind.count(dw0: 0b11000 << 16) == 4)
        #expect(OHCKind.count(dw0: 0b11111 << 16) == 7)
        let tlp = try decode(wire("03100001 01000000 10000000 1E123456 00000000"), .flit)
        #expect(tlp.ohcKinds == [.e, .e])
        #expect(AnalyzerText.lines(tlp)[3] == "1E123456 -> OHC-E Fmt=1 E=Eh Data=123456h")
    }

    @Test func flitTrailerIsSizedByTS() throws {
        // MWr32 with TS=001b: one ECRC DW after the payload.
        let tlp = try decode(wire("40002001 01000000 10000000 CAFEF00D 12345678"), .flit)
        #expect(tlp.trailer == [0x12, 0x34, 0x56, 0x78])
        #expect(AnalyzerText.lines(tlp).last == "12345678 -> ECRC")
    }

    @Test func nonFlitDigestFollowsThePayloadWhenTDIsSet() throws {
        let tlp = try decode(wire("40008001 01000000 10000000 CAFEF00D 12345678"), .nonFlit)
        #expect(tlp.payload == [0xCA, 0xFE, 0xF0, 0x0D])
        #expect(tlp.trailer == [0x12, 0x34, 0x56, 0x78])
        #expect(!tlp.isTruncated)
    }

    @Test func flitLocalPrefixComesBeforeTheHeader() throws {
        let tlp = try decode(wire("8D010000 03000001 01000000 10000000"), .flit)
        #expect(tlp.prefixKinds == [.flitLocal])
        #expect(tlp.type == .mrd32)
        #expect(AnalyzerText.lines(tlp)[0] == "8D010000 -> STP LPrfx FlitLocal DC+")
    }

    @Test func nopIsOneDW() throws {
        let result = try TLPDecoder.decode(wire("00000000 03000001"), mode: .flit)
        #expect(result.tlp.type == .nop)
        #expect(result.consumed == 4)
    }

    @Test func pasidPrefixFields() throws {
        let tlp = try decode(wire("91312345 00000001 01000000 10000000"), .nonFlit)
        #expect(tlp.prefixKinds == [.pasid])
        #expect(AnalyzerText.lines(tlp)[0] == "91312345 -> STP EPrfx PASID PMR+ ER+ PASID=12345h")
    }
}
