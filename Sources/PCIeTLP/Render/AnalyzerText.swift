/// The analyzer-style rendering: one line per captured DW, the DW as captured, `->`, and the
/// fields that DW holds. The first DW of a TLP starts with `STP`, as analyzer dumps mark it.
///
/// ```
/// 08000260 -> STP MWr64 TC=0 OHC=2 TS=0 Attr=0 L=8
/// F0000004 -> RID=4h:0h.0h EP- Tag=F0h
/// ```
///
/// One writer (``write(_:wordOrder:ids:to:)``) puts the bytes straight into a reusable
/// ``TextBuffer``: labels are copied from static bytes, digits from a table, and no `String` is
/// made per field or per line. ``lines(_:wordOrder:)`` and ``render(_:wordOrder:)`` are that
/// writer's output as text.
public enum AnalyzerText {
    /// How the text writes the TLP's IDs.
    public enum IDForm: Sendable {
        /// `RID=4h:0h.0h`, as analyzers do.
        case analyzer
        /// `RID=04:00.0`, as JSON and CSV do.
        case bdf
    }

    /// The type mnemonics, by ``TLPType`` case position.
    static let typeNames = TextNames(TLPType.allCases.map(\.rawValue))
    /// The OHC word names (`OHC-A1`, `OHC-B`), by ``OHCKind`` case position.
    static let ohcNames = TextNames(OHCKind.allCases.map(\.rawValue))

    /// Room for the start of a line: the DW, ` -> `, `STP `, the type head (or a prefix's two
    /// names, or a payload name with ` (partial)`) and the newline.
    static let headRoom = 96

    /// Appends the text of `tlp` to `out`, one `\n`-terminated line per DW, each DW shown in
    /// `wordOrder` as it was captured.
    public static func write(_ tlp: TLP, wordOrder: WordOrder = .wire, ids: IDForm = .analyzer, to out: TextBuffer) {
        let idText = ids == .bdf ? bdfIDs(tlp) : .analyzer
        var first = true
        let mode = tlp.mode
        for word in tlp.prefixes {
            let kind = PrefixKind(word: word, mode: mode)
            let layout = kind.layout
            var line = Line(out, wire: word, wordOrder, first: &first, room: FieldText.room(layout))
            line.part { typeNames.write((kind.isEndToEnd ? TLPType.endToEndPrefix : .localPrefix).nameIndex, to: &$0) }
            line.part { $0.string(kind.textName) }
            FieldText.write(layout, word: word, ids: idText, parts: &line.parts, to: &line.cursor)
            line.end()
        }
        tlp.header.withUnsafeBufferPointer { header in
            guard !header.isEmpty else { return }
            let layout = tlp.layout
            let room = FieldText.room(layout)
            for dw in 0..<header.count {
                var line = Line(out, wire: header[dw], wordOrder, first: &first, room: room)
                if dw == 0 { typeHead(tlp.info, &line) }
                FieldText.write(layout, dw: dw, words: header, ids: idText, parts: &line.parts, to: &line.cursor)
                line.end()
            }
        }
        let ohc = tlp.ohc
        if !ohc.isEmpty {
            for (kind, word) in zip(tlp.ohcKinds, ohc) {
                let layout = kind.layout
                var line = Line(out, wire: word, wordOrder, first: &first, room: FieldText.room(layout))
                line.part { ohcNames.write(kind.nameIndex, to: &$0) }
                FieldText.write(layout, word: word, ids: idText, parts: &line.parts, to: &line.cursor)
                line.end()
            }
        }
        writeBytes(tlp.payload, wordOrder: wordOrder, to: out) { _ in "Data" }
        if !tlp.trailer.isEmpty {
            let names = trailerNames(tlp)
            writeBytes(tlp.trailer, wordOrder: wordOrder, to: out) { names[min($0, names.count - 1)] }
        }
    }

    /// The lines for `tlp`, each DW shown in `wordOrder` as it was captured.
    public static func lines(_ tlp: TLP, wordOrder: WordOrder = .wire) -> [String] {
        let out = TextBuffer(capacity: 1 << 10)
        write(tlp, wordOrder: wordOrder, to: out)
        var lines: [String] = []
        let bytes = UnsafeBufferPointer(start: out.base, count: out.count)
        var start = 0
        for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "\n") {
            lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
            start = index + 1
        }
        return lines
    }

    /// The whole rendering, one `\n`-terminated line per DW.
    public static func render(_ tlp: TLP, wordOrder: WordOrder = .wire) -> String {
        let out = TextBuffer(capacity: 1 << 10)
        write(tlp, wordOrder: wordOrder, to: out)
        return out.string
    }

    /// One line being written: the captured DW, ` -> `, `STP ` on a TLP's first line, then
    /// parts separated by spaces.
    struct Line {
        let out: TextBuffer
        var cursor: TextCursor
        var parts = 0

        @inline(__always)
        init(_ out: TextBuffer, wire: UInt32, _ wordOrder: WordOrder, first: inout Bool, room: Int) {
            self.out = out
            cursor = out.cursor(room: headRoom + room)
            cursor.hexWord(wordOrder.writtenWord(wire))
            cursor.bytes(" -> ")
            if first {
                cursor.bytes("STP ")
                first = false
            }
        }

        /// A part of the line after a space unless it is the first (within ``headRoom``).
        @inline(__always) mutating func part(_ body: (inout TextCursor) -> Void) {
            if parts > 0 { cursor.byte(UInt8(ascii: " ")) }
            parts += 1
            body(&cursor)
        }

        @inline(__always) mutating func end() {
            cursor.byte(UInt8(ascii: "\n"))
            out.commit(cursor)
        }
    }

    private static func typeHead(_ info: TypeInfo, _ line: inout Line) {
        line.part { typeNames.write(info.type.nameIndex, to: &$0) }
        if info.kind == .message {
            line.part {
                $0.bytes("Route=")
                $0.string(info.routing.name)
            }
        }
        if info.isReserved {
            line.part {
                $0.bytes("Type=")
                $0.hexByte(info.code, upper: true)
                $0.byte(UInt8(ascii: "h"))
            }
        }
    }

    /// The raw values of the requester, completer and target IDs, which the BDF form shows so.
    private static func bdfIDs(_ tlp: TLP) -> FieldText.IDs {
        func raw(_ id: PCIID?) -> Int32 { id.map { Int32($0.raw) } ?? -1 }
        return FieldText.IDs(bdf: (raw(tlp.requester), raw(tlp.completer), raw(tlp.target)))
    }

    private static func trailerNames(_ tlp: TLP) -> [StaticString] {
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

    /// Payload or trailer bytes, four to a line, each named by its DW index; a last partial
    /// DW shows only its bytes, and ` (partial)`.
    private static func writeBytes(
        _ bytes: [UInt8], wordOrder: WordOrder, to out: TextBuffer, names: (Int) -> StaticString
    ) {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            var index = 0
            while start < all.count {
                let count = min(4, all.count - start)
                var c = out.cursor(room: headRoom)
                writeCaptured(UnsafeBufferPointer(rebasing: all[start..<start + count]), wordOrder, to: &c)
                c.bytes(" -> ")
                c.bytes(names(index))
                if count < 4 { c.bytes(" (partial)") }
                c.byte(UInt8(ascii: "\n"))
                out.commit(c)
                index += 1
                start += 4
            }
        }
    }

    /// Up to four wire bytes as the capture wrote them: upper-case hex, reversed for the
    /// swapped word order.
    @inline(__always)
    static func writeCaptured(_ chunk: UnsafeBufferPointer<UInt8>, _ wordOrder: WordOrder, to c: inout TextCursor) {
        if wordOrder == .swapped {
            for byte in chunk.reversed() { c.hexByte(byte, upper: true) }
        } else {
            for byte in chunk { c.hexByte(byte, upper: true) }
        }
    }

    /// Appends captured bytes that are not part of the TLP, four to a line, each line ending
    /// with `(note)`: `(log padding)` after the header of a header log, `(after the end of the
    /// TLP)` for extra hex.
    public static func writeUncounted(
        _ bytes: some Collection<UInt8>, note: String, wordOrder: WordOrder = .wire, to out: TextBuffer
    ) {
        guard !bytes.isEmpty else { return }
        let noteBytes = Array(note.utf8)
        let all = Array(bytes)
        all.withUnsafeBufferPointer { all in
            var start = 0
            while start < all.count {
                let count = min(4, all.count - start)
                var c = out.cursor(room: 16 + noteBytes.count)
                writeCaptured(UnsafeBufferPointer(rebasing: all[start..<start + count]), wordOrder, to: &c)
                c.bytes(" -> (")
                for byte in noteBytes { c.byte(byte) }
                c.bytes(")\n")
                out.commit(c)
                start += 4
            }
        }
    }

    /// Captured bytes that are not part of the TLP, as text (see
    /// ``writeUncounted(_:note:wordOrder:to:)``).
    public static func uncounted(_ bytes: some Collection<UInt8>, note: String, wordOrder: WordOrder = .wire) -> String
    {
        let out = TextBuffer(capacity: 256)
        writeUncounted(bytes, note: note, wordOrder: wordOrder, to: out)
        return out.string
    }

    /// Up to four wire bytes written as the capture wrote them: upper-case hex, reversed for
    /// the swapped word order.
    public static func capturedDW(_ chunk: some Collection<UInt8>, _ wordOrder: WordOrder) -> String {
        let bytes = Array(chunk)
        let out = TextBuffer(capacity: 2 * bytes.count + 16)
        bytes.withUnsafeBufferPointer { bytes in
            var c = out.cursor(room: 2 * bytes.count)
            writeCaptured(bytes, wordOrder, to: &c)
            out.commit(c)
        }
        return out.string
    }
}

extension TLPType {
    /// The case's position in `allCases` (declaration order), as for ``RecordKey/ordinal``: a
    /// case-only enum of fewer than 256 cases is stored as that one byte.
    @inline(__always) var nameIndex: Int { Int(unsafeBitCast(self, to: UInt8.self)) }
}

extension OHCKind {
    /// The case's position in `allCases` (declaration order), as for ``TLPType/nameIndex``.
    @inline(__always) var nameIndex: Int { Int(unsafeBitCast(self, to: UInt8.self)) }
}
