/// Non-flit Fmt/Type table (PCIe Table 2-3), keyed by header byte 0 = Fmt << 5 | Type.
extension TypeInfo {
    /// Indexed by header byte 0.
    public static let nonFlit: [TypeInfo] = (0...255).map { nonFlitRow(UInt8($0)) }

    private static func nonFlitRow(_ byte0: UInt8) -> TypeInfo {
        let fmt = byte0 >> 5
        let fourDW = fmt & 1 == 1
        func row(_ type: TLPType, _ routing: Routing) -> TypeInfo {
            TypeInfo(
                code: byte0, type: type, headerDWs: fourDW ? 4 : 3, hasData: fmt & 2 != 0,
                routing: routing, isReserved: false)
        }
        switch byte0 {
        case 0x00: return row(.mrd32, .address32)
        case 0x20: return row(.mrd64, .address64)
        case 0x01: return row(.mrdlk32, .address32)
        case 0x21: return row(.mrdlk64, .address64)
        case 0x40: return row(.mwr32, .address32)
        case 0x60: return row(.mwr64, .address64)
        case 0x02: return row(.iord, .address32)
        case 0x42: return row(.iowr, .address32)
        case 0x04: return row(.cfgrd0, .id)
        case 0x44: return row(.cfgwr0, .id)
        case 0x05: return row(.cfgrd1, .id)
        case 0x45: return row(.cfgwr1, .id)
        case 0x5B: return row(.dmwr32, .address32)
        case 0x7B: return row(.dmwr64, .address64)
        case 0x30...0x37: return row(.msg, .message(byte0))
        case 0x70...0x77: return row(.msgd, .message(byte0))
        case 0x0A: return row(.cpl, .id)
        case 0x4A: return row(.cpld, .id)
        case 0x0B: return row(.cpllk, .id)
        case 0x4B: return row(.cpldlk, .id)
        case 0x4C: return row(.fetchAdd32, .address32)
        case 0x6C: return row(.fetchAdd64, .address64)
        case 0x4D: return row(.swap32, .address32)
        case 0x6D: return row(.swap64, .address64)
        case 0x4E: return row(.cas32, .address32)
        case 0x6E: return row(.cas64, .address64)
        case 0x80...0x8F:
            return TypeInfo(
                code: byte0, type: .localPrefix, headerDWs: 1, hasData: false, routing: .localTLP,
                isReserved: PrefixKind(code: byte0, mode: .nonFlit).isReserved)
        case 0x90...0x9F:
            return TypeInfo(
                code: byte0, type: .endToEndPrefix, headerDWs: 1, hasData: false, routing: .none,
                isReserved: PrefixKind(code: byte0, mode: .nonFlit).isReserved)
        default:
            // Reserved Fmt/Type: size and payload follow Fmt (Fmt 101..111 are reserved too).
            return TypeInfo(
                code: byte0, type: .reserved, headerDWs: fourDW ? 4 : 3, hasData: fmt & 2 != 0,
                routing: .none, isReserved: true)
        }
    }
}
