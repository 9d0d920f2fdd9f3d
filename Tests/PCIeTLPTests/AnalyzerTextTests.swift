import Testing

@testable import PCIeTLP

/// The byte writer of the analyzer text against the `String` implementation it replaced, kept
/// here as the reference (``ReferenceAnalyzerText``): random TLPs of both modes, random bytes
/// that decode, every field style over random values, both word orders and both ID forms.
///
/// The old implementation is the reference rather than saved output because random TLPs reach
/// shapes no golden holds (reserved types, every OHC and prefix kind, cut payloads, trailers of
/// every TS, message codes with and without a name), and a failure then shows the two texts.
@Suite struct AnalyzerTextTests {
    static func expectSame(_ tlp: TLP, _ context: @autoclosure () -> String = "") {
        for order in WordOrder.allCases {
            let expected = ReferenceAnalyzerText.render(tlp, wordOrder: order)
            #expect(AnalyzerText.render(tlp, wordOrder: order) == expected, "\(context())")
            #expect(AnalyzerText.lines(tlp, wordOrder: order) == ReferenceAnalyzerText.lines(tlp, wordOrder: order))
            let out = TextBuffer(capacity: 16)
            AnalyzerText.write(tlp, wordOrder: order, ids: .bdf, to: out)
            #expect(out.string == ReferenceAnalyzerText.bdf(tlp, wordOrder: order), "\(context())")
        }
    }

    @Test(arguments: LinkMode.allCases)
    func randomTLPsRenderAsBefore(_ mode: LinkMode) {
        var rng = SplitMix(seed: mode == .flit ? 11 : 12)
        for _ in 0..<3000 {
            var tlp = RandomTLP.make(mode, using: &rng).tlp
            // Cut payloads and trailers: partial DWs.
            if Int.random(in: 0..<4, using: &rng) == 0, !tlp.payload.isEmpty {
                tlp.payload.removeLast(Int.random(in: 1...tlp.payload.count, using: &rng))
            }
            if Int.random(in: 0..<4, using: &rng) == 0, !tlp.trailer.isEmpty {
                tlp.trailer.removeLast(Int.random(in: 1...tlp.trailer.count, using: &rng))
            }
            Self.expectSame(tlp, "\(tlp.bytes)")
        }
    }

    @Test(arguments: LinkMode.allCases)
    func randomBytesThatDecodeRenderAsBefore(_ mode: LinkMode) {
        var rng = SplitMix(seed: 77)
        var decoded = 0
        for _ in 0..<20000 {
            let count = Int.random(in: 0...96, using: &rng)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if !bytes.isEmpty, Bool.random(using: &rng) {
                bytes[0] =
                    [
                        0x00, 0x03, 0x20, 0x30, 0x34, 0x40, 0x60, 0x4A, 0x0A, 0x74, 0x90, 0x91, 0x8D, 0x8E, 0x80, 0x04,
                        0x6C,
                    ]
                    .randomElement(using: &rng) ?? 0
            }
            guard let tlp = try? TLPDecoder.decode(bytes, mode: mode).tlp else { continue }
            decoded += 1
            Self.expectSame(tlp, "\(bytes)")
        }
        #expect(decoded > 1000)
    }

    @Test func everyFieldStyleWritesAsBefore() {
        var rng = SplitMix(seed: 3)
        let fields = FieldTableTests.layouts.flatMap(\.fields) + PrefixLayouts.all.flatMap(\.fields)
        for field in fields {
            let special: [UInt32] = [0, 1, 9, 10, 15, 16, 99, 100, 0xFF, 0x7F, 0x10, field.maxValue]
            for value in special + (0..<20).map({ _ in UInt32.random(in: 0...field.maxValue, using: &rng) }) {
                #expect(
                    FieldText.render(field, value) == ReferenceAnalyzerText.render(field, value),
                    "\(field.label) \(value)")
            }
        }
    }

    @Test func uncountedBytesAsBefore() {
        var rng = SplitMix(seed: 4)
        for count in 0..<13 {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            for order in WordOrder.allCases {
                #expect(
                    AnalyzerText.uncounted(bytes, note: "log padding", wordOrder: order)
                        == ReferenceAnalyzerText.uncounted(bytes, note: "log padding", wordOrder: order))
                #expect(AnalyzerText.capturedDW(bytes, order) == ReferenceAnalyzerText.capturedDW(bytes, order))
            }
        }
    }

    /// The writer reserves room per line from the field count: labels fit the room it assumes.
    @Test func labelsFitTheRoomALineReserves() {
        for field in FieldTableTests.layouts.flatMap(\.fields) + PrefixLayouts.all.flatMap(\.fields) {
            #expect(field.label.utf8CodeUnitCount <= 24, "\(field.label)")
        }
        #expect(AnalyzerText.typeNames.longest <= 16)
        #expect(AnalyzerText.ohcNames.longest <= 16)
    }

    /// The name tables are indexed by case position.
    @Test func nameIndexIsTheCasePosition() {
        for (index, type) in TLPType.allCases.enumerated() { #expect(type.nameIndex == index) }
        for (index, kind) in OHCKind.allCases.enumerated() { #expect(kind.nameIndex == index) }
    }
}

extension PrefixLayouts {
    static let all: [Layout] = [tph, pasid, flitLocal, opaque]
}

/// The analyzer text as it was written before the byte writer: a `String` per field, arrays of
/// parts joined per line (and `decode --ids bdf` replacing the IDs in the text afterwards).
enum ReferenceAnalyzerText {
    static func render(_ field: Field, _ value: UInt32) -> String? {
        let label = field.label.description
        switch field.style {
        case .hidden: return nil
        case .decimal: return "\(label)=\(value)"
        case .decimalIfSet: return value == 0 ? nil : "\(label)=\(value)"
        case .hex: return "\(label)=\(Hex.analyzer(value))"
        case .hex32: return "\(label)=\(Hex.upper(value, width: 8))h"
        case .dwAddress: return "\(label)=\(Hex.upper(value << 2, width: 8))h"
        case .dwOffset: return "\(label)=\(Hex.analyzer(UInt64(value) * 4))"
        case .flag: return label + (value != 0 ? "+" : "-")
        case .pciID:
            let id = PCIID(UInt16(truncatingIfNeeded: value))
            let text = Hex.analyzer(id.bus) + ":" + Hex.analyzer(id.device) + "." + Hex.analyzer(id.function)
            return "\(label)=\(text)"
        case .completionStatus:
            let name: String
            switch value {
            case 0: name = "SC"
            case 1: name = "UR"
            case 2: name = "RRS"
            case 4: name = "CA"
            default: name = "Rsvd\(value)"
            }
            return "\(label)=\(name)"
        case .messageCode:
            let code = UInt8(truncatingIfNeeded: value)
            let hex = "\(label)=\(Hex.upper(code, width: 2))h"
            return MessageCode.name(code).map { hex + "(\($0))" } ?? hex
        }
    }

    static func line(_ layout: Layout, dw: Int, words: [UInt32]) -> [String] {
        layout.fields.compactMap { field in
            field.shownIn == dw ? render(field, field.get(words)) : nil
        }
    }

    static func lines(_ tlp: TLP, wordOrder: WordOrder = .wire) -> [String] {
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
            emit(word, [mnemonic, kind.textName] + line(kind.layout, dw: 0, words: [word]))
        }
        let layout = tlp.layout
        for (dw, word) in tlp.header.enumerated() {
            var parts: [String] = []
            if dw == 0 { parts = typeHead(tlp) }
            emit(word, parts + line(layout, dw: dw, words: tlp.header))
        }
        for (kind, word) in zip(tlp.ohcKinds, tlp.ohc) {
            emit(word, [kind.rawValue] + line(kind.layout, dw: 0, words: [word]))
        }
        appendBytes(tlp.payload, names: { _ in "Data" }, wordOrder: wordOrder, to: &lines)
        let trailerNames = trailerNames(tlp)
        appendBytes(
            tlp.trailer, names: { trailerNames[min($0, trailerNames.count - 1)] }, wordOrder: wordOrder,
            to: &lines)
        return lines
    }

    static func render(_ tlp: TLP, wordOrder: WordOrder = .wire) -> String {
        lines(tlp, wordOrder: wordOrder).map { $0 + "\n" }.joined()
    }

    /// `decode --ids bdf` as it was: the rendering with each ID's analyzer text replaced.
    static func bdf(_ tlp: TLP, wordOrder: WordOrder) -> String {
        var text = render(tlp, wordOrder: wordOrder)
        for id in [tlp.requester, tlp.completer, tlp.target].compactMap({ $0 }) {
            let analyzer = Hex.analyzer(id.bus) + ":" + Hex.analyzer(id.device) + "." + Hex.analyzer(id.function)
            text = text.replacing("=" + analyzer, with: "=" + id.description)
        }
        return text
    }

    static func typeHead(_ tlp: TLP) -> [String] {
        let info = tlp.info
        var head = [info.type.rawValue]
        if info.kind == .message { head.append("Route=\(info.routing.name)") }
        if info.isReserved { head.append("Type=\(Hex.upper(info.code, width: 2))h") }
        return head
    }

    static func trailerNames(_ tlp: TLP) -> [String] {
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

    static func uncounted(_ bytes: some Collection<UInt8>, note: String, wordOrder: WordOrder = .wire) -> String {
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

    static func capturedDW(_ chunk: some Collection<UInt8>, _ wordOrder: WordOrder) -> String {
        let ordered = wordOrder == .swapped ? Array(chunk.reversed()) : Array(chunk)
        return ordered.map { Hex.upper($0, width: 2) }.joined()
    }

    static func appendBytes(
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
