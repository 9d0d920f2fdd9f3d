import PCIeTLP

/// Reads an ordinary tuple entry straight from the ``ConfigTree``, without a ``ConfigNode`` per
/// value: the common case of a 10,000-tuple file. It gives nil for any entry it does not read
/// through to a tuple — an error of any kind, a dma-buf given as `region_index` and
/// `dma_ranges`, anything unusual — and the entry is then read by `TupleFile.parseTuple`, with
/// its messages. For every entry it reads, it gives what `parseTuple` gives.
struct QuickTupleReader {
    private let tree: ConfigTree
    /// The requesters of the last tuple read, shared with the next one that has the same.
    private var lastRequesters: [PCIID] = []

    init(_ tree: ConfigTree) { self.tree = tree }

    private enum Key: Int {
        case name, dmabufFD, flags, steeringTag, steeringTagExt, ph, ranges, requesters
    }

    mutating func read(_ entry: Int32, completer: CompleterTPH?) -> PublishedTuple? {
        var read: [PublishedTuple] = []
        return self.read(entry, completer: completer, appendingTo: &read) ? read.first : nil
    }

    /// Appends the entry's tuple to `tuples` (built in place), or returns false.
    mutating func read(_ entry: Int32, completer: CompleterTPH?, appendingTo tuples: inout [PublishedTuple]) -> Bool {
        let nodes = tree.nodes
        let mapping = nodes[Int(entry)]
        guard mapping.kind == .mapping else { return false }
        var values: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32) = (-1, -1, -1, -1, -1, -1, -1, -1)
        let pairs = Int(mapping.count) / 2
        for pair in 0..<pairs {
            let key = tree.children[Int(mapping.start) + 2 * pair]
            guard let slot = Self.key(tree, key) else { return false }
            let value = tree.children[Int(mapping.start) + 2 * pair + 1]
            let filled = withUnsafeMutableBytes(of: &values) { raw -> Bool in
                let slots = raw.assumingMemoryBound(to: Int32.self)
                if slots[slot.rawValue] >= 0 { return false }
                slots[slot.rawValue] = value
                return true
            }
            guard filled else { return false }
        }
        let (nameNode, fdNode, flagsNode, stNode, stExtNode, phNode, rangesNode, requestersNode) = values
        guard nameNode >= 0, phNode >= 0, rangesNode >= 0, isScalar(nameNode) else { return false }

        var flags: TupleFlags = []
        var failed = false
        if flagsNode >= 0 {
            forEachMember(flagsNode) { flag in
                if isScalar(flag), let one = tree.withBytes(flag, Self.flag) {
                    flags.insert(one)
                } else {
                    failed = true
                }
            }
        }
        guard !failed, let ph = number(phNode, max: 3) else { return false }
        var steeringTag: UInt8?
        if stNode >= 0 {
            guard let value = number(stNode, max: 0xFF) else { return false }
            steeringTag = UInt8(value)
        }
        var steeringTagExt: UInt16?
        if stExtNode >= 0 {
            guard let value = number(stExtNode, max: 0xFFFF) else { return false }
            steeringTagExt = UInt16(value)
        }
        if flags.contains(.st), steeringTag == nil { return false }
        if flags.contains(.stExt), steeringTagExt == nil { return false }
        if TupleFile.completerRefusal(flags, completer: completer) != nil { return false }
        var dmabufFD: Int32?
        if fdNode >= 0 {
            guard let value = number(fdNode, max: UInt64(Int32.max)) else { return false }
            dmabufFD = Int32(value)
        }

        let list = nodes[Int(rangesNode)]
        guard list.kind == .sequence, list.count > 0 else { return false }
        guard let first = addressRange(tree.children[Int(list.start)]) else { return false }
        var ranges = [first]
        if list.count > 1 {
            for member in 1..<Int(list.count) {
                guard let range = addressRange(tree.children[Int(list.start) + member]) else { return false }
                ranges.append(range)
            }
        }
        var requesters: [PCIID] = []
        if requestersNode >= 0 {
            var shared = SharedRequesters()
            forEachMember(requestersNode) { node in
                guard isScalar(node), let id = tree.withBytes(node, ConfigNode.parsePCIID) else {
                    failed = true
                    return
                }
                shared.append(id, last: lastRequesters, to: &requesters)
            }
            guard !failed else { return false }
            shared.finish(&requesters, last: lastRequesters)
            lastRequesters = requesters
        }
        tuples.append(
            PublishedTuple(
                name: tree.string(nameNode), dmabufFD: dmabufFD, flags: flags, steeringTag: steeringTag,
                steeringTagExt: steeringTagExt, ph: UInt8(ph), ranges: ranges, requesters: requesters,
                line: mapping.line == 0 ? nil : Int(mapping.line)))
        return true
    }

    private func isScalar(_ node: Int32) -> Bool { tree.nodes[Int(node)].kind == .scalar }

    /// A list's members, or a single value standing for a one-element list (`ConfigNode.list`).
    private func forEachMember(_ node: Int32, _ body: (Int32) -> Void) {
        let list = tree.nodes[Int(node)]
        guard list.kind == .sequence else { return body(node) }
        for member in 0..<Int(list.count) { body(tree.children[Int(list.start) + member]) }
    }

    private func number(_ node: Int32, max: UInt64) -> UInt64? {
        guard isScalar(node), let value = tree.withBytes(node, ConfigNode.parseUnsigned), value <= max else {
            return nil
        }
        return value
    }

    /// `{ base: ..., size: ... }` as `ConfigNode.addressRange` reads it.
    private func addressRange(_ node: Int32) -> AddressRange? {
        let mapping = tree.nodes[Int(node)]
        guard mapping.kind == .mapping else { return nil }
        var base: Int32 = -1
        var size: Int32 = -1
        for pair in 0..<Int(mapping.count) / 2 {
            let key = tree.children[Int(mapping.start) + 2 * pair]
            let value = tree.children[Int(mapping.start) + 2 * pair + 1]
            guard isScalar(key) else { return nil }
            switch tree.withBytes(key, Self.rangeKey) {
            case 0? where base < 0: base = value
            case 1? where size < 0: size = value
            default: return nil
            }
        }
        guard base >= 0, size >= 0, let start = number(base, max: .max), let length = number(size, max: .max),
            length > 0, start <= UInt64.max - (length - 1)
        else { return nil }
        return AddressRange(base: start, size: length)
    }

    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        guard bytes.count == text.utf8CodeUnitCount else { return false }
        let other = text.utf8Start
        for index in 0..<bytes.count where bytes[index] != other[index] { return false }
        return true
    }

    private static func key(_ tree: ConfigTree, _ key: Int32) -> Key? {
        guard tree.nodes[Int(key)].kind == .scalar else { return nil }
        return tree.withBytes(key) { bytes -> Key? in
            switch bytes.count {
            case 2: return equal(bytes, "ph") ? .ph : nil
            case 4: return equal(bytes, "name") ? .name : nil
            case 5: return equal(bytes, "flags") ? .flags : nil
            case 6: return equal(bytes, "ranges") ? .ranges : nil
            case 9: return equal(bytes, "dmabuf_fd") ? .dmabufFD : nil
            case 10: return equal(bytes, "requesters") ? .requesters : nil
            case 12: return equal(bytes, "steering_tag") ? .steeringTag : nil
            case 16: return equal(bytes, "steering_tag_ext") ? .steeringTagExt : nil
            default: return nil
            }
        }
    }

    private static func rangeKey(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        equal(bytes, "base") ? 0 : equal(bytes, "size") ? 1 : nil
    }

    private static func flag(_ bytes: UnsafeBufferPointer<UInt8>) -> TupleFlags? {
        equal(bytes, "st") ? .st : equal(bytes, "st_ext") ? .stExt : nil
    }
}
