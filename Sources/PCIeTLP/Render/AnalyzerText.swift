/// The analyzer-style rendering: one line per captured DW, the DW as captured, `->`, and the
/// fields that DW holds. The first DW of a TLP starts with `STP`, as analyzer dumps mark it.
///
/// ```
/// 08000260 -> STP MWr64 TC=0 OHC=2 TS=0 Attr=0 L=8
/// F0000004 -> RID=4h:0h.0h EP- Tag=F0h
/// ```
public enum AnalyzerText {
    /// The lines for `tlp`, each DW shown in `wordOrder` as it was captured.
    public static func lines(_ tlp: TLP, wordOrder: WordOrder = .wire) -> [String] {
        var lines: [String] = []
        func emit(_ wire: UInt32, _ parts: [String]) {
            let start = lines.isEmpty ? "STP " : ""
            lines.append(
                "\(Hex.upper(wordOrder.writtenWord(wire), width: 8)) -> \(start)\(parts.joined(separator: " "))"
            )
        }
        for word in tlp.prefixes {
            let kind = PrefixKind(word: word, mode: tlp.mode)
            let mnemonic = kind.isEndToEnd ? TLPType.endToEndPrefix.rawValue : TLPType.localPrefix.rawValue
            emit(word, [mnemonic, kind.textName] + FieldText.line(kind.layout, dw: 0, words: [word]))
        }
        let layout = tlp.layout
        for (dw, word) in tlp.header.enumerated() {
            var parts: [String] = []
            if dw == 0 { parts = typeHead(tlp) }
            emit(word, parts + FieldText.line(layout, dw: dw, words: tlp.header))
        }
        for (kind, word) in zip(tlp.ohcKinds, tlp.ohc) {
            emit(word, [kind.rawValue] + FieldText.line(kind.layout, dw: 0, words: [word]))
        }
        appendBytes(tlp.payload, names: { _ in "Data" }, wordOrder: wordOrder, to: &lines)
        let trailerNames = trailerNames(tlp)
        appendBytes(
            tlp.trailer, names: { trailerNames[min($0, trailerNames.count - 1)] }, wordOrder: wordOrder,
            to: &lines)
        return lines
    }

    /// The whole rendering, one `\n`-terminated line per DW.
    public static func render(_ tlp: TLP, wordOrder: WordOrder = .wire) -> String {
        lines(tlp, wordOrder: wordOrder).map { $0 + "\n" }.joined()
    }

    private static func typeHead(_ tlp: TLP) -> [String] {
        let info = tlp.info
        var head = [info.type.rawValue]
        if info.kind == .message { head.append("Route=\(info.routing.name)") }
        if info.isReserved { head.append("Type=\(Hex.upper(info.code, width: 2))h") }
        return head
    }

    private static func trailerNames(_ tlp: TLP) -> [String] {
        switch tlp.mode {
        case .nonFlit: return ["ECRC"]
        case .flit:
            switch FlitFields.ts.get(tlp.header) {
            case 1: return ["ECRC"]
            case 5: return ["IDE-MAC", "IDE-MAC", "IDE-MAC"]
            case 6: return ["IDE-MAC", "IDE-MAC", "IDE-MAC", "PCRC"]
            default: return ["Trailer"]
            }
        }
    }

    /// Captured bytes that are not part of the TLP, four to a line, each line ending with
    /// `(note)`: `(log padding)` after the header of a header log, `(after the end of the TLP)`
    /// for extra hex.
    public static func uncounted(_ bytes: some Collection<UInt8>, note: String, wordOrder: WordOrder = .wire) -> String
    {
        var out = ""
        var chunk: [UInt8] = []
        for byte in bytes {
            chunk.append(byte)
            if chunk.count == 4 {
                out += capturedDW(chunk, wordOrder) + " -> (\(note))\n"
                chunk.removeAll(keepingCapacity: true)
            }
        }
        if !chunk.isEmpty { out += capturedDW(chunk, wordOrder) + " -> (\(note))\n" }
        return out
    }

    /// Payload or trailer bytes, four to a line; a last partial DW shows only its bytes.
    /// Up to four wire bytes written as the capture wrote them: upper-case hex, reversed for
    /// the swapped word order.
    public static func capturedDW(_ chunk: some Collection<UInt8>, _ wordOrder: WordOrder) -> String {
        let ordered = wordOrder == .swapped ? Array(chunk.reversed()) : Array(chunk)
        return ordered.map { Hex.upper($0, width: 2) }.joined()
    }

    private static func appendBytes(
        _ bytes: [UInt8], names: (Int) -> String, wordOrder: WordOrder, to lines: inout [String]
    ) {
        var index = 0
        var start = 0
        while start < bytes.count {
            let chunk = bytes[start..<min(start + 4, bytes.count)]
            lines.append("\(capturedDW(chunk, wordOrder)) -> \(names(index))" + (chunk.count < 4 ? " (partial)" : ""))
            index += 1
            start += 4
        }
    }
}
