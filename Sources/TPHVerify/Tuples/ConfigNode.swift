import PCIeTLP
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

    /// The most values a tuple or rules file may hold (about 30,000 tuples): the YAML parser
    /// builds every value as a node of a few hundred bytes, so a small file of many values
    /// (`tuples: [a,a,a,...]`) would otherwise cost gigabytes before it is found wrong.
    static let maxValues = 500_000

    /// Parses a whole file. YAML 1.1 reads JSON too. Files over 16 MiB, or that hold more than
    /// ``maxValues`` values, are refused before they are parsed.
    static func load(path: String, text: String) throws(ConfigError) -> ConfigNode {
        guard text.utf8.count <= 16 << 20 else { throw ConfigError(path: path, line: nil, "file larger than 16 MiB") }
        let values = estimatedValues(text)
        guard values <= maxValues else {
            throw ConfigError(
                path: path, line: nil,
                "holds about \(values) values, more than the \(maxValues) a tuple or rules file may hold")
        }
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
        // Aliases make a small tree read as a large one (each use is walked again): count
        // what reading it will walk, and stop at the bound.
        guard walkedValues(root, limit: maxValues) <= maxValues else {
            throw ConfigError(
                path: path, line: nil,
                "expands through its aliases to more than the \(maxValues) values a tuple or rules file may hold")
        }
        return ConfigNode(node: root, path: path, context: "")
    }

    /// An upper bound on the values (YAML nodes) in `text`, from one pass over its bytes: each
    /// value but the first follows a separator (`,`, `-`, `[`, `{`, a new line) or is one side of
    /// a `:`.
    static func estimatedValues(_ text: String) -> Int {
        var count = 1
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: ":"): count += 2
            case UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "\n"):
                count += 1
            default: break
            }
        }
        return count
    }

    /// The values a walk of `root` visits (an alias's target once per use), counted up to just
    /// past `limit`.
    static func walkedValues(_ root: Node, limit: Int) -> Int {
        var stack = [root]
        var count = 0
        while let node = stack.popLast(), count <= limit {
            count += 1
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    stack.append(key)
                    stack.append(value)
                }
            case .sequence(let sequence): stack.append(contentsOf: sequence)
            default: break
            }
        }
        return count
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
        let start = Hex.prefixed(range.base)
        guard range.size > 0 else { throw error("zero-size range at \(start)") }
        guard range.base <= UInt64.max - (range.size - 1) else {
            throw error(
                "range at \(start) of size \(Hex.prefixed(range.size)) runs past the 64-bit address space")
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
