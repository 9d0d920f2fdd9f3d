import PCIeTLP

/// Reads a tuple entry written as a flow mapping on one line —
/// `- {name: buf-0, flags: [st], steering_tag: 0, ph: 0, ranges: [{base: 0x1000, size: 0x1000}], requesters: ["04:00.0"]}`,
/// the way generated files of 10,000 tuples are written, in YAML or as JSON
/// (`{"name": "buf-0", "ph": 0, ...}`) — straight from the file's bytes while
/// ``ConfigSubsetParser`` reads the file, instead of making a node of every value for
/// ``QuickTupleReader`` to read back.
///
/// It reads a narrow form: keys from the tuple's set, each once; keys and values that are plain
/// words (letters, digits, `_ . / + -` and a `:` inside) or double-quoted without escapes (numbers
/// plain only); `: ` after a key; flags, ranges and requesters as `[...]` lists; spaces only, all
/// on the line. For every entry it
/// reads, it gives the tuple ``QuickTupleReader`` gives from the parser's tree (tested on random
/// lines); the completer check is left to the caller, as the file may name its completer after
/// its tuples. For anything else — a tab, an escape, a line break inside the braces, an unknown
/// key, a value out of range — it gives nil, and the parser reads the entry as any other.
struct TupleLineReader {
    private(set) var tuples: [PublishedTuple] = []
    /// The requesters of the last tuple read, shared with the next one that has the same.
    private var lastRequesters: [PCIID] = []

    /// Values (nodes) the tree would have held for the entries read, beyond one per entry.
    private(set) var valuesNotInTree = 0

    private let s: UnsafePointer<UInt8>
    /// The file's size: no line goes past it.
    private let count: Int
    private let classes = Self.classes

    /// `bytes` (`count` of them) ends in a byte that is not part of any value (the parser's zero
    /// padding).
    init(bytes: UnsafePointer<UInt8>, count: Int) {
        s = bytes
        self.count = count
        // About a tuple per 100 bytes in generated files: one allocation rather than ~15.
        tuples.reserveCapacity(count / 100)
        // Half full at most for entries of 100 bytes on average (a generated one is about 125);
        // a file of shorter ones fills it, and its names are then compared by the caller.
        var slots = 64
        while slots < count / 50 { slots *= 2 }
        nameSlots = Array(repeating: NameSlot(index: 0, hash: 0), count: slots)
    }

    // MARK: byte classes

    private static let word: UInt8 = 1  // letters, digits, _ . / + -
    private static let wordStart: UInt8 = 2  // letters, digits, _
    private static let quotable: UInt8 = 4  // printable ASCII but `"` and `\`

    /// The class of each byte, in memory that lives as long as the process (read without an
    /// array's checks or a closure per line).
    /// Written once, before any read (a `let`), and never again: safe to share.
    nonisolated(unsafe) private static let classes: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for byte in 0..<256 {
            var bits: UInt8 = 0
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F: bits = word | wordStart
            case 0x2E, 0x2F, 0x2B, 0x2D: bits = word
            default: break
            }
            if (0x20...0x7E).contains(byte) && byte != 0x22 && byte != 0x5C { bits |= quotable }
            table[byte] = bits
        }
        return UnsafePointer(table)
    }()

    private enum Key: Int {
        case name, dmabufFD, flags, steeringTag, steeringTagExt, ph, ranges, requesters
    }

    /// Reads the flow mapping whose `{` is at `start`, on line `line`: the index of its tuple in
    /// ``tuples`` and the offset just past its `}`, or nil (and nothing is kept).
    mutating func read(at start: Int, line: Int32) -> (tuple: Int32, end: Int)? {
        if let read = readLikeTemplate(at: start, line: line) { return read }
        var scan = Scan(s: s, cls: classes, p: start + 1)
        marks.removeAll(keepingCapacity: true)
        guard let read = read(&scan, line: line) else { return nil }
        template = Template(marks: marks, bytes: s, start: start, end: read.end, shape: lastShape)
        return read
    }

    private mutating func read(_ scan: inout Scan, line: Int32) -> (tuple: Int32, end: Int)? {
        var seen: UInt8 = 0
        var name: Token?
        var flags: TupleFlags = []
        var ph: UInt64?
        var steeringTag: UInt8?
        var steeringTagExt: UInt16?
        var dmabufFD: Int32?
        var ranges: [AddressRange] = []
        var requesters: [PCIID] = []
        var values = 1
        scan.spaces()
        while true {
            guard let keyToken = scan.scalar(), let key = Self.key(scan.bytes(keyToken)) else { return nil }
            let bit: UInt8 = 1 << UInt8(key.rawValue)
            guard seen & bit == 0 else { return nil }
            seen |= bit
            scan.spaces()
            guard scan.take(UInt8(ascii: ":")), scan.take(0x20) else { return nil }
            scan.spaces()
            values += 2
            switch key {
            case .name:
                guard let token = scan.scalar() else { return nil }
                mark(.name, token)
                name = token
            case .ph:
                guard let (value, token) = scan.number(max: 3) else { return nil }
                mark(.ph, token)
                ph = value
            case .steeringTag:
                guard let (value, token) = scan.number(max: 0xFF) else { return nil }
                mark(.steeringTag, token)
                steeringTag = UInt8(value)
            case .steeringTagExt:
                guard let (value, token) = scan.number(max: 0xFFFF) else { return nil }
                mark(.steeringTagExt, token)
                steeringTagExt = UInt16(value)
            case .dmabufFD:
                guard let (value, token) = scan.number(max: UInt64(Int32.max)) else { return nil }
                mark(.dmabufFD, token)
                dmabufFD = Int32(value)
            case .flags:
                guard var more = scan.openList() else { return nil }
                while more {
                    guard let token = scan.scalar(), let flag = Self.flag(scan.bytes(token)) else { return nil }
                    flags.insert(flag)
                    values += 1
                    guard let next = scan.nextItem() else { return nil }
                    more = next
                }
            case .ranges:
                guard var more = scan.openList(), more, let first = scan.addressRange(marking: &marks) else {
                    return nil
                }
                ranges = [first]
                values += 5
                while true {
                    guard let next = scan.nextItem() else { return nil }
                    more = next
                    guard more else { break }
                    guard let range = scan.addressRange(marking: &marks) else { return nil }
                    ranges.append(range)
                    values += 5
                }
            case .requesters:
                var shared = SharedRequesters()
                guard var more = scan.openList() else { return nil }
                while more {
                    guard let token = scan.scalar(), let id = ConfigNode.parsePCIID(scan.bytes(token)) else {
                        return nil
                    }
                    mark(.requester, token)
                    shared.append(id, last: lastRequesters, to: &requesters)
                    guard let next = scan.nextItem() else { return nil }
                    more = next
                }
                values += shared.count
                shared.finish(&requesters, last: lastRequesters)
            }
            scan.spaces()
            if scan.take(UInt8(ascii: "}")) { break }
            guard scan.take(UInt8(ascii: ",")) else { return nil }
            scan.spaces()
        }
        guard let name, let ph, !ranges.isEmpty else { return nil }
        if flags.contains(.st), steeringTag == nil { return nil }
        if flags.contains(.stExt), steeringTagExt == nil { return nil }
        let hasRequesters = seen & (1 << UInt8(Key.requesters.rawValue)) != 0
        if hasRequesters { lastRequesters = requesters }
        valuesNotInTree += values - 1
        lastShape = Shape(flags: flags, hasRequesters: hasRequesters, ranges: ranges.count, values: values)
        let tuple = PublishedTuple(
            name: Self.string(scan.bytes(name)), dmabufFD: dmabufFD, flags: flags,
            steeringTag: steeringTag, steeringTagExt: steeringTagExt, ph: UInt8(ph), ranges: consume ranges,
            requesters: consume requesters, line: Int(line))
        tuples.append(consume tuple)
        noteName(name, of: tuples.count - 1)
        return (Int32(tuples.count - 1), scan.p)
    }

    private mutating func mark(_ slot: Slot, _ token: Token) { marks.append(Mark(slot: slot, token: token)) }

    // MARK: lines like the last

    /// What a value of a line is.
    private enum Slot: UInt8 {
        case name, ph, steeringTag, steeringTagExt, dmabufFD, base, size, requester
    }

    /// A value the last line read had, where it had it.
    private struct Mark {
        var slot: Slot
        var token: Token
    }

    /// What the last line read held besides its values.
    private struct Shape {
        var flags: TupleFlags = []
        var hasRequesters = false
        var ranges = 0
        /// The values (nodes) the tree would have made of it.
        var values = 0
    }

    /// The values of the line being read.
    private var marks: [Mark] = []
    private var lastShape = Shape()
    /// The last line read, as the text between its values (``Template/none`` before the first).
    private var template = Template.none

    /// A line seen as its values and the text around them (keys, punctuation, spaces, flags).
    /// A line that has the same text around values of the same kinds reads as that line did:
    /// the text decides every key and every boundary, so only the values are read and checked.
    private struct Template {
        /// The text before each value, then after the last, one after the other (then 8 zeros).
        var text: [UInt8]
        /// The bytes of ``text`` before its zeros.
        var length: Int
        /// A value and the text before it.
        struct Step {
            /// Where the text before the value ends in ``text``.
            var end: Int
            var slot: Slot
            /// Written in double quotes (the quotes are part of the text around it).
            var quoted: Bool
        }
        var steps: [Step]
        var flags: TupleFlags
        var hasRequesters: Bool
        var values: Int

        /// No line yet: matches nothing (a line holds at least a `{`).
        static let none = Template()

        private init() {
            text = []
            length = -1
            steps = []
            flags = []
            hasRequesters = false
            values = 0
        }

        init(marks: [Mark], bytes s: UnsafePointer<UInt8>, start: Int, end: Int, shape: Shape) {
            text = []
            steps = []
            var at = start
            for mark in marks {
                text.append(contentsOf: UnsafeBufferPointer(start: s + at, count: mark.token.start - at))
                steps.append(
                    Step(end: text.count, slot: mark.slot, quoted: s[mark.token.start - 1] == UInt8(ascii: "\"")))
                at = mark.token.end
            }
            text.append(contentsOf: UnsafeBufferPointer(start: s + at, count: end - at))
            length = text.count
            // Room for the last 8-byte load of ``Scan/literal``.
            text.append(contentsOf: repeatElement(0, count: 8))
            flags = shape.flags
            hasRequesters = shape.hasRequesters
            values = shape.values
        }
    }

    /// Reads the line at `start` as one like the last line read (see ``Template``), or gives nil
    /// (and nothing is kept).
    private mutating func readLikeTemplate(at start: Int, line: Int32) -> (tuple: Int32, end: Int)? {
        // Read in place (a copy would retain its arrays on every line).
        guard template.length >= 0 else { return nil }
        var scan = Scan(s: s, cls: classes, p: start)
        var name = Token(start: 0, end: 0)
        var ph: UInt64 = 0
        var steeringTag: UInt8?
        var steeringTagExt: UInt16?
        var dmabufFD: Int32?
        var ranges: [AddressRange] = []
        var base: UInt64?
        var size: UInt64?
        var requesters: [PCIID] = []
        var shared = SharedRequesters()
        let last = lastRequesters
        let limit = self.count
        let read = template.text.withUnsafeBufferPointer { text -> Bool in
            template.steps.withUnsafeBufferPointer { steps -> Bool in
                var from = 0
                for step in steps {
                    guard scan.literal(text, from, step.end, limit: limit) else { return false }
                    from = step.end
                    guard let token = step.quoted ? scan.quotedContent() : scan.word() else { return false }
                    switch step.slot {
                    case .name:
                        name = token
                    case .ph:
                        guard let value = scan.number(token, max: 3) else { return false }
                        ph = value
                    case .steeringTag:
                        guard let value = scan.number(token, max: 0xFF) else { return false }
                        steeringTag = UInt8(value)
                    case .steeringTagExt:
                        guard let value = scan.number(token, max: 0xFFFF) else { return false }
                        steeringTagExt = UInt16(value)
                    case .dmabufFD:
                        guard let value = scan.number(token, max: UInt64(Int32.max)) else { return false }
                        dmabufFD = Int32(value)
                    case .base, .size:
                        guard let value = scan.number(token, max: .max) else { return false }
                        if step.slot == .base { base = value } else { size = value }
                        guard let start = base, let length = size else { continue }
                        guard length > 0, start <= UInt64.max - (length - 1) else { return false }
                        if ranges.isEmpty {
                            ranges = [AddressRange(base: start, size: length)]
                        } else {
                            ranges.append(AddressRange(base: start, size: length))
                        }
                        base = nil
                        size = nil
                    case .requester:
                        guard let id = ConfigNode.parsePCIID(scan.bytes(token)) else { return false }
                        shared.append(id, last: last, to: &requesters)
                    }
                }
                return scan.literal(text, from, template.length, limit: limit)
            }
        }
        guard read else { return nil }
        if template.hasRequesters {
            shared.finish(&requesters, last: last)
            lastRequesters = requesters
        }
        valuesNotInTree += template.values - 1
        let tuple = PublishedTuple(
            name: Self.string(scan.bytes(name)), dmabufFD: dmabufFD, flags: template.flags,
            steeringTag: steeringTag, steeringTagExt: steeringTagExt, ph: UInt8(ph), ranges: consume ranges,
            requesters: consume requesters, line: Int(line))
        tuples.append(consume tuple)
        noteName(name, of: tuples.count - 1)
        return (Int32(tuples.count - 1), scan.p)
    }

    // MARK: names

    /// True while no two tuples read have the same name's hash; false once two do, or once its
    /// table is too full or its probes too long to tell quickly (the caller then compares the
    /// names itself). Checking here, from the bytes in hand, costs a fifth of what a
    /// `Set<String>` of the names does.
    private(set) var namesDistinct = true
    /// Open addressing: a tuple's index + 1 (0: an empty slot) and its name's hash; sized once.
    private var nameSlots: [NameSlot]
    private struct NameSlot {
        var index: Int32
        var hash: UInt64
    }
    private var namesPlaced = 0
    /// Varies per process, so no file makes its names collide on purpose.
    private static let nameSeed = UInt64.random(in: 0 ... .max)

    private mutating func noteName(_ name: Token, of index: Int) {
        guard namesDistinct else { return }
        namesPlaced += 1
        guard namesPlaced * 2 <= nameSlots.count else {
            namesDistinct = false
            return
        }
        // Eight bytes at a time (the bytes past the name masked off; the file's buffer has 8 to
        // spare at its end), each word mixed in, then MurmurHash3's finalizer.
        var hash = Self.nameSeed ^ UInt64(name.end - name.start)
        var at = name.start
        while at < name.end {
            var word = UnsafeRawPointer(s + at).loadUnaligned(as: UInt64.self)
            let left = name.end - at
            if left < 8 { word &= (1 << UInt64(left * 8)) &- 1 }
            hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
            at += 8
        }
        hash = (hash ^ hash >> 33) &* 0xFF51_AFD7_ED55_8CCD
        hash = (hash ^ hash >> 33) &* 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        let mask = nameSlots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        // Two names of one 64-bit hash are taken as the same: the caller then compares every
        // name, which tells a duplicate from (a most unlikely) collision.
        let placed: Bool = nameSlots.withUnsafeMutableBufferPointer { slots in
            for _ in 0..<64 {
                let occupant = slots[slot]
                if occupant.index == 0 {
                    slots[slot] = NameSlot(index: Int32(truncatingIfNeeded: index + 1), hash: hash)
                    return true
                }
                if occupant.hash == hash { return false }
                slot = (slot + 1) & mask
            }
            return false
        }
        if !placed { namesDistinct = false }
    }

    /// A name's bytes (ASCII, as the narrow form reads them) as a `String`, written into its
    /// storage (a short one is kept inside the `String`).
    @inline(__always)
    private static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { buffer in
            _ = buffer.initialize(fromContentsOf: bytes)
            return bytes.count
        }
    }

    private static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Key? {
        switch bytes.count {
        case 2: equal(bytes, "ph") ? .ph : nil
        case 4: equal(bytes, "name") ? .name : nil
        case 5: equal(bytes, "flags") ? .flags : nil
        case 6: equal(bytes, "ranges") ? .ranges : nil
        case 9: equal(bytes, "dmabuf_fd") ? .dmabufFD : nil
        case 10: equal(bytes, "requesters") ? .requesters : nil
        case 12: equal(bytes, "steering_tag") ? .steeringTag : nil
        case 16: equal(bytes, "steering_tag_ext") ? .steeringTagExt : nil
        default: nil
        }
    }

    private static func flag(_ bytes: UnsafeBufferPointer<UInt8>) -> TupleFlags? {
        equal(bytes, "st") ? .st : equal(bytes, "st_ext") ? .stExt : nil
    }

    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        guard bytes.count == text.utf8CodeUnitCount else { return false }
        let other = text.utf8Start
        for index in 0..<bytes.count where bytes[index] != other[index] { return false }
        return true
    }

    /// A value's bytes: `s[start..<end]`.
    private struct Token {
        var start: Int
        var end: Int
    }

    /// The position in the line, and the readers of its pieces; each gives nil (or false) at
    /// anything outside the narrow form.
    private struct Scan {
        let s: UnsafePointer<UInt8>
        let cls: UnsafePointer<UInt8>
        var p: Int

        func bytes(_ token: Token) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(start: s + token.start, count: token.end - token.start)
        }

        @inline(__always) mutating func spaces() { while s[p] == 0x20 { p += 1 } }

        @inline(__always) mutating func take(_ byte: UInt8) -> Bool {
            guard s[p] == byte else { return false }
            p += 1
            return true
        }

        /// A plain word: a letter, digit or `_`, then word bytes, with a `:` inside one only
        /// when a word byte follows it.
        mutating func word() -> Token? {
            let start = p
            guard cls[Int(s[p])] & TupleLineReader.wordStart != 0 else { return nil }
            p += 1
            while true {
                let b = s[p]
                if cls[Int(b)] & TupleLineReader.word != 0 {
                    p += 1
                } else if b == UInt8(ascii: ":") && cls[Int(s[p + 1])] & TupleLineReader.word != 0 {
                    p += 2
                } else {
                    break
                }
            }
            // What may follow a value in the narrow form: a space, `,`, `}`, `]` or the `:` of a key.
            switch s[p] {
            case 0x20, UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ":"):
                return Token(start: start, end: p)
            default: return nil
            }
        }

        /// A word, or a non-empty double-quoted string without escapes.
        mutating func scalar() -> Token? {
            guard s[p] == UInt8(ascii: "\"") else { return word() }
            let start = p + 1
            var at = start
            while cls[Int(s[at])] & TupleLineReader.quotable != 0 { at += 1 }
            guard s[at] == UInt8(ascii: "\""), at > start else { return nil }
            p = at + 1
            return Token(start: start, end: at)
        }

        /// `text[from..<to]` at the position, stepped over; false at any other byte (or past
        /// `limit`, the file's end).
        mutating func literal(_ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, limit: Int) -> Bool {
            let count = to - from
            guard let start = text.baseAddress, count <= limit - p else { return false }
            let here = UnsafeRawPointer(s + p)
            let there = UnsafeRawPointer(start + from)
            var offset = 0
            while offset + 8 <= count {
                guard
                    here.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                        == there.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                else { return false }
                offset += 8
            }
            // The last 1 to 7 bytes in one load each, the bytes past them masked off: both
            // buffers have 8 bytes to spare after their text (the file its zeros, the template
            // its own).
            let tail = count - offset
            if tail > 0 {
                let mask: UInt64 = (1 << UInt64(tail * 8)) &- 1
                let difference =
                    here.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    ^ there.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                guard difference & mask == 0 else { return false }
            }
            p += count
            return true
        }

        /// The text of a double-quoted value whose opening quote is behind: non-empty, without
        /// escapes (the closing quote is the caller's to check).
        mutating func quotedContent() -> Token? {
            let start = p
            while cls[Int(s[p])] & TupleLineReader.quotable != 0 { p += 1 }
            return p > start ? Token(start: start, end: p) : nil
        }

        /// A word read as a number of at most `max`.
        func number(_ token: Token, max: UInt64) -> UInt64? {
            guard let value = ConfigNode.parseUnsigned(bytes(token)), value <= max else { return nil }
            return value
        }

        /// An unsigned integer word as ``ConfigNode/parseUnsigned(_:)-(UnsafeBufferPointer<UInt8>)`` reads it.
        mutating func number(max: UInt64) -> (UInt64, Token)? {
            guard let token = word(), let value = ConfigNode.parseUnsigned(bytes(token)), value <= max else {
                return nil
            }
            return (value, token)
        }

        /// A list's `[`: whether an item follows (false for `[]`), or nil when there is none.
        mutating func openList() -> Bool? {
            guard take(UInt8(ascii: "[")) else { return nil }
            spaces()
            return !take(UInt8(ascii: "]"))
        }

        /// After a list's item: whether another follows (`,`), false at the list's `]`, nil at
        /// anything else.
        mutating func nextItem() -> Bool? {
            spaces()
            if take(UInt8(ascii: "]")) { return false }
            guard take(UInt8(ascii: ",")) else { return nil }
            spaces()
            return true
        }

        /// `{base: N, size: N}` (either order): a non-empty range inside the 64-bit space.
        mutating func addressRange(marking marks: inout [Mark]) -> AddressRange? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var base: UInt64?
            var size: UInt64?
            spaces()
            while true {
                guard let key = scalar() else { return nil }
                let keyBytes = bytes(key)
                spaces()
                guard take(UInt8(ascii: ":")), take(0x20) else { return nil }
                spaces()
                guard let (value, token) = number(max: .max) else { return nil }
                if TupleLineReader.equal(keyBytes, "base"), base == nil {
                    base = value
                    marks.append(Mark(slot: .base, token: token))
                } else if TupleLineReader.equal(keyBytes, "size"), size == nil {
                    size = value
                    marks.append(Mark(slot: .size, token: token))
                } else {
                    return nil
                }
                spaces()
                if take(UInt8(ascii: "}")) { break }
                guard take(UInt8(ascii: ",")) else { return nil }
                spaces()
            }
            guard let base, let size, size > 0, base <= UInt64.max - (size - 1) else { return nil }
            return AddressRange(base: base, size: size)
        }
    }
}
