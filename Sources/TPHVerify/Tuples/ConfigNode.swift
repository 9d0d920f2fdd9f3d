import PCIeTLP
import Yams

/// A YAML (or JSON) node with the file it came from, giving typed values or a ``ConfigError``
/// that names the file, the line and the entry.
struct ConfigNode {
    let tree: ConfigTree
    let index: Int32
    let path: String
    /// What the node belongs to, for messages (`tuple 'gpu-buf-0'`).
    let context: String

    private var node: ConfigTree.Node { tree.nodes[Int(index)] }

    var line: Int? {
        let line = node.line
        return line == 0 ? nil : Int(line)
    }

    var isScalar: Bool { node.kind == .scalar }

    /// An entry of a tuple file's `tuples` list that ``TupleLineReader`` read while the file was
    /// parsed (its completer not yet checked); nil for any other node.
    var prereadTuple: PublishedTuple? { node.kind == .tuple ? tree.prereadTuples[Int(node.start)] : nil }
    var isMapping: Bool { node.kind == .mapping }

    func error(_ message: String) -> ConfigError {
        ConfigError(path: path, line: line, context.isEmpty ? message : "\(context): \(message)")
    }

    /// The most values a tuple or rules file may hold (about 30,000 tuples): the YAML parser
    /// builds every value as a node of a few hundred bytes, so a small file of many values
    /// (`tuples: [a,a,a,...]`) would otherwise cost gigabytes before it is found wrong.
    static let maxValues = 500_000

    /// Parses a whole file. YAML 1.1 reads JSON too. Files over 16 MiB, or that hold more than
    /// ``maxValues`` values, are refused: the common files are read by ``ConfigSubsetParser``,
    /// which stops at that bound; any other goes through Yams, with the same result, once an
    /// estimate of its values (an upper bound, from one pass over its bytes) is within the
    /// bound. A file of 4 MiB or more is estimated before either parser reads it.
    /// `tupleEntries`: a tuple file, whose one-line entries ``TupleLineReader`` may read (see
    /// ``prereadTuple``).
    static func load(path: String, text: String, tupleEntries: Bool = false) throws(ConfigError) -> ConfigNode {
        let original = text
        var text = text
        let loaded: Result<ConfigNode, ConfigError> = text.withUTF8 { utf8 in
            do throws(ConfigError) {
                return .success(try load(path: path, utf8: utf8, text: { original }, tupleEntries: tupleEntries))
            } catch {
                return .failure(error)
            }
        }
        return try loaded.get()
    }

    /// ``load(path:text:tupleEntries:)`` of the UTF-8 `utf8`; `text` makes it a `String`, only
    /// for a file Yams has to read.
    static func load(
        path: String, utf8: UnsafeBufferPointer<UInt8>, text: () -> String, tupleEntries: Bool = false
    ) throws(ConfigError) -> ConfigNode {
        guard utf8.count <= 16 << 20 else { throw ConfigError(path: path, line: nil, "file larger than 16 MiB") }
        let tree: ConfigTree
        // The byte-level parser stops at the bound on values by itself, and leaves such a file
        // to the estimate; Yams does not stop, so its files are estimated before it runs, and so
        // are files of 4 MiB or more (the parser's copy of them would cost more memory than the
        // estimate's pass costs time).
        let parsedFirst = utf8.count < 4 << 20
        if parsedFirst, let read = ConfigSubsetParser.parse(utf8: utf8, tupleEntries: tupleEntries) {
            tree = read
        } else {
            // Every byte adds at most 2 to the estimate: a smaller file cannot reach the bound.
            let values = utf8.count < maxValues / 2 ? 0 : estimatedValues(utf8)
            guard values <= maxValues else {
                throw ConfigError(
                    path: path, line: nil,
                    "holds about \(values) values, more than the \(maxValues) a tuple or rules file may hold")
            }
            if !parsedFirst, let read = ConfigSubsetParser.parse(utf8: utf8, tupleEntries: tupleEntries) {
                tree = read
            } else {
                tree = try loadThroughYams(path: path, text: text())
            }
        }
        return ConfigNode(tree: tree, index: tree.root, path: path, context: "")
    }

    /// The file as Yams reads it, with its messages for files that are not YAML.
    static func loadThroughYams(path: String, text: String) throws(ConfigError) -> ConfigTree {
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
        return ConfigTree(yams: root)
    }

    /// An upper bound on the values (YAML nodes) in `text`, from one pass over its bytes: each
    /// value but the first follows a separator (`,`, `-`, `[`, `{`, a new line) or is one side of
    /// a `:`.
    static func estimatedValues(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { estimatedValues($0) }
    }

    /// ``estimatedValues(_:)-(String)`` on UTF-8, 16 bytes at a time.
    static func estimatedValues(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 1
        var index = 0
        let raw = UnsafeRawBufferPointer(bytes)
        let colon = SIMD16<UInt8>(repeating: UInt8(ascii: ":"))
        let comma = SIMD16<UInt8>(repeating: UInt8(ascii: ","))
        let dash = SIMD16<UInt8>(repeating: UInt8(ascii: "-"))
        let bracket = SIMD16<UInt8>(repeating: UInt8(ascii: "["))
        let brace = SIMD16<UInt8>(repeating: UInt8(ascii: "{"))
        let newline = SIMD16<UInt8>(repeating: UInt8(ascii: "\n"))
        while index + 16 <= bytes.count {
            // A lane gains at most 2 a step: 100 steps stay within a byte. A comparison's true
            // lanes are all ones (-1): subtracting them adds 1.
            var lanes = SIMD16<UInt8>()
            let stop = Swift.min(bytes.count - 15, index + 16 * 100)
            while index < stop {
                let block = raw.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
                let colons = unsafeBitCast(block .== colon, to: SIMD16<UInt8>.self)
                lanes &-= colons &+ colons
                lanes &-= unsafeBitCast(block .== comma, to: SIMD16<UInt8>.self)
                lanes &-= unsafeBitCast(block .== dash, to: SIMD16<UInt8>.self)
                lanes &-= unsafeBitCast(block .== bracket, to: SIMD16<UInt8>.self)
                lanes &-= unsafeBitCast(block .== brace, to: SIMD16<UInt8>.self)
                lanes &-= unsafeBitCast(block .== newline, to: SIMD16<UInt8>.self)
                index += 16
            }
            count += Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: ":"): count += 2
            case UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "\n"):
                count += 1
            default: break
            }
            index += 1
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

    func with(context: String) -> ConfigNode { ConfigNode(tree: tree, index: index, path: path, context: context) }

    private func child(_ node: Int32) -> ConfigNode {
        ConfigNode(tree: tree, index: node, path: path, context: context)
    }

    /// What Yams's `Node.string` gives: a scalar's string (a mapping with a `!!value` key has one
    /// too).
    var stringValue: String? {
        switch node.kind {
        case .scalar: tree.string(index)
        case .mapping: tree.mappingStrings[index]
        default: nil
        }
    }

    // MARK: shapes

    /// The mapping's entries by key; unknown keys are an error naming them.
    func mapping(allowed: Set<String>) throws(ConfigError) -> [String: ConfigNode] {
        guard node.kind == .mapping else { throw error("expected a mapping") }
        var out: [String: ConfigNode] = [:]
        for (key, value) in entries {
            guard let name = key.stringValue, key.isScalar else { throw error("keys must be strings") }
            guard allowed.contains(name) else {
                throw ConfigError(
                    path: path, line: key.line,
                    (context.isEmpty ? "" : context + ": ")
                        + "unknown key '\(name)' (expected one of: \(allowed.sorted().joined(separator: ", ")))")
            }
            guard out[name] == nil else {
                throw ConfigError(path: path, line: key.line, "duplicate key '\(name)'")
            }
            out[name] = value
        }
        return out
    }

    /// The mapping's entries by their position in `keys`, as ``mapping(allowed:)`` reads them
    /// (the same errors, in the same order), without a `String` per key.
    func fields(_ keys: ConfigKeys) throws(ConfigError) -> ConfigFields {
        guard node.kind == .mapping else { throw error("expected a mapping") }
        var fields = ConfigFields(of: self)
        let start = Int(node.start)
        for pair in 0..<Int(node.count) / 2 {
            let key = tree.children[start + 2 * pair]
            guard tree.nodes[Int(key)].kind == .scalar else { throw error("keys must be strings") }
            guard let slot = tree.withBytes(key, { keys.index(of: $0) }) else {
                throw ConfigError(
                    path: path, line: child(key).line,
                    (context.isEmpty ? "" : context + ": ")
                        + "unknown key '\(tree.string(key))' (expected one of: \(keys.expected))")
            }
            guard fields.values[slot] < 0 else {
                throw ConfigError(path: path, line: child(key).line, "duplicate key '\(tree.string(key))'")
            }
            fields.values[slot] = tree.children[start + 2 * pair + 1]
        }
        return fields
    }

    /// The mapping's (key, value) pairs in file order.
    var entries: Entries {
        Entries(node: self, start: Int(node.start), count: node.kind == .mapping ? Int(node.count) / 2 : 0)
    }

    func sequence() throws(ConfigError) -> Members {
        guard node.kind == .sequence else { throw error("expected a list") }
        return Members(owner: self, start: Int(node.start), count: Int(node.count), single: false)
    }

    /// A list, or a single value standing for a one-element list.
    func list() throws(ConfigError) -> Members {
        node.kind == .sequence ? try sequence() : Members(owner: self, start: 0, count: 1, single: true)
    }

    func string(_ what: String) throws(ConfigError) -> String {
        guard node.kind == .scalar else { throw error("\(what) must be a string") }
        return tree.string(index)
    }

    /// As Yams's `Bool.construct(from:)`: true, yes, on, false, no, off in any case, unless the
    /// scalar is tagged `!!str`.
    func bool(_ what: String) throws(ConfigError) -> Bool {
        guard node.kind == .scalar, !node.stringTag else { throw error("\(what) must be true or false") }
        switch tree.string(index).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("\(what) must be true or false")
        }
    }

    /// An unsigned integer: decimal, or 0x/0o/0b with optional `_`, as a number or a string.
    func unsigned(_ what: String, max: UInt64) throws(ConfigError) -> UInt64 {
        guard node.kind == .scalar else { throw error("\(what) must be a number") }
        guard let value = tree.withBytes(index, { Self.parseUnsigned($0) }) else {
            throw error("\(what) must be a non-negative integer, not '\(tree.string(index).prefix(40))'")
        }
        guard value <= max else { throw error("\(what) \(tree.string(index)) is larger than \(max)") }
        return value
    }

    /// A PCI ID (`04:00.0`) as ``PCIID/init(_:)`` reads it, or nil when the string is not one.
    func pciID(_ what: String) throws(ConfigError) -> PCIID? {
        guard node.kind == .scalar else { throw error("\(what) must be a string") }
        return tree.withBytes(index) { Self.parsePCIID($0) }
    }

    /// ``PCIID/init(_:)`` on UTF-8: hex digits split at `:` and `.` (empty parts dropped), three
    /// parts, each a byte; text of other characters goes to ``PCIID/init(_:)`` itself.
    static func parsePCIID(_ bytes: UnsafeBufferPointer<UInt8>) -> PCIID? {
        // `04:00.0`, the way they are written: two, two and one hex digits.
        if bytes.count == 7, bytes[2] == UInt8(ascii: ":"), bytes[5] == UInt8(ascii: "."),
            let bus1 = hexDigit(bytes[0]), let bus0 = hexDigit(bytes[1]), let device1 = hexDigit(bytes[3]),
            let device0 = hexDigit(bytes[4]), let function = hexDigit(bytes[6])
        {
            let device = device1 << 4 | device0
            guard device < 32, function < 8 else { return nil }
            return PCIID(bus: bus1 << 4 | bus0, device: device, function: function)
        }
        var parts: [3 of UInt32] = [0, 0, 0]
        var count = 0
        var inPart = false
        for byte in bytes {
            let digit: UInt32
            switch byte {
            case UInt8(ascii: ":"), UInt8(ascii: "."):
                inPart = false
                continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A")) + 10
            default: return PCIID(String(decoding: bytes, as: UTF8.self))
            }
            if !inPart {
                inPart = true
                count += 1
                if count > 3 { return nil }
            }
            let value = parts[count - 1] << 4 | digit
            if value > 0xFF { return nil }
            parts[count - 1] = value
        }
        guard count == 3, parts[1] < 32, parts[2] < 8 else { return nil }
        return PCIID(bus: UInt8(parts[0]), device: UInt8(parts[1]), function: UInt8(parts[2]))
    }

    @inline(__always) private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte &- UInt8(ascii: "A") &+ 10
        default: nil
        }
    }

    static let rangeKeys = ConfigKeys(["base", "size"])

    /// `{ base: ..., size: ... }`: a non-empty range that ends inside the 64-bit address space.
    func addressRange() throws(ConfigError) -> AddressRange {
        let parts = try fields(Self.rangeKeys)
        guard let base = parts[0], let size = parts[1] else { throw error("a range needs base and size") }
        let range = AddressRange(base: try base.unsigned("base", max: .max), size: try size.unsigned("size", max: .max))
        guard range.size > 0 else { throw error("zero-size range at \(Hex.prefixed(range.base))") }
        guard range.base <= UInt64.max - (range.size - 1) else {
            throw error(
                "range at \(Hex.prefixed(range.base)) of size \(Hex.prefixed(range.size)) runs past the 64-bit address space"
            )
        }
        return range
    }

    static func parseUnsigned(_ text: String) -> UInt64? {
        var text = text
        return text.withUTF8 { parseUnsigned($0) }
    }

    /// ``parseUnsigned(_:)-(String)`` on the text's UTF-8: `_` dropped, a 0x/0o/0b prefix in
    /// either case, then digits of the radix (no sign), within 64 bits.
    static func parseUnsigned(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        if let value = plainUnsigned(bytes) { return value }
        var index = 0
        let end = bytes.count
        // The first two bytes that are not `_`.
        func next(_ from: Int) -> Int {
            var at = from
            while at < end, bytes[at] == UInt8(ascii: "_") { at += 1 }
            return at
        }
        var radix: UInt64 = 10
        let first = next(0)
        if first < end, bytes[first] == UInt8(ascii: "0") {
            let second = next(first + 1)
            if second < end {
                switch bytes[second] | 0x20 {
                case UInt8(ascii: "x"): radix = 16
                case UInt8(ascii: "o"): radix = 8
                case UInt8(ascii: "b"): radix = 2
                default: break
                }
                if radix != 10 { index = second + 1 }
            }
        }
        var value: UInt64 = 0
        var digits = 0
        var invalid = false
        while index < end {
            let byte = bytes[index]
            index += 1
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "_"): continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): digit = UInt64(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): digit = UInt64(byte - UInt8(ascii: "A")) + 10
            case 0x80...:
                // Text past ASCII never is a number (the digits are ASCII); the String code
                // decides it all the same.
                return parseUnsignedText(String(decoding: bytes, as: UTF8.self))
            default:
                invalid = true
                continue
            }
            if invalid { continue }
            guard digit < radix else {
                invalid = true
                continue
            }
            let (product, high) = value.multipliedReportingOverflow(by: radix)
            let (sum, carry) = product.addingReportingOverflow(digit)
            if high || carry { invalid = true }
            value = sum
            digits += 1
        }
        return digits > 0 && !invalid ? value : nil
    }

    /// The common numbers, in one loop: up to 19 decimal digits, or `0x` and up to 16 hex
    /// digits (neither can overflow); nil for anything else, which the full reading decides.
    @inline(__always) private static func plainUnsigned(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        let count = bytes.count
        var value: UInt64 = 0
        if count >= 3, count <= 18, bytes[0] == UInt8(ascii: "0"), bytes[1] | 0x20 == UInt8(ascii: "x") {
            for index in 2..<count {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte &- UInt8(ascii: "A") &+ 10
                default: return nil
                }
                value = value << 4 | UInt64(digit)
            }
            return value
        }
        guard count >= 1, count <= 19 else { return nil }
        for index in 0..<count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value &* 10 &+ UInt64(digit)
        }
        return value
    }

    /// The reading of ``parseUnsigned(_:)-(UnsafeBufferPointer<UInt8>)`` for any text.
    static func parseUnsignedText(_ text: String) -> UInt64? {
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

    /// A mapping's (key, value) pairs.
    struct Entries: RandomAccessCollection {
        fileprivate let node: ConfigNode
        fileprivate let start: Int
        let count: Int
        var startIndex: Int { 0 }
        var endIndex: Int { count }
        subscript(position: Int) -> (key: ConfigNode, value: ConfigNode) {
            (
                node.child(node.tree.children[start + 2 * position]),
                node.child(node.tree.children[start + 2 * position + 1])
            )
        }
    }

    /// A list's members (or the one value that stands for a list).
    struct Members: RandomAccessCollection {
        /// No members (`try node?.list() ?? .empty`).
        static var empty: Members { Members(owner: nil, start: 0, count: 0, single: false) }

        fileprivate let owner: ConfigNode?
        fileprivate let start: Int
        let count: Int
        fileprivate let single: Bool
        var startIndex: Int { 0 }
        var endIndex: Int { count }
        subscript(position: Int) -> ConfigNode {
            guard let owner else { preconditionFailure("an empty list has no members") }
            return single ? owner : owner.child(owner.tree.children[start + position])
        }
    }
}

/// The keys a mapping may hold, matched against a key's bytes.
struct ConfigKeys: Sendable {
    let names: [String]
    private let utf8: [[UInt8]]
    /// The keys sorted, for the message about an unknown key.
    let expected: String

    init(_ names: [String]) {
        precondition(names.count <= 16, "ConfigFields holds 16 keys")
        self.names = names
        utf8 = names.map { Array($0.utf8) }
        expected = names.sorted().joined(separator: ", ")
    }

    func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        for (index, key) in utf8.enumerated() where key.count == bytes.count {
            if key.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return index }
        }
        return nil
    }
}

/// A mapping's values by the position of their key in a ``ConfigKeys``.
struct ConfigFields {
    private let mapping: ConfigNode
    /// Node of each key's value, -1 when absent.
    fileprivate var values: [16 of Int32] = .init(repeating: -1)

    fileprivate init(of mapping: ConfigNode) { self.mapping = mapping }

    subscript(_ key: Int) -> ConfigNode? {
        let value = values[key]
        return value < 0
            ? nil : ConfigNode(tree: mapping.tree, index: value, path: mapping.path, context: mapping.context)
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
