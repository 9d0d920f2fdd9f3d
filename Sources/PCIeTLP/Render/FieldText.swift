/// `label=value` for one field in the analyzer-style text, by the field's style.
enum FieldText {
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
        case .pciID: return "\(label)=\(PCIID(UInt16(truncatingIfNeeded: value)).analyzerText)"
        case .completionStatus: return "\(label)=\(CompletionStatus.name(value))"
        case .messageCode:
            let code = UInt8(truncatingIfNeeded: value)
            let hex = "\(label)=\(Hex.upper(code, width: 2))h"
            return MessageCode.name(code).map { hex + "(\($0))" } ?? hex
        }
    }

    /// The fields of `layout` shown on DW `dw`, rendered from `words`.
    static func line(_ layout: Layout, dw: Int, words: [UInt32]) -> [String] {
        layout.fields.compactMap { field in
            field.shownIn == dw ? render(field, field.get(words)) : nil
        }
    }
}
