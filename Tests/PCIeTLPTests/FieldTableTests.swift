import Testing

@testable import PCIeTLP

/// The field tables replace BUILD_BUG_ON: masks are non-empty, fields of a layout never
/// overlap, and get/set are inverses.
@Suite struct FieldTableTests {
    static let layouts: [Layout] = {
        var all: [Layout] = OHCKind.allCases.map(\.layout)
        for mode in LinkMode.allCases {
            for code in 0...255 {
                let info = TypeInfo.table(mode)[code]
                for th in [false, true] {
                    for msg: UInt8 in [0x10, 0x7E] {
                        all.append(HeaderLayouts.layout(mode: mode, info: info, th: th, msgCode: msg))
                    }
                }
            }
        }
        return Array(Set(all))
    }()

    /// The JSON kind of an OHC word is its text name in lower case.
    @Test func ohcJSONKindsAreTheLowerCaseNames() {
        for kind in OHCKind.allCases { #expect(kind.jsonKind == kind.rawValue.lowercased()) }
    }

    /// OHC kinds are listed without an array: every presence combination gives the kinds in
    /// wire order (A, B, C, then the OHC-E words), and each kind survives its packing.
    @Test func ohcKindListsMatchThePresenceBits() {
        for (index, kind) in OHCKind.allCases.enumerated() {
            #expect(kind.ordinal == index)
            #expect(OHCKind(code: UInt32(index)) == kind)
        }
        let info = TypeInfo.row(.flit, 0x60)
        for bits in UInt32(0)..<32 {
            // OHC[4:0] in DW0[20:16]: A, B, C presence in bits 0..2, the OHC-E size code in 4:3.
            let dw0 = 0x6000_0000 | bits << 16
            var expected: [OHCKind] = []
            if bits & 1 != 0 { expected.append(.a1) }
            if bits & 2 != 0 { expected.append(.b) }
            if bits & 4 != 0 { expected.append(.c) }
            expected += repeatElement(OHCKind.e, count: [0, 1, 2, 4][Int(bits >> 3)])
            let kinds = OHCKind.sequence(dw0: dw0, info: info)
            #expect(Array(kinds) == expected, "OHC bits \(bits)")
        }
    }

    /// The role lookup gives the first field that plays a role, or nil.
    @Test func roleLookupFindsTheFirstFieldOfTheRole() {
        for layout in Self.layouts {
            for role in FieldRole.allCases {
                #expect(layout[role] == layout.fields.first { $0.role == role }, "\(layout.name) \(role)")
            }
        }
    }

    @Test func fieldsOfALayoutDoNotOverlap() {
        for layout in Self.layouts {
            for dw in 0..<layout.dwCount {
                var seen: UInt32 = 0
                for field in layout.fields {
                    let mask = field.mask(inDW: dw)
                    #expect(seen & mask == 0, "\(layout.name) DW\(dw) \(field.label) overlaps")
                    seen |= mask
                }
            }
        }
    }

    @Test func rolesAreUniqueWithinALayout() {
        for layout in Self.layouts {
            let roles = layout.fields.map(\.role)
            #expect(Set(roles).count == roles.count, "\(layout.name)")
        }
    }

    @Test func setThenGetGivesTheValueBack() {
        var rng = SplitMix(seed: 7)
        for layout in Self.layouts {
            for field in layout.fields {
                for _ in 0..<8 {
                    var words = (0..<layout.dwCount).map { _ in UInt32.random(in: 0...UInt32.max, using: &rng) }
                    let before = words
                    let value = UInt32.random(in: 0...field.maxValue, using: &rng)
                    field.set(value, in: &words)
                    #expect(field.get(words) == value)
                    // Only the field's own bits changed.
                    for dw in 0..<layout.dwCount {
                        #expect((words[dw] ^ before[dw]) & ~field.mask(inDW: dw) == 0)
                    }
                }
            }
        }
    }

    @Test func flitDW0MatchesTheSpecBitPositions() {
        // 60 02 00 08: Type 60h, TC 0, OHC 00010b, TS 0, Attr 0, Length 8.
        let dw0: [UInt32] = [0x6002_0008]
        #expect(FlitFields.type.get(dw0) == 0x60)
        #expect(FlitFields.ohc.get(dw0) == 2)
        #expect(FlitFields.length.get(dw0) == 8)
        let all: [UInt32] = [0xFFFF_FFFF]
        #expect(FlitFields.tc.get(all) == 7 && FlitFields.ohc.get(all) == 31 && FlitFields.ts.get(all) == 7)
        #expect(FlitFields.attr.get(all) == 7 && FlitFields.length.get(all) == 1023)
    }

    @Test func nonFlitSplitFieldsJoinInOrder() {
        // T9 (bit 23) is Tag[9], T8 (bit 19) is Tag[8]; Attr[2] (bit 18) above Attr[1:0] (13:12).
        var words: [UInt32] = [0, 0]
        NonFlitFields.tag.set(0x2AB, in: &words)
        #expect(words == [0x0080_0000, 0x0000_AB00])
        NonFlitFields.attr.set(0b101, in: &words)
        #expect(words[0] == 0x0084_1000)
    }
}
