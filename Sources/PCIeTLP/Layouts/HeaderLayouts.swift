/// Header layouts per mode and TLP kind, built once from the field constants.
public enum HeaderLayouts {
    /// The layout of the header (base) that `info` announces. Non-flit memory requests depend
    /// on TH (ST overlays the Tag or the byte enables); messages on their routing and code.
    /// The layout of a header whose first two DWs are `dw0` and `dw1`: beyond the type, the
    /// non-flit TH bit (DW0) and a message's code (the low byte of DW1) choose it.
    @inline(__always)
    public static func layout(mode: LinkMode, info: TypeInfo, dw0: UInt32, dw1: UInt32) -> Layout {
        let th = mode == .nonFlit && NonFlitFields.th.get(word: dw0) != 0
        let code = info.kind == .message ? UInt8(truncatingIfNeeded: dw1) : 0
        return layout(mode: mode, info: info, th: th, msgCode: code)
    }

    public static func layout(mode: LinkMode, info: TypeInfo, th: Bool = false, msgCode: UInt8 = 0) -> Layout {
        switch mode {
        case .flit: flit(info, msgCode: msgCode)
        case .nonFlit: nonFlit(info, th: th, msgCode: msgCode)
        }
    }

    // MARK: flit

    private typealias FF = FlitFields
    private static let flitRequestDW1 = [FF.requester, FF.ep, FF.tag]
    static let flitNOP = Layout("NOP", dwCount: 1, [FF.type])
    static let flitMemory32 = Layout("mem32", dwCount: 3, FF.dw0 + flitRequestDW1 + [FF.address32, FF.at32])
    static let flitMemory64 = Layout(
        "mem64", dwCount: 4, FF.dw0 + flitRequestDW1 + [FF.addressHigh, FF.addressLow64, FF.at64])
    static let flitIO = Layout("io", dwCount: 3, FF.dw0 + flitRequestDW1 + [FF.address32])
    static let flitConfig = Layout("cfg", dwCount: 3, FF.dw0 + flitRequestDW1 + [FF.target, FF.register])
    static let flitCompletion = Layout(
        "cpl", dwCount: 3,
        FF.dw0 + [FF.completer, FF.ep, FF.tag, FF.completionRequester, FF.lowerAddress, FF.byteCount])
    private static let flitMessageDW1 = FF.dw0 + [FF.requester, FF.ep, FF.messageSpecific, FF.msgCode]
    private static let flitMessages = messageVariants(flitMessageDW1, addressAT: FF.at64)
    private static let flitRaw: [Layout] = (1...7).map {
        Layout("raw", dwCount: $0, FF.dw0 + Layout.rawWords(from: 1, to: $0))
    }
    private static let flitPrefix = PrefixKind.flitLocal.layout
    private static let flitOpaquePrefix = PrefixKind.vendorLocal0.layout

    private static func flit(_ info: TypeInfo, msgCode: UInt8) -> Layout {
        switch info.kind {
        case .nop: return flitNOP
        case .memoryRead, .memoryWrite, .atomic, .deferrableWrite:
            return info.routing == .address64 ? flitMemory64 : flitMemory32
        case .io: return flitIO
        case .configuration: return flitConfig
        case .completion: return flitCompletion
        case .message: return message(flitMessages, info.routing, msgCode)
        case .prefix: return info.code == 0x8D ? flitPrefix : flitOpaquePrefix
        case .uioCompletion, .reserved:
            if info.routing == .localTLP && info.headerDWs == 1 { return flitOpaquePrefix }
            return flitRaw[max(0, min(info.headerDWs, 7) - 1)]
        }
    }

    // MARK: non-flit

    private typealias NF = NonFlitFields
    private static let requestDW1 = [NF.requester, NF.tag, NF.lastBE, NF.firstBE]
    private static let stInTagDW1 = [NF.requester, NF.stInTag, NF.lastBE, NF.firstBE]
    private static let stInBEDW1 = [NF.requester, NF.tag, NF.stInByteEnables]
    private static let address32 = [NF.address32]
    private static let address64 = [NF.addressHigh, NF.addressLow64]

    /// Memory requests by [address64][th][st in byte enables].
    private static let nfmMemory: [[Layout]] = [false, true].map { wide in
        let address = wide ? address64 : address32
        let ph = wide ? NF.ph64 : NF.ph32
        let count = wide ? 4 : 3
        return [
            Layout("mem", dwCount: count, NF.dw0 + requestDW1 + address),
            Layout("mem-th-write", dwCount: count, NF.dw0 + stInTagDW1 + address + [ph]),
            Layout("mem-th-read", dwCount: count, NF.dw0 + stInBEDW1 + address + [ph]),
        ]
    }
    static let nfmIO = Layout("io", dwCount: 3, NF.dw0 + requestDW1 + address32)
    static let nfmConfig = Layout("cfg", dwCount: 3, NF.dw0 + requestDW1 + [NF.target, NF.register])
    static let nfmCompletion = Layout(
        "cpl", dwCount: 3,
        NF.dw0 + [
            NF.completer, NF.status, NF.bcm, NF.byteCount, NF.completionRequester, NF.completionTag,
            NF.lowerAddress,
        ])
    private static let nfmMessages = messageVariants(
        NF.dw0 + [NF.requester, NF.tag, NF.msgCode], addressAT: nil)
    private static let nfmRaw3 = Layout("raw", dwCount: 3, NF.dw0 + Layout.rawWords(from: 1, to: 3))
    private static let nfmRaw4 = Layout("raw", dwCount: 4, NF.dw0 + Layout.rawWords(from: 1, to: 4))

    private static func nonFlit(_ info: TypeInfo, th: Bool, msgCode: UInt8) -> Layout {
        switch info.kind {
        case .memoryRead, .memoryWrite, .atomic, .deferrableWrite:
            let variant = !th ? 0 : info.kind == .memoryWrite ? 1 : 2
            return nfmMemory[info.routing == .address64 ? 1 : 0][variant]
        case .io: return nfmIO
        case .configuration: return nfmConfig
        case .completion: return nfmCompletion
        case .message: return message(nfmMessages, info.routing, msgCode)
        case .prefix: return PrefixKind(code: info.code, mode: .nonFlit).layout
        case .nop, .uioCompletion, .reserved: return info.headerDWs == 4 ? nfmRaw4 : nfmRaw3
        }
    }

    // MARK: messages (bytes 8..15 depend on routing and on whether it is a vendor-defined message)

    private struct MessageVariants: Sendable {
        let address, byID, byIDVendor, other, otherVendor: Layout
    }

    private static func messageVariants(_ head: [Field], addressAT: Field?) -> MessageVariants {
        typealias MF = MessageFields
        let address = head + [FF.addressHigh, FF.addressLow64] + (addressAT.map { [$0] } ?? [])
        return MessageVariants(
            address: Layout("msg-addr", dwCount: 4, address),
            byID: Layout("msg-id", dwCount: 4, head + [MF.target, MF.bytes10to11, MF.bytes12to15]),
            byIDVendor: Layout("msg-id-vdm", dwCount: 4, head + [MF.target, MF.vendorID, MF.vendorData]),
            other: Layout("msg", dwCount: 4, head + [MF.bytes8to11, MF.bytes12to15]),
            otherVendor: Layout("msg-vdm", dwCount: 4, head + [MF.bytes8to9, MF.vendorID, MF.vendorData]))
    }

    private static func message(_ variants: MessageVariants, _ routing: Routing, _ code: UInt8) -> Layout {
        let vendor = MessageCode.isVendorDefined(code)
        switch routing {
        case .address64, .address32: return variants.address
        case .id: return vendor ? variants.byIDVendor : variants.byID
        default: return vendor ? variants.otherVendor : variants.other
        }
    }
}
