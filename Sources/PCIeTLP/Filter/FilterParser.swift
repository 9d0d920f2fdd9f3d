/// The filter grammar (Docs/filters.md):
///
///     expr    := and ( ("||" | "or") and )*
///     and     := unary ( ("&&" | "and") unary )*
///     unary   := ("!" | "not") unary | "(" expr ")" | test
///     test    := key [ op value | "~" value | "in" set | "in" range ]
///     set     := "{" value ("," value)* "}"
///     range   := number ".." number | number "/" number
struct FilterParser {
    enum Token: Equatable {
        /// A key, a name, a number or a BDF: a run of letters, digits, `_`, `.`, `:` and `-`.
        case word(String)
        case string(String)
        case symbol(String)
        case end
    }

    private var tokens: [(token: Token, column: Int)] = []
    private var index = 0
    private let text: String

    init(_ text: String) {
        self.text = text
    }

    mutating func parse() throws(FilterError) -> FilterNode {
        tokens = try Self.lex(text)
        let node = try parseOr()
        guard case .end = current else { throw error("expected '&&', '||' or the end of the filter") }
        return node
    }

    // MARK: tokens

    private static func isWordCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "." || c == ":" || c == "-")
    }

    static func lex(_ text: String) throws(FilterError) -> [(token: Token, column: Int)] {
        let chars = Array(text)
        var out: [(token: Token, column: Int)] = []
        var i = 0
        let twoCharacter: Set<String> = ["==", "!=", "<=", ">=", "&&", "||", ".."]
        while i < chars.count {
            let c = chars[i]
            let column = i + 1
            if c == " " || c == "\t" || c == "\n" {
                i += 1
                continue
            }
            if i + 1 < chars.count, twoCharacter.contains(String([c, chars[i + 1]])) {
                out.append((.symbol(String([c, chars[i + 1]])), column))
                i += 2
                continue
            }
            if "<>!(){},~/=".contains(c) {
                if c == "=" { out.append((.symbol("=="), column)) } else { out.append((.symbol(String(c)), column)) }
                i += 1
                continue
            }
            if c == "\"" || c == "'" {
                var j = i + 1
                var value = ""
                while j < chars.count, chars[j] != c {
                    value.append(chars[j])
                    j += 1
                }
                guard j < chars.count else { throw FilterError(column: column, message: "unterminated string") }
                out.append((.string(value), column))
                i = j + 1
                continue
            }
            if isWordCharacter(c) {
                var j = i
                var word = ""
                // A word ends before `..` (so `0x10..0x20` is a range).
                while j < chars.count, isWordCharacter(chars[j]),
                    !(chars[j] == "." && j + 1 < chars.count && chars[j + 1] == ".")
                {
                    word.append(chars[j])
                    j += 1
                }
                out.append((.word(word), column))
                i = j
                continue
            }
            throw FilterError(column: column, message: "unexpected character '\(c)'")
        }
        out.append((.end, chars.count + 1))
        return out
    }

    private var current: Token { tokens[min(index, tokens.count - 1)].token }
    private var column: Int { tokens[min(index, tokens.count - 1)].column }

    private func error(_ message: String) -> FilterError { FilterError(column: column, message: message) }

    private mutating func take(_ symbol: String, or words: String...) -> Bool {
        switch current {
        case .symbol(let s) where s == symbol, .word(let s) where words.contains(s):
            index += 1
            return true
        default: return false
        }
    }

    // MARK: grammar

    private mutating func parseOr() throws(FilterError) -> FilterNode {
        var node = try parseAnd()
        while take("||", or: "or") { node = .or(node, try parseAnd()) }
        return node
    }

    private mutating func parseAnd() throws(FilterError) -> FilterNode {
        var node = try parseUnary()
        while take("&&", or: "and") { node = .and(node, try parseUnary()) }
        return node
    }

    private mutating func parseUnary() throws(FilterError) -> FilterNode {
        if take("!", or: "not") { return .not(try parseUnary()) }
        if take("(") {
            let node = try parseOr()
            guard take(")") else { throw error("expected ')'") }
            return node
        }
        return try parseTest()
    }

    private mutating func parseTest() throws(FilterError) -> FilterNode {
        guard case .word(let name) = current else {
            throw error(current == .end ? "expected a key" : "expected a key (such as type, address, requester)")
        }
        guard let key = FilterKey(name: name) else {
            throw error("unknown key '\(name)' (keys: \(FilterKey.allNames.joined(separator: ", ")))")
        }
        index += 1
        if take("", or: "in") { return try parseIn(key) }
        guard case .symbol(let symbol) = current, let op = FilterOperator(rawValue: symbol) else {
            return .truthy(key)
        }
        index += 1
        if op == .contains {
            guard key.kind == .string else { throw error("'~' needs a text key (type, group, mode, status, source)") }
            let valueColumn = column
            let literal = try parseValue(for: key)
            guard case .string = literal else {
                throw FilterError(column: valueColumn, message: "'~' needs a name")
            }
            return .compare(key, .contains, literal)
        }
        if key == .type, case .word(let word) = current, FilterKey.groupNames.contains(word.lowercased()) {
            index += 1
            guard op == .equal || op == .notEqual else { throw error("a type group compares with == or != only") }
            let node = FilterNode.compare(.group, .equal, .string(word.lowercased()))
            return op == .equal ? node : .not(node)
        }
        return .compare(key, op, try parseValue(for: key))
    }

    private mutating func parseIn(_ key: FilterKey) throws(FilterError) -> FilterNode {
        if take("{") {
            var set: [FilterValue] = []
            repeat {
                if key == .type, case .word(let word) = current, FilterKey.groupNames.contains(word.lowercased()) {
                    throw error("a type group cannot be a member of a set; use 'type == \(word)'")
                }
                set.append(try parseValue(for: key))
            } while take(",")
            guard take("}") else { throw error("expected ',' or '}'") }
            return .member(key, set)
        }
        guard key.kind == .int || key.kind == .id else { throw error("expected '{' (a range needs a number key)") }
        let lowColumn = column
        guard case .int(let low) = try parseValue(for: key) else {
            throw FilterError(column: lowColumn, message: "expected a number")
        }
        if take("..") {
            guard case .int(let high) = try parseValue(for: key) else { throw error("expected a number") }
            guard low <= high else { throw FilterError(column: lowColumn, message: "range is empty (low > high)") }
            return .range(key, low, high)
        }
        if take("/") {
            let sizeColumn = column
            guard case .int(let size) = try parseValue(for: .address), size > 0 else {
                throw FilterError(column: sizeColumn, message: "expected a size above 0")
            }
            let (end, overflow) = low.addingReportingOverflow(size - 1)
            guard !overflow else { throw FilterError(column: sizeColumn, message: "range ends above 2^64") }
            return .range(key, low, end)
        }
        throw error("expected '..' or '/' after the start of a range")
    }

    /// A literal, read as the key reads its values.
    private mutating func parseValue(for key: FilterKey) throws(FilterError) -> FilterValue {
        let text: String
        let quoted: Bool
        switch current {
        case .word(let word):
            text = word
            quoted = false
        case .string(let string):
            text = string
            quoted = true
        default: throw error("expected a value")
        }
        switch key.kind {
        case .string:
            if key == .type, !quoted {
                guard let type = TLPType.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() })
                else {
                    // `type ~ MWr` matches a part of a name.
                    if let previous = tokens[safe: index - 1], previous.token == .symbol("~") {
                        index += 1
                        return .string(text)
                    }
                    throw error(
                        "unknown TLP type '\(text)' (types: MRd32, MWr64, CplD, ...; groups: \(FilterKey.groupNames.joined(separator: ", ")))"
                    )
                }
                index += 1
                return .string(type.rawValue)
            }
            index += 1
            return .string(text)
        case .bool:
            let value: UInt64
            switch text.lowercased() {
            case "true", "1": value = 1
            case "false", "0": value = 0
            default: throw error("expected true or false")
            }
            index += 1
            return .int(value)
        case .id:
            if text.contains(":") {
                guard let id = PCIID(text) else {
                    throw error("expected a BDF bus:device.function in hex, such as 04:00.0")
                }
                index += 1
                return .int(UInt64(id.raw))
            }
            fallthrough
        case .int:
            guard !quoted, let number = Self.number(text) else { throw error("expected a number") }
            index += 1
            return .int(number)
        }
    }

    /// `123`, `0x1f`, `0b101`.
    static func number(_ text: String) -> UInt64? {
        let lower = text.lowercased().replacingUnderscores
        if lower.hasPrefix("0x") { return UInt64(lower.dropFirst(2), radix: 16) }
        if lower.hasPrefix("0b") { return UInt64(lower.dropFirst(2), radix: 2) }
        return UInt64(lower, radix: 10)
    }
}

extension String {
    fileprivate var replacingUnderscores: String { String(filter { $0 != "_" }) }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
