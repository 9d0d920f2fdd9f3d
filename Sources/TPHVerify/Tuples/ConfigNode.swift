import Yams

/// A YAML (or JSON) node with the file it came from, giving typed values or a ``ConfigError``
/// that names the file, the line and the entry.
struct ConfigNode {
    let node: Node
    let path: String
    /// What the node belongs to, for messages (`tuple 'gpu-buf-0'`).
    let context: String

    var line: Int? { node.mark?.line }

    func error(_ message: String) -> ConfigError {
        ConfigError(path: path, line: line, context.isEmpty ? message : "\(context): \(message)")
    }

    /// Parses a whole file. YAML 1.1 reads JSON too. Files over 16 MiB are refused: a tuple
    /// or rules file is small, and a parser must not be handed unbounded input.
    static func load(path: String, text: String) throws(ConfigError) -> ConfigNode {
        guard text.utf8.count <= 16 << 20 else { throw ConfigError(path: path, line: nil, "file larger than 16 MiB") }
        let root: Node?
        do {
            // Basic resolution: every scalar stays a string; values are parsed here, by kind,
            // which also spares the default resolver's per-scalar regular expressions.
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw ConfigError(path: path, line: Self.line(of: error), "not valid YAML or JSON: \(error)")
        } catch {
            throw ConfigError(path: path, line: nil, "not valid YAML or JSON: \(error)")
        }
        guard let root else { throw ConfigError(path: path, line: nil, "empty file") }
        return ConfigNode(node: root, path: path, context: "")
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    func with(context: String) -> ConfigNode { ConfigNode(node: node, path: path, context: context) }

    // MARK: shapes

    /// The mapping's entries by key; unknown keys are an error naming them.
    func mapping(allowed: Set<String>) throws(ConfigError) -> [String: ConfigNode] {
        guard let mapping = node.mapping else { throw error("expected a mapping") }
        var out: [String: ConfigNode] = [:]
        for (key, value) in mapping {
            guard let name = key.string, key.scalar != nil else { throw error("keys must be strings") }
            guard allowed.contains(name) else {
                throw ConfigError(
                    path: path, line: key.mark?.line,
                    (context.isEmpty ? "" : context + ": ")
                        + "unknown key '\(name)' (expected one of: \(allowed.sorted().joined(separator: ", ")))")
            }
            guard out[name] == nil else {
                throw ConfigError(path: path, line: key.mark?.line, "duplicate key '\(name)'")
            }
            out[name] = ConfigNode(node: value, path: path, context: context)
        }
        return out
    }

    func sequence() throws(ConfigError) -> [ConfigNode] {
        guard let sequence = node.sequence else { throw error("expected a list") }
        return sequence.map { ConfigNode(node: $0, path: path, context: context) }
    }

    /// A list, or a single value standing for a one-element list.
    func list() throws(ConfigError) -> [ConfigNode] {
        node.sequence == nil ? [self] : try sequence()
    }

    func string(_ what: String) throws(ConfigError) -> String {
        guard let scalar = node.scalar else { throw error("\(what) must be a string") }
        return scalar.string
    }

    func bool(_ what: String) throws(ConfigError) -> Bool {
        guard let scalar = node.scalar, let value = Bool.construct(from: scalar) else {
            throw error("\(what) must be true or false")
        }
        return value
    }

    /// An unsigned integer: decimal, or 0x/0o/0b with optional `_`, as a number or a string.
    func unsigned(_ what: String, max: UInt64) throws(ConfigError) -> UInt64 {
        guard let scalar = node.scalar else { throw error("\(what) must be a number") }
        guard let value = Self.parseUnsigned(scalar.string) else {
            throw error("\(what) must be a non-negative integer, not '\(scalar.string.prefix(40))'")
        }
        guard value <= max else { throw error("\(what) \(scalar.string) is larger than \(max)") }
        return value
    }

    /// `{ base: ..., size: ... }`: a non-empty range that ends inside the 64-bit address space.
    func addressRange() throws(ConfigError) -> AddressRange {
        let parts = try mapping(allowed: ["base", "size"])
        guard let base = parts["base"], let size = parts["size"] else { throw error("a range needs base and size") }
        let range = AddressRange(base: try base.unsigned("base", max: .max), size: try size.unsigned("size", max: .max))
        let start = "0x" + String(range.base, radix: 16)
        guard range.size > 0 else { throw error("zero-size range at \(start)") }
        guard range.base <= UInt64.max - (range.size - 1) else {
            throw error(
                "range at \(start) of size 0x\(String(range.size, radix: 16)) runs past the 64-bit address space")
        }
        return range
    }

    static func parseUnsigned(_ text: String) -> UInt64? {
        var digits = Substring(text.replacingUnderscores())
        var radix = 10
        let lower = digits.lowercased()
        if lower.hasPrefix("0x") {
            radix = 16
        } else if lower.hasPrefix("0o") {
            radix = 8
        } else if lower.hasPrefix("0b") {
            radix = 2
        }
        if radix != 10 { digits = digits.dropFirst(2) }
        guard !digits.isEmpty, digits.first != "+", digits.first != "-" else { return nil }
        return UInt64(digits, radix: radix)
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
