/// `label=value` for one field in the analyzer-style text, by the field's style: the one place
/// that spells a field, written as bytes straight into the output.
enum FieldText {
    /// The most bytes one field can take on a line, its separating space included, beyond its
    /// label: `=`, and a value of at most 30 bytes (`Code=`'s `7Fh(Vendor_Defined_Type_1)`).
    static let valueRoom = 40

    /// How PCI IDs are written: the analyzer form (`4h:0h.0h`), or the BDF form (`04:00.0`)
    /// for the IDs in `bdf` (the TLP's requester, completer and target, as raw values).
    struct IDs {
        var bdf: (Int32, Int32, Int32)?

        static let analyzer = IDs(bdf: nil)

        @inline(__always) func isBDF(_ raw: UInt32) -> Bool {
            guard let bdf else { return false }
            let value = Int32(truncatingIfNeeded: raw & 0xFFFF)
            return value == bdf.0 || value == bdf.1 || value == bdf.2
        }
    }

    /// Room a line needs for the fields of `layout`.
    @inline(__always) static func room(_ layout: Layout) -> Int {
        layout.fields.count * (valueRoom + 24)
    }

    /// Writes `field` with `value`, after a space unless it is the line's first part, and
    /// counts it in `parts`; a hidden field, or a zero that is shown only when set, writes
    /// nothing. The cursor needs room for the label and ``valueRoom`` more bytes. The field is
    /// read in place (a `Field` is about 150 bytes: copying one per field would cost more than
    /// writing it).
    @inline(__always)
    static func write(
        _ field: UnsafePointer<Field>, _ value: UInt32, ids: IDs, parts: inout Int, to c: inout TextCursor
    ) {
        let style = field.pointee.style
        if style == .hidden || (style == .decimalIfSet && value == 0) { return }
        if parts > 0 { c.byte(UInt8(ascii: " ")) }
        parts += 1
        c.bytes(field.pointee.label)
        if style == .flag {
            c.byte(value != 0 ? UInt8(ascii: "+") : UInt8(ascii: "-"))
            return
        }
        c.byte(UInt8(ascii: "="))
        switch style {
        case .decimal, .decimalIfSet:
            c.decimal(value)
        case .hex:
            c.hex(UInt64(value), upper: true)
            c.byte(UInt8(ascii: "h"))
        case .hex32:
            c.hexWord(value)
            c.byte(UInt8(ascii: "h"))
        case .dwAddress:
            c.hexWord(value << 2)
            c.byte(UInt8(ascii: "h"))
        case .dwOffset:
            c.hex(UInt64(value) * 4, upper: true)
            c.byte(UInt8(ascii: "h"))
        case .pciID:
            let id = PCIID(UInt16(truncatingIfNeeded: value))
            if ids.isBDF(value) { id.writeBDF(to: &c) } else { id.writeAnalyzerText(to: &c) }
        case .completionStatus:
            if let name = CompletionStatus.staticName(value) {
                c.bytes(name)
            } else {
                c.bytes("Rsvd")
                c.decimal(value)
            }
        case .messageCode:
            let code = UInt8(truncatingIfNeeded: value)
            c.hexByte(code, upper: true)
            c.byte(UInt8(ascii: "h"))
            if let name = MessageCode.staticName(code) {
                c.byte(UInt8(ascii: "("))
                c.bytes(name)
                c.byte(UInt8(ascii: ")"))
            }
        case .flag, .hidden:
            break
        }
    }

    /// The fields of `layout` shown on DW `dw`, read from `words`, in layout order.
    @inline(__always)
    static func write(
        _ layout: Layout, dw: Int, words: UnsafeBufferPointer<UInt32>, ids: IDs, parts: inout Int,
        to c: inout TextCursor
    ) {
        // The cursor and the count in locals of the loop (registers), not in the caller's line.
        let start = c
        let before = parts
        (c, parts) = layout.fields.withUnsafeBufferPointer { fields in
            var cursor = start
            var count = before
            guard let base = fields.baseAddress else { return (cursor, count) }
            for index in 0..<fields.count where base[index].shownIn == dw {
                let field = base + index
                write(field, field.pointee.get(in: words), ids: ids, parts: &count, to: &cursor)
            }
            return (cursor, count)
        }
    }

    /// The fields of a one-DW structure (an OHC word, a prefix), read from `word`.
    @inline(__always)
    static func write(_ layout: Layout, word: UInt32, ids: IDs, parts: inout Int, to c: inout TextCursor) {
        let start = c
        let before = parts
        (c, parts) = layout.fields.withUnsafeBufferPointer { fields in
            var cursor = start
            var count = before
            guard let base = fields.baseAddress else { return (cursor, count) }
            for index in 0..<fields.count where base[index].shownIn == 0 {
                let field = base + index
                write(field, field.pointee.get(word: word), ids: ids, parts: &count, to: &cursor)
            }
            return (cursor, count)
        }
    }

    /// `label=value` as text, or nil when the field shows nothing for `value`.
    static func render(_ field: Field, _ value: UInt32, ids: IDs = .analyzer) -> String? {
        let out = TextBuffer(capacity: 64)
        var c = out.cursor(room: field.label.utf8CodeUnitCount + valueRoom)
        var parts = 0
        withUnsafePointer(to: field) { write($0, value, ids: ids, parts: &parts, to: &c) }
        out.commit(c)
        return parts == 0 ? nil : out.string
    }
}

extension PCIID {
    /// `4h:0h.0h`, the analyzer-text form, as bytes (at most 10).
    @inline(__always) func writeAnalyzerText(to c: inout TextCursor) {
        c.hex(UInt64(bus), upper: true)
        c.bytes("h:")
        c.hex(UInt64(device), upper: true)
        c.bytes("h.")
        c.hex(UInt64(function), upper: true)
        c.byte(UInt8(ascii: "h"))
    }

    /// `04:00.0`, the BDF form of ``description``, as bytes (7).
    @inline(__always) func writeBDF(to c: inout TextCursor) {
        c.hexByte(bus, upper: false)
        c.byte(UInt8(ascii: ":"))
        c.hexByte(device, upper: false)
        c.byte(UInt8(ascii: "."))
        c.hex(UInt64(function), upper: false)
    }
}

extension Field {
    /// FIELD_GET over words in place, 0 for a DW that is not there: ``get(_:)`` without the
    /// array.
    @inline(__always) func get(in words: UnsafeBufferPointer<UInt32>) -> UInt32 {
        @inline(__always) func word(_ range: BitRange) -> UInt32 { range.dw < words.count ? words[range.dw] : 0 }
        var value = first.get(word(first))
        if let second { value = value << UInt32(second.width) | second.get(word(second)) }
        if let third { value = value << UInt32(third.width) | third.get(word(third)) }
        return value
    }
}
