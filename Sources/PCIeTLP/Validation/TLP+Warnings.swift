/// Spec violations that still decode. They are reported, never fatal: a capture of a broken
/// device is exactly what the tool is for.
extension TLP {
    public var warnings: [String] {
        var out: [String] = []
        let info = info
        let layout = layout
        let header = header
        let name = info.type.rawValue
        if info.isReserved {
            out.append("reserved type code \(Hex.upper(info.code, width: 2))h")
        }
        for dw in 0..<min(layout.dwCount, header.count) {
            let bits = header[dw] & layout.reservedMask(inDW: dw)
            if bits != 0, !info.isReserved {
                out.append("reserved bits set in header DW\(dw): \(Hex.upper(bits, width: 8))h")
            }
        }
        if !prefixes.isEmpty { checkPrefixes(&out) }
        if info.kind.isMemoryRequest, info.routing == .address64, layout[.addressLow] != nil,
            (layout.value(.addressHigh, in: header) ?? 0) == 0, let address
        {
            out.append("64-bit address format for an address below 4 GB (\(Hex.upper(address, width: 16))h)")
        }
        if info.kind == .io || info.kind == .configuration {
            if length != 1 { out.append("Length \(length) on \(name) (must be 1)") }
            if let last = lastBE, last != 0 {
                out.append("Last BE \(Hex.upper(last, width: 1))h on \(name) (must be 0)")
            }
            if tc != 0 { out.append("TC \(tc) on \(name) (must be 0)") }
            if attr != 0 { out.append("Attr \(attr) on \(name) (must be 0)") }
        } else if info.kind.isMemoryRequest, layout.value(.length, in: header) == 1, let last = lastBE, last != 0 {
            out.append("Last BE \(Hex.upper(last, width: 1))h with Length 1 (must be 0)")
        }
        if info.kind == .completion || info.kind == .uioCompletion, let status = completionStatus,
            CompletionStatus.isReserved(status)
        {
            out.append("reserved completion status \(status)")
        }
        switch mode {
        case .nonFlit: checkNonFlit(&out, info, layout)
        case .flit: checkFlit(&out, info)
        }
        return out
    }

    private func checkNonFlit(_ out: inout [String], _ info: TypeInfo, _ layout: Layout) {
        let th = NonFlitFields.th.get(header) != 0
        if th, !info.kind.isMemoryRequest {
            out.append("TH set on \(info.type.rawValue), which carries no TPH")
        }
        let at = layout.value(.at, in: header).map { UInt8(truncatingIfNeeded: $0) }
        if at == 3 { out.append("reserved AT=11b") }
        if (info.kind == .io || info.kind == .configuration), (at ?? 0) != 0 {
            out.append("AT \(at ?? 0) on \(info.type.rawValue) (must be 0)")
        }
    }

    private func checkFlit(_ out: inout [String], _ info: TypeInfo) {
        let kinds = ohcKinds
        if info.kind == .io, !kinds.contains(.a2) { out.append("IO request without OHC-A2") }
        if info.kind == .configuration, !kinds.contains(.a3) {
            out.append("configuration request without OHC-A3")
        }
        let b = kinds.indices.first { kinds[$0] == .b && $0 < ohc.count }
        if let b {
            let word = ohc[b]
            let hv = OHCFields.hv.get(word: word)
            if hv == 2 { out.append("reserved OHC-B HV=10b: PH and ST treated as not valid") }
            if hv == 1, OHCFields.st.get(word: word) >> 8 != 0 {
                out.append("OHC-B ST[15:8] set with HV=01b (only ST[7:0] is valid; the upper byte is reserved)")
            }
            if !info.routing.isAddressRouted {
                out.append(
                    "OHC-B on \(info.type.rawValue), which is not address-routed (its bits are reserved)")
            }
        }
        for (index, kind) in kinds.enumerated() where index < ohc.count {
            let bits = ohc[index] & kind.layout.reservedMask(inDW: 0)
            if bits != 0 { out.append("reserved bits set in \(kind.rawValue): \(Hex.upper(bits, width: 8))h") }
        }
    }

    private func checkPrefixes(_ out: inout [String]) {
        var seenEndToEnd = false
        var endToEnd = 0
        for kind in prefixKinds {
            if kind.isEndToEnd {
                seenEndToEnd = true
                endToEnd += 1
            } else if seenEndToEnd {
                out.append("local prefix \(kind.name) after an end-to-end prefix")
            }
            if kind.isReserved { out.append("reserved prefix \(kind.name)") }
            if kind == .flitLocal, mode == .nonFlit { out.append("flit-mode local prefix on a non-flit TLP") }
        }
        if endToEnd > 4 { out.append("\(endToEnd) end-to-end prefixes (at most 4)") }
    }
}
