import PCIeTLP

/// Builds random, valid TLPs of both modes through the public building API and remembers what
/// it set, so tests can compare the decoded fields with the intended ones.
struct RandomTLP {
    var tlp: TLP
    var address: UInt64?
    var requester: UInt16?
    var tag: UInt16?
    var tph: TPH?

    static let flitTypes: [TLPType] = [
        .mrd32, .mrd64, .mrdlk32, .mrdlk64, .mwr32, .mwr64, .iord, .iowr, .cfgrd0, .cfgrd1, .cfgwr0, .cfgwr1,
        .cpl, .cpld, .cpllk, .cpldlk, .msg, .msgd, .fetchAdd32, .fetchAdd64, .swap32, .swap64, .cas32, .cas64,
        .dmwr32, .dmwr64, .nop, .uioMRd, .uioMWr, .uioRdCpl, .uioRdCplD, .uioWrCpl,
    ]
    static let nonFlitTypes: [TLPType] = flitTypes.filter {
        ![.nop, .uioMRd, .uioMWr, .uioRdCpl, .uioRdCplD, .uioWrCpl].contains($0)
    }

    static func make(_ mode: LinkMode, using rng: inout SplitMix) -> RandomTLP {
        let types = mode == .flit ? flitTypes : nonFlitTypes
        let type = types.randomElement(using: &rng) ?? .mwr64
        let routing = UInt8.random(in: 0...5, using: &rng)
        guard var tlp = TLP(mode: mode, type: type, routing: routing) else { fatalError("no \(type) in \(mode)") }
        var out = RandomTLP(tlp: tlp)
        let info = tlp.info
        guard info.kind != .nop else { return out }
        let oneDW = info.kind == .io || info.kind == .configuration
        tlp.set(.tc, oneDW ? 0 : UInt32.random(in: 0...7, using: &rng))
        tlp.set(.attr, oneDW ? 0 : UInt32.random(in: 0...7, using: &rng))
        let length = oneDW ? 1 : UInt32.random(in: 0...12, using: &rng)
        tlp.set(.length, length)
        if let field = tlp.layout[.requester] {
            out.requester = UInt16.random(in: 0...UInt16.max, using: &rng)
            tlp.set(field.role, UInt32(out.requester ?? 0))
        }
        tlp.set(.completer, UInt32.random(in: 0...0xFFFF, using: &rng))
        tlp.set(.ep, UInt32.random(in: 0...1, using: &rng))
        if info.kind.isMemoryRequest || info.kind == .io {
            let wide = info.routing == .address64
            let address =
                wide
                ? UInt64.random(in: 1 << 32...UInt64.max, using: &rng) & ~3
                : UInt64(UInt32.random(in: 0...UInt32.max, using: &rng) & ~3)
            tlp.setAddress(address)
            out.address = address
        }
        if info.kind == .configuration {
            tlp.set(.target, UInt32.random(in: 0...0xFFFF, using: &rng))
            tlp.set(.register, UInt32.random(in: 0...0x3FF, using: &rng))
        }
        if info.kind == .message {
            tlp.set(.msgCode, UInt32([0x10, 0x18, 0x20, 0x30, 0x50, 0x7E, 0x7F].randomElement(using: &rng) ?? 0))
            let address = UInt64.random(in: 1 << 32...UInt64.max, using: &rng) & ~3
            tlp.setAddress(address)
            if tlp.layout[.addressLow] != nil { out.address = address }
            tlp.set(.target, UInt32.random(in: 0...0xFFFF, using: &rng))
        }
        if info.kind == .completion || info.kind == .uioCompletion {
            tlp.set(.byteCount, UInt32.random(in: 0...0xFFF, using: &rng))
            tlp.setLowerAddress(UInt8.random(in: 0...0x7F, using: &rng))
            tlp.setCompletionStatus([0, 1, 2, 4].randomElement(using: &rng) ?? 0)
        }
        if info.kind.isMemoryRequest, Bool.random(using: &rng) {
            let width = mode == .flit || Bool.random(using: &rng) ? (Bool.random(using: &rng) ? 8 : 16) : 8
            let tph = TPH(
                st: UInt16.random(in: 0...UInt16.max, using: &rng), width: width,
                ph: UInt8.random(in: 0...3, using: &rng))
            tlp.setTPH(tph)
            out.tph = tph
        }
        if tlp.layout[.tag] != nil {
            let bits: UInt32 = mode == .flit ? 0x3FFF : 0x3FF
            out.tag = UInt16(UInt32.random(in: 0...bits, using: &rng))
            tlp.set(.tag, UInt32(out.tag ?? 0))
        }
        if tlp.layout[.firstBE] != nil || mode == .flit {
            let first = UInt8.random(in: 1...15, using: &rng)
            tlp.setByteEnables(first: first, last: length == 1 ? 0 : UInt8.random(in: 1...15, using: &rng))
        }
        if mode == .flit {
            if Bool.random(using: &rng) { tlp.setOHC(.c, UInt32.random(in: 0...UInt32.max, using: &rng) & 0xFFFF_FF7B) }
            let eCount = [0, 1, 2, 4].randomElement(using: &rng) ?? 0
            tlp.setOHCE((0..<eCount).map { _ in 0x1300_0000 | UInt32.random(in: 0...0xFF_FFFF, using: &rng) })
            tlp.set(.ts, [0, 1, 5, 6].randomElement(using: &rng) ?? 0)
            if Bool.random(using: &rng) { tlp.prefixes = [0x8D01_0000] }
        } else {
            tlp.set(.td, UInt32.random(in: 0...1, using: &rng))
            if Bool.random(using: &rng), tlp.prefix(.pasid) == nil {
                tlp.prefixes.append(0x9100_0000 | UInt32.random(in: 0...0x3F_FFFF, using: &rng))
            }
        }
        tlp.payload = (0..<4 * tlp.declaredPayloadDWs).map { _ in UInt8.random(in: 0...255, using: &rng) }
        tlp.trailer = (0..<4 * tlp.declaredTrailerDWs).map { _ in UInt8.random(in: 0...255, using: &rng) }
        out.tlp = tlp
        return out
    }
}
