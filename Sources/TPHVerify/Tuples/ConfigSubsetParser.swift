/// Reads the YAML that tuple and rules files are written in (and JSON) straight from the
/// file's bytes into a ``ConfigTree``, in one pass, or refuses the file so that it is read
/// through Yams instead. What it accepts it reads exactly as Yams (libyaml, basic resolution)
/// does: the same nodes, in the same order, with the same scalar strings and start lines.
///
/// Accepted: block mappings and sequences (including a sequence at its key's indentation and
/// `- key: value` entries), flow mappings and sequences (which may span lines, as JSON does),
/// plain, single-quoted and double-quoted scalars on one line, comments, and one `---` before
/// the content. Refused, so that Yams decides: anything else — anchors, aliases, tags, block
/// scalars, `?` keys, directives, `...`, a second document, scalars that continue on the next
/// line, empty values, tabs outside flow collections, bytes outside printable ASCII, escapes
/// for characters outside ASCII, duplicate keys, mappings of more than 32 keys, nesting deeper
/// than 64 — and every error, so a broken file gets Yams's message.
struct ConfigSubsetParser {
    struct Refusal: Error {}

    /// The tree of `text`, or nil when the file has to be read through Yams. `tupleEntries`: a
    /// tuple file, whose one-line entries of the top-level `tuples` list are read by
    /// ``TupleLineReader`` where it can (``ConfigTree/Kind/tuple`` nodes).
    static func parse(_ text: String, tupleEntries: Bool = false) -> ConfigTree? {
        var text = text
        return text.withUTF8 { parse(utf8: $0, tupleEntries: tupleEntries) }
    }

    /// ``parse(_:tupleEntries:)`` of the text whose UTF-8 is `utf8`.
    static func parse(utf8: UnsafeBufferPointer<UInt8>, tupleEntries: Bool = false) -> ConfigTree? {
        // The file's bytes, copied once into memory the tree will own, then zeros past the end:
        // the scanner looks up to 4 bytes ahead without bounds checks.
        let count = utf8.count
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: count + padding)
        guard let base = buffer.baseAddress else { return nil }
        if let start = utf8.baseAddress { base.initialize(from: start, count: count) }
        (base + count).initialize(repeating: 0, count: padding)
        typealias Parsed = (
            nodes: UnsafeBufferPointer<ConfigTree.Node>, children: UnsafeBufferPointer<Int32>, arena: [UInt8],
            root: Int32, tuples: [PublishedTuple], namesDistinct: Bool, values: Int
        )
        let result: Parsed? = classes.withUnsafeBufferPointer { table in
            guard let classes = table.baseAddress else { return nil }
            var parser = ConfigSubsetParser(base: base, count: count, classes: classes)
            if tupleEntries { parser.tupleLines = TupleLineReader(bytes: base, count: count) }
            defer { parser.free() }
            do throws(Refusal) {
                let root = try parser.document()
                let lines = parser.tupleLines
                let values = parser.nodes.count + (lines?.valuesNotInTree ?? 0)
                // The tree takes the node and child lists as they are, without a copy.
                return (
                    parser.nodes.take(), parser.children.take(), parser.arena, root, lines?.tuples ?? [],
                    lines?.namesDistinct ?? false, values
                )
            } catch {
                return nil
            }
        }
        guard let result else {
            buffer.deallocate()
            return nil
        }
        guard result.values <= ConfigNode.maxValues else {
            buffer.deallocate()
            result.nodes.deallocate()
            result.children.deallocate()
            return nil
        }
        var bytes = UnsafeBufferPointer(buffer)
        if !result.arena.isEmpty {
            // Scalars that differ from their source bytes follow the file's bytes.
            let joined = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: buffer.count + result.arena.count)
            _ = joined.initialize(fromContentsOf: buffer)
            _ = UnsafeMutableBufferPointer(rebasing: joined[buffer.count...]).initialize(fromContentsOf: result.arena)
            buffer.deallocate()
            bytes = UnsafeBufferPointer(joined)
        }
        return ConfigTree(
            ownedNodes: result.nodes, ownedChildren: result.children, ownedBytes: bytes, root: result.root,
            prereadTuples: result.tuples, prereadNamesDistinct: result.namesDistinct)
    }

    static let padding = 8
    static let maxDepth = 64
    static let maxKeys = 32
    /// libyaml drops a simple key 1024 characters after its start; stay well inside.
    static let maxKeyLength = 1000

    // MARK: byte classes

    static let blank: UInt8 = 1  // space, tab
    static let lineBreak: UInt8 = 2  // \n
    static let colon: UInt8 = 4
    static let flowIndicator: UInt8 = 8  // , [ ] { }
    static let bad: UInt8 = 16  // NUL, controls but tab and \n, DEL, and everything past ASCII
    static let blockStop = blank | lineBreak | colon | bad
    static let flowStop = blockStop | flowIndicator

    static let classes: [UInt8] = (0..<256).map { byte -> UInt8 in
        switch byte {
        case 0x20, 0x09: blank
        case 0x0A: lineBreak
        case 0x3A: colon
        case 0x2C, 0x5B, 0x5D, 0x7B, 0x7D: flowIndicator
        case 0x21...0x7E: 0
        default: bad
        }
    }

    // MARK: state

    private let s: UnsafePointer<UInt8>
    private let count: Int
    private let cls: UnsafePointer<UInt8>
    private var p = 0
    private var line: Int32 = 1
    private var lineStart = 0
    private var depth = 0
    private var nodes: Growable<ConfigTree.Node>
    private var children: Growable<Int32>
    /// Children of the collections being read, innermost last.
    private var stack = Growable<Int32>(capacity: 256)
    /// Scalars whose value differs from their source bytes (escapes, `''`).
    private var arena: [UInt8] = []
    /// Reads the entries of a tuple file's `tuples` list (nil for other files).
    private var tupleLines: TupleLineReader?
    /// Reading the value of the top-level `tuples` key.
    private var inTupleList = false

    private init(base: UnsafePointer<UInt8>, count: Int, classes: UnsafePointer<UInt8>) {
        s = base
        self.count = count
        cls = classes
        // No more than a file may hold: a larger one is refused when it gets there.
        nodes = Growable(capacity: min(count / 6, ConfigNode.maxValues))
        children = Growable(capacity: min(count / 6, ConfigNode.maxValues))
    }

    private func free() {
        nodes.free()
        children.free()
        stack.free()
    }

    private var column: Int { p - lineStart }
    private var atEnd: Bool { p >= count }

    @inline(__always) private func byte(_ offset: Int = 0) -> UInt8 { s[p + offset] }

    /// Space, tab, line break or the end of the file (IS_BLANKZ), at `p + offset`.
    @inline(__always) private func blankOrEnd(_ offset: Int) -> Bool {
        let at = p + offset
        if at >= count { return true }
        let b = s[at]
        return b == 0x20 || b == 0x09 || b == 0x0A
    }

    private static let space: UInt8 = 0x20
    private static let tab: UInt8 = 0x09
    private static let newline: UInt8 = 0x0A
    private static let hash = UInt8(ascii: "#")
    private static let dash = UInt8(ascii: "-")

    // MARK: lines, spaces, comments

    /// Steps over the line break at `p`, refusing a document marker or a directive at the start
    /// of the next line.
    @inline(__always)
    private mutating func breakLine() throws(Refusal) {
        p += 1
        line += 1
        lineStart = p
        let b = s[p]
        if b == UInt8(ascii: "%") && p < count { throw Refusal() }
        if (b == Self.dash || b == UInt8(ascii: ".")) && s[p + 1] == b && s[p + 2] == b && blankOrEnd(3) {
            throw Refusal()
        }
    }

    /// Spaces in block context (a tab there is refused).
    @inline(__always)
    private mutating func skipSpaces() throws(Refusal) {
        while s[p] == Self.space { p += 1 }
        if s[p] == Self.tab { throw Refusal() }
    }

    /// A comment from `#` to the end of the line.
    private mutating func skipComment() throws(Refusal) {
        p += 1
        while true {
            let b = s[p]
            if b == Self.newline { return }
            if cls[Int(b)] & Self.bad != 0 {
                if p >= count { return }
                throw Refusal()
            }
            p += 1
        }
    }

    /// The rest of a line after a token in block context: spaces, then a comment (after a
    /// space) or nothing. Leaves `p` at the line break or the end.
    @inline(__always)
    private mutating func finishLine() throws(Refusal) {
        try skipSpaces()
        if s[p] == Self.hash {
            guard p > lineStart, s[p - 1] == Self.space else { throw Refusal() }
            try skipComment()
        }
        guard s[p] == Self.newline || atEnd else { throw Refusal() }
    }

    /// From a line break (or the end), over blank and comment lines to the next content in
    /// block context. False at the end of the file.
    @inline(__always)
    private mutating func nextContent() throws(Refusal) -> Bool {
        while true {
            if atEnd { return false }
            guard s[p] == Self.newline else { throw Refusal() }
            try breakLine()
            try skipSpaces()
            if s[p] == Self.hash { try skipComment() }
            if s[p] == Self.newline { continue }
            if atEnd { return false }
            if cls[Int(s[p])] & Self.bad != 0 { throw Refusal() }
            return true
        }
    }

    /// Whitespace, line breaks and comments inside a flow collection. After a plain scalar that
    /// ended its line, libyaml refuses a tab that indents the next line less than the enclosing
    /// block (`tabLimit`) before the next token; so is it refused here.
    @inline(__always) private mutating func skipFlowSpace(tabLimit: Int = 0) throws(Refusal) {
        let b = s[p]
        if b == Self.space {
            // Most often one space, then the token.
            let next = s[p + 1]
            if next != Self.space && next != Self.tab && next != Self.newline && next != Self.hash {
                p += 1
                return
            }
        } else if b != Self.tab && b != Self.newline && b != Self.hash {
            return
        }
        try skipFlowSpaceSlowly(tabLimit: tabLimit)
    }

    private mutating func skipFlowSpaceSlowly(tabLimit: Int) throws(Refusal) {
        var checking = false
        while true {
            let b = s[p]
            if b == Self.space {
                p += 1
            } else if b == Self.tab {
                if checking && column < tabLimit { throw Refusal() }
                p += 1
            } else if b == Self.newline {
                try breakLine()
                if tabLimit > 0 { checking = true }
            } else if b == Self.hash {
                guard p > lineStart, s[p - 1] == Self.space || s[p - 1] == Self.tab else {
                    if p == lineStart { try skipComment(); checking = false; continue }
                    throw Refusal()
                }
                try skipComment()
                checking = false
            } else {
                return
            }
        }
    }

    // MARK: document

    mutating func document() throws(Refusal) -> Int32 {
        // Before the content: blank lines, comments, at most one `---` line.
        var started = false
        while true {
            let b = s[p]
            if b == Self.dash && s[p + 1] == Self.dash && s[p + 2] == Self.dash && blankOrEnd(3) {
                if started { throw Refusal() }
                started = true
                p += 3
                try finishLine()
            } else if (b == UInt8(ascii: ".") && s[p + 1] == b && s[p + 2] == b && blankOrEnd(3))
                || b == UInt8(ascii: "%")
            {
                throw Refusal()
            } else {
                try skipSpaces()
                if s[p] == Self.hash { try skipComment() }
                if s[p] != Self.newline {
                    if atEnd || cls[Int(s[p])] & Self.bad != 0 { throw Refusal() }
                    break
                }
            }
            if atEnd { throw Refusal() }
            // At a line break: the next line, without the marker checks of breakLine.
            p += 1
            line += 1
            lineStart = p
        }
        let root: Int32
        let b = s[p]
        if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
            root = try flowNode(indent: -1).node
            try finishLine()
            guard try !nextContent() else { throw Refusal() }
            return root
        }
        if isSequenceEntry() {
            root = try blockSequence(column: column)
        } else {
            root = try blockMapping(column: column, pendingKey: nil)
        }
        guard atEnd else { throw Refusal() }
        return root
    }

    @inline(__always)
    private func isSequenceEntry() -> Bool { s[p] == Self.dash && blankOrEnd(1) }

    private mutating func enter() throws(Refusal) {
        depth += 1
        if depth > Self.maxDepth { throw Refusal() }
    }

    /// Ends a collection whose children are on the stack from `base`.
    private mutating func close(_ kind: ConfigTree.Kind, line: Int32, from base: Int) throws(Refusal) -> Int32 {
        let members = stack.count - base
        if kind == .mapping { try checkKeys(from: base) }
        let start = Int32(children.count)
        children.append(stack.base + base, count: members)
        stack.removeLast(members)
        try bound()
        nodes.append(ConfigTree.Node(kind: kind, stringTag: false, line: line, start: start, count: Int32(members)))
        depth -= 1
        return Int32(nodes.count - 1)
    }

    /// A mapping with two equal keys is an error in Yams; and one with many keys is left to it.
    private func checkKeys(from base: Int) throws(Refusal) {
        let pairs = (stack.count - base) / 2
        guard pairs <= Self.maxKeys else { throw Refusal() }
        guard pairs > 1 else { return }
        // A bit per key from its length and first and last bytes; keys are compared only when
        // their bits meet.
        var seen: UInt64 = 0
        for i in 0..<pairs {
            let a = nodes[Int(stack[base + 2 * i])]
            let edges = a.count > 0 ? Int(scalarByte(a, 0)) &+ 3 &* Int(scalarByte(a, a.count - 1)) : 0
            let bit: UInt64 = 1 << UInt64((Int(a.count) &* 7 &+ edges) & 63)
            if seen & bit != 0 {
                for j in 0..<i {
                    let b = nodes[Int(stack[base + 2 * j])]
                    if a.count == b.count && memoryEqual(a, b) { throw Refusal() }
                }
            }
            seen |= bit
        }
    }

    private func memoryEqual(_ a: ConfigTree.Node, _ b: ConfigTree.Node) -> Bool {
        var i: Int32 = 0
        while i < a.count {
            if scalarByte(a, i) != scalarByte(b, i) { return false }
            i += 1
        }
        return true
    }

    @inline(__always) private func scalarByte(_ node: ConfigTree.Node, _ offset: Int32) -> UInt8 {
        let at = Int(node.start + offset)
        let arenaStart = count + Self.padding
        return at < arenaStart ? s[at] : arena[at - arenaStart]
    }

    // MARK: block collections

    /// A block mapping whose keys are at `column`. `pendingKey` is a first key already read
    /// with its `:` (a `- key: value` entry).
    private mutating func blockMapping(column n: Int, pendingKey: Int32?) throws(Refusal) -> Int32 {
        try enter()
        let base = stack.count
        var key = pendingKey
        let mark = pendingKey.map { nodes[Int($0)].line } ?? line
        while true {
            if key == nil { key = try blockKey() }
            let keyNode = key ?? 0
            stack.append(keyNode)
            // Only the top-level mapping's `tuples` (a nested mapping leaves the mark alone).
            let tupleList = depth == 1 && tupleLines != nil && isTuplesKey(keyNode)
            if tupleList { inTupleList = true }
            stack.append(try blockValue(indent: n))
            if tupleList { inTupleList = false }
            key = nil
            if atEnd { break }
            let c = column
            if c < n { break }
            if c > n || isSequenceEntry() { throw Refusal() }
        }
        return try close(.mapping, line: mark, from: base)
    }

    private func isTuplesKey(_ key: Int32) -> Bool {
        let node = nodes[Int(key)]
        guard node.kind == .scalar, node.count == 6 else { return false }
        return (0..<6).allSatisfy { scalarByte(node, Int32($0)) == Self.tuplesKey[$0] }
    }

    private static let tuplesKey = Array("tuples".utf8)

    /// A key and its `:` (followed by a space or the end of the line), on one line.
    private mutating func blockKey() throws(Refusal) -> Int32 {
        let start = p
        let key = try scalar(flow: false).node
        try skipSpaces()
        guard s[p] == UInt8(ascii: ":"), blankOrEnd(1), p - start <= Self.maxKeyLength else { throw Refusal() }
        p += 1
        return key
    }

    /// The value after a block key's `:` (`indent` is the mapping's column); leaves `p` at the
    /// next content or the end.
    private mutating func blockValue(indent n: Int) throws(Refusal) -> Int32 {
        try skipSpaces()
        if s[p] == Self.hash { try skipComment() }
        if s[p] == Self.newline || atEnd {
            guard try nextContent() else { throw Refusal() }
            let c = column
            if c > n {
                return isSequenceEntry()
                    ? try blockSequence(column: c) : try blockMapping(column: c, pendingKey: nil)
            }
            if c == n && isSequenceEntry() { return try blockSequence(column: n) }
            throw Refusal()
        }
        return try inlineValue(indent: n)
    }

    /// A value that starts on the current line: a flow collection or a scalar, then the end of
    /// the line; leaves `p` at the next content or the end.
    /// `tupleEntry`: an entry of a tuple file's `tuples` list.
    private mutating func inlineValue(indent n: Int, tupleEntry: Bool = false) throws(Refusal) -> Int32 {
        let b = s[p]
        let node: Int32
        if tupleEntry, b == UInt8(ascii: "{"), let read = tupleLines?.read(at: p, line: line) {
            try bound()
            nodes.append(ConfigTree.Node(kind: .tuple, stringTag: false, line: line, start: read.tuple, count: 0))
            node = Int32(nodes.count - 1)
            p = read.end
            try skipSpaces()
            if s[p] == UInt8(ascii: ":") { throw Refusal() }
        } else if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
            node = try flowNode(indent: n).node
            try skipSpaces()
            if s[p] == UInt8(ascii: ":") { throw Refusal() }
        } else {
            node = try scalar(flow: false).node
        }
        try finishLine()
        _ = try nextContent()
        return node
    }

    /// A block sequence whose `-` are at `column`.
    private mutating func blockSequence(column n: Int) throws(Refusal) -> Int32 {
        try enter()
        let base = stack.count
        let mark = line
        while true {
            p += 1  // the `-`
            stack.append(try sequenceEntry(indent: n))
            if atEnd { break }
            let c = column
            if c == n && isSequenceEntry() { continue }
            if c <= n { break }
            throw Refusal()
        }
        return try close(.sequence, line: mark, from: base)
    }

    /// What follows a block sequence's `-`.
    private mutating func sequenceEntry(indent n: Int) throws(Refusal) -> Int32 {
        try skipSpaces()
        if s[p] == Self.hash { try skipComment() }
        if s[p] == Self.newline || atEnd {
            guard try nextContent() else { throw Refusal() }
            let c = column
            guard c > n else { throw Refusal() }
            return isSequenceEntry() ? try blockSequence(column: c) : try blockMapping(column: c, pendingKey: nil)
        }
        if isSequenceEntry() { throw Refusal() }
        let b = s[p]
        if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
            return try inlineValue(indent: n, tupleEntry: inTupleList && depth == 2)
        }
        let start = p
        let keyColumn = column
        let node = try scalar(flow: false).node
        try skipSpaces()
        if s[p] == UInt8(ascii: ":") && blankOrEnd(1) {
            // `- key: value`: a mapping at the key's column.
            guard p - start <= Self.maxKeyLength else { throw Refusal() }
            p += 1
            return try blockMapping(column: keyColumn, pendingKey: node)
        }
        try finishLine()
        _ = try nextContent()
        return node
    }

    // MARK: flow collections

    /// A flow collection or a scalar inside one (or a flow collection in block context).
    /// `indent` is the column of the enclosing block collection (-1 at the top). `endedLine`:
    /// a plain scalar that ran to the end of its line.
    @inline(__always) private mutating func flowNode(indent: Int) throws(Refusal) -> (node: Int32, endedLine: Bool) {
        switch s[p] {
        case UInt8(ascii: "["): return (try flowSequence(indent: indent), false)
        case UInt8(ascii: "{"): return (try flowMapping(indent: indent), false)
        default: return try scalar(flow: true)
        }
    }

    private mutating func flowSequence(indent: Int) throws(Refusal) -> Int32 {
        try enter()
        let base = stack.count
        let mark = line
        p += 1
        try skipFlowSpace()
        if s[p] == UInt8(ascii: "]") {
            p += 1
        } else {
            // The entries of a tuple file's `tuples` list, written `tuples: [{...}, {...}]` or
            // as JSON.
            let tupleEntries = inTupleList && depth == 2
            while true {
                let (item, endedLine) = try tupleEntries ? flowTupleEntry(indent: indent) : flowNode(indent: indent)
                stack.append(item)
                try skipFlowSpace(tabLimit: endedLine ? indent + 1 : 0)
                let b = s[p]
                p += 1
                if b == UInt8(ascii: "]") { break }
                guard b == UInt8(ascii: ",") else { throw Refusal() }
                try skipFlowSpace()
                if s[p] == UInt8(ascii: "]") {
                    p += 1
                    break
                }
            }
        }
        return try close(.sequence, line: mark, from: base)
    }

    /// An item of a flow list of tuple entries: read by ``TupleLineReader`` when it can.
    private mutating func flowTupleEntry(indent: Int) throws(Refusal) -> (node: Int32, endedLine: Bool) {
        guard s[p] == UInt8(ascii: "{"), let read = tupleLines?.read(at: p, line: line) else {
            return try flowNode(indent: indent)
        }
        try bound()
        nodes.append(ConfigTree.Node(kind: .tuple, stringTag: false, line: line, start: read.tuple, count: 0))
        p = read.end
        return (Int32(nodes.count - 1), false)
    }

    private mutating func flowMapping(indent: Int) throws(Refusal) -> Int32 {
        try enter()
        let base = stack.count
        let mark = line
        p += 1
        try skipFlowSpace()
        if s[p] == UInt8(ascii: "}") {
            p += 1
        } else {
            while true {
                let b = s[p]
                guard b != UInt8(ascii: "["), b != UInt8(ascii: "{") else { throw Refusal() }
                let start = p
                let key = try scalar(flow: true).node
                // The `:` on the key's line (a simple key).
                while s[p] == Self.space || s[p] == Self.tab { p += 1 }
                guard s[p] == UInt8(ascii: ":"), p - start <= Self.maxKeyLength else { throw Refusal() }
                p += 1
                stack.append(key)
                try skipFlowSpace()
                let next = s[p]
                if next == UInt8(ascii: ",") || next == UInt8(ascii: "}") { throw Refusal() }
                // The value of a JSON (flow) tuple file's top-level `tuples`.
                let tupleList = depth == 1 && tupleLines != nil && isTuplesKey(key)
                if tupleList { inTupleList = true }
                let (value, endedLine) = try flowNode(indent: indent)
                if tupleList { inTupleList = false }
                stack.append(value)
                try skipFlowSpace(tabLimit: endedLine ? indent + 1 : 0)
                let after = s[p]
                p += 1
                if after == UInt8(ascii: "}") { break }
                guard after == UInt8(ascii: ",") else { throw Refusal() }
                try skipFlowSpace()
                if s[p] == UInt8(ascii: "}") {
                    p += 1
                    break
                }
            }
        }
        return try close(.mapping, line: mark, from: base)
    }

    // MARK: scalars

    @inline(__always) private mutating func scalar(flow: Bool) throws(Refusal) -> (node: Int32, endedLine: Bool) {
        switch s[p] {
        case UInt8(ascii: "\""): return (try doubleQuoted(), false)
        case UInt8(ascii: "'"): return (try singleQuoted(), false)
        default: return try plain(flow: flow)
        }
    }

    /// Refuses a file once it holds more values than any file may (``ConfigNode/maxValues``),
    /// so that a file of a million values costs a bounded parse before it is refused.
    @inline(__always) private func bound() throws(Refusal) {
        if nodes.count + (tupleLines?.valuesNotInTree ?? 0) >= ConfigNode.maxValues { throw Refusal() }
    }

    /// A scalar; a quoted one is tagged `!!str`, as Yams tags it.
    @inline(__always) private mutating func addScalar(start: Int, end: Int, quoted: Bool = false) throws(Refusal)
        -> Int32
    {
        try bound()
        // Offsets fit: the file is at most 16 MiB.
        nodes.append(
            ConfigTree.Node(
                kind: .scalar, stringTag: quoted, line: line, start: Int32(truncatingIfNeeded: start),
                count: Int32(truncatingIfNeeded: end &- start)))
        return Int32(truncatingIfNeeded: nodes.count &- 1)
    }

    private mutating func addArenaScalar(from arenaStart: Int) throws(Refusal) -> Int32 {
        try bound()
        nodes.append(
            ConfigTree.Node(
                kind: .scalar, stringTag: true, line: line, start: Int32(count + Self.padding + arenaStart),
                count: Int32(arena.count - arenaStart)))
        return Int32(nodes.count - 1)
    }

    /// A plain scalar on one line, as libyaml scans one: words joined by the blanks between
    /// them, up to `: `, ` #`, the end of the line and, in flow context, `,[]{}`.
    private mutating func plain(flow: Bool) throws(Refusal) -> (node: Int32, endedLine: Bool) {
        let first = s[p]
        // What libyaml lets start a plain scalar, less `?`, `:` and a `-` that is not followed
        // by a character of the scalar.
        switch first {
        case UInt8(ascii: "-"):
            let next = s[p + 1]
            if cls[Int(next)] != 0 { throw Refusal() }
        case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"),
            UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""),
            UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            throw Refusal()
        default:
            if cls[Int(first)] != 0 { throw Refusal() }
        }
        // Locals, so that the loops keep them in registers.
        let s = self.s
        let cls = self.cls
        let count = self.count
        let stop = flow ? Self.flowStop : Self.blockStop
        let start = p
        var at = p
        var end = p
        while true {
            // Non-blank characters; a `:` is one unless a blank (or the end) follows it.
            while true {
                let c = cls[Int(s[at])]
                if c & stop == 0 {
                    at &+= 1
                    continue
                }
                if c == Self.colon {
                    let next = s[at + 1]
                    if at + 1 >= count || next == Self.space || next == Self.tab || next == Self.newline { break }
                    if flow && (cls[Int(next)] == Self.flowIndicator || next == UInt8(ascii: "?")) {
                        throw Refusal()  // libyaml: "found unexpected ':'"
                    }
                    at += 1
                    continue
                }
                break
            }
            end = at
            let b = s[at]
            guard b == Self.space || b == Self.tab else { break }
            if !flow && b == Self.tab { throw Refusal() }
            var q = at
            while s[q] == Self.space || (flow && s[q] == Self.tab) { q += 1 }
            let n = s[q]
            if n == Self.tab { throw Refusal() }
            // Blanks end the scalar before a comment, the end of the line, a `: ` and, in flow
            // context, an indicator; before anything else they are part of it.
            if n == Self.hash || n == Self.newline || q >= count { break }
            if n == UInt8(ascii: ":") {
                let after = q + 1
                if after >= count || s[after] == Self.space || s[after] == Self.tab || s[after] == Self.newline {
                    break
                }
            }
            if flow && cls[Int(n)] == Self.flowIndicator { break }
            if cls[Int(n)] & Self.bad != 0 { throw Refusal() }
            at = q
        }
        p = at
        let b = s[at]
        if cls[Int(b)] & Self.bad != 0 && at < count { throw Refusal() }
        var endedLine = b == Self.newline || at >= count
        if b == Self.space || b == Self.tab {
            var q = at
            while s[q] == Self.space || s[q] == Self.tab { q += 1 }
            endedLine = s[q] == Self.newline || q >= count
        }
        return (try addScalar(start: start, end: end), endedLine)
    }

    private mutating func singleQuoted() throws(Refusal) -> Int32 {
        p += 1
        let start = p
        var arenaStart = -1
        while true {
            let b = s[p]
            if b == UInt8(ascii: "'") {
                if s[p + 1] != UInt8(ascii: "'") { break }
                // `''` is one quote.
                if arenaStart < 0 {
                    arenaStart = arena.count
                    arena.append(contentsOf: UnsafeBufferPointer(start: s + start, count: p - start))
                }
                arena.append(b)
                p += 2
                continue
            }
            if b != Self.tab && cls[Int(b)] & (Self.bad | Self.lineBreak) != 0 { throw Refusal() }
            if arenaStart >= 0 { arena.append(b) }
            p += 1
        }
        let node =
            arenaStart < 0 ? try addScalar(start: start, end: p, quoted: true) : try addArenaScalar(from: arenaStart)
        p += 1
        return node
    }

    private mutating func doubleQuoted() throws(Refusal) -> Int32 {
        p += 1
        let start = p
        var arenaStart = -1
        while true {
            let b = s[p]
            if b == UInt8(ascii: "\"") { break }
            if b == UInt8(ascii: "\\") {
                if arenaStart < 0 {
                    arenaStart = arena.count
                    arena.append(contentsOf: UnsafeBufferPointer(start: s + start, count: p - start))
                }
                arena.append(try escape())
                continue
            }
            if b != Self.tab && cls[Int(b)] & (Self.bad | Self.lineBreak) != 0 { throw Refusal() }
            if arenaStart >= 0 { arena.append(b) }
            p += 1
        }
        let node =
            arenaStart < 0 ? try addScalar(start: start, end: p, quoted: true) : try addArenaScalar(from: arenaStart)
        p += 1
        return node
    }

    /// A double-quoted scalar's escape at `p` (the backslash), as libyaml decodes it; only those
    /// that stand for an ASCII character (the others, and `\` at the end of a line, are
    /// refused).
    private mutating func escape() throws(Refusal) -> UInt8 {
        let code = s[p + 1]
        var digits = 0
        var value: UInt8 = 0
        switch code {
        case UInt8(ascii: "0"): value = 0
        case UInt8(ascii: "a"): value = 0x07
        case UInt8(ascii: "b"): value = 0x08
        case UInt8(ascii: "t"), Self.tab: value = 0x09
        case UInt8(ascii: "n"): value = 0x0A
        case UInt8(ascii: "v"): value = 0x0B
        case UInt8(ascii: "f"): value = 0x0C
        case UInt8(ascii: "r"): value = 0x0D
        case UInt8(ascii: "e"): value = 0x1B
        case Self.space: value = 0x20
        case UInt8(ascii: "\""): value = 0x22
        case UInt8(ascii: "/"): value = 0x2F
        case UInt8(ascii: "\\"): value = 0x5C
        case UInt8(ascii: "x"): digits = 2
        case UInt8(ascii: "u"): digits = 4
        case UInt8(ascii: "U"): digits = 8
        default: throw Refusal()
        }
        p += 2
        guard digits > 0 else { return value }
        guard p + digits <= count else { throw Refusal() }
        var code32: UInt32 = 0
        for k in 0..<digits {
            let d = s[p + k]
            let nibble: UInt32
            switch d {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = UInt32(d - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = UInt32(d - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = UInt32(d - UInt8(ascii: "A") + 10)
            default: throw Refusal()
            }
            code32 = code32 << 4 | nibble
        }
        guard code32 <= 0x7F else { throw Refusal() }
        p += digits
        return UInt8(code32)
    }
}

/// An append-only buffer of plain values, without an array's checks on every append; its owner
/// frees it.
private struct Growable<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    func free() { base.deallocate() }

    subscript(_ index: Int) -> Element { base[index] }

    @inline(__always) mutating func append(_ element: Element) {
        if count == capacity { grow(to: count + 1) }
        (base + count).initialize(to: element)
        count &+= 1
    }

    mutating func append(_ elements: UnsafePointer<Element>, count added: Int) {
        if count + added > capacity { grow(to: count + added) }
        (base + count).initialize(from: elements, count: added)
        count += added
    }

    mutating func removeLast(_ removed: Int) { count -= removed }

    private mutating func grow(to needed: Int) {
        let larger = Swift.max(capacity * 2, needed)
        let moved = UnsafeMutablePointer<Element>.allocate(capacity: larger)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    func array() -> [Element] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The elements' memory, now the caller's to free (not copied); this is left empty.
    mutating func take() -> UnsafeBufferPointer<Element> {
        let taken = UnsafeBufferPointer(start: base, count: count)
        base = .allocate(capacity: 16)
        capacity = 16
        count = 0
        return taken
    }
}
