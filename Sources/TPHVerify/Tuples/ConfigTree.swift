import Yams

/// A parsed tuple or rules file: every node in one flat array, scalars as bytes. Built either
/// by ``ConfigSubsetParser`` (the common files, in one pass over their bytes) or from the tree
/// Yams composes (everything else); both give the same tree for a file they both read.
final class ConfigTree {
    enum Kind: UInt8 {
        case scalar, sequence, mapping
        /// A node none of whose accessors answer (Yams's `.alias`, which `compose` never leaves).
        case other
        /// An entry of a tuple file's `tuples` list read by ``TupleLineReader``: `start` indexes
        /// ``ConfigTree/prereadTuples``. None of the accessors answer it either.
        case tuple
    }

    struct Node: Equatable {
        var kind: Kind
        /// The scalar carries the tag `!!str`, from which Yams's `Bool.construct` gives nil.
        var stringTag: Bool
        /// 1-based line of the node's start; 0 when unknown.
        var line: Int32
        /// Scalars: the value's bytes in ``ConfigTree/bytes``. Collections: their children in
        /// ``ConfigTree/children`` (mappings: key, value, key, value, ...).
        var start: Int32
        var count: Int32
    }

    /// The tree's own copies (freed with it), read without an array's checks.
    let nodes: UnsafeBufferPointer<Node>
    let children: UnsafeBufferPointer<Int32>
    let bytes: UnsafeBufferPointer<UInt8>
    let root: Int32
    /// What Yams's `Node.string` gives for a mapping (only one with a `!!value` key has one).
    let mappingStrings: [Int32: String]
    /// The tuples of the ``Kind/tuple`` nodes.
    let prereadTuples: [PublishedTuple]
    /// No two of ``prereadTuples`` have the same name (false: they may).
    let prereadNamesDistinct: Bool

    convenience init(
        nodes: [Node], children: [Int32], bytes: [UInt8], root: Int32, mappingStrings: [Int32: String] = [:],
        prereadTuples: [PublishedTuple] = []
    ) {
        self.init(
            ownedNodes: Self.copy(nodes), ownedChildren: Self.copy(children), ownedBytes: Self.copy(bytes), root: root,
            mappingStrings: mappingStrings, prereadTuples: prereadTuples, prereadNamesDistinct: false)
    }

    /// The `owned` buffers (allocated by the caller) are the tree's from now on, freed with it:
    /// a file's megabyte and its nodes are not copied once more.
    init(
        ownedNodes: UnsafeBufferPointer<Node>, ownedChildren: UnsafeBufferPointer<Int32>,
        ownedBytes: UnsafeBufferPointer<UInt8>, root: Int32, mappingStrings: [Int32: String] = [:],
        prereadTuples: [PublishedTuple] = [], prereadNamesDistinct: Bool = false
    ) {
        self.nodes = ownedNodes
        self.children = ownedChildren
        self.bytes = ownedBytes
        self.root = root
        self.mappingStrings = mappingStrings
        self.prereadTuples = prereadTuples
        self.prereadNamesDistinct = prereadNamesDistinct
    }

    deinit {
        nodes.deallocate()
        children.deallocate()
        bytes.deallocate()
    }

    private static func copy<T: BitwiseCopyable>(_ array: [T]) -> UnsafeBufferPointer<T> {
        let copy = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
        _ = copy.initialize(from: array)
        return UnsafeBufferPointer(copy)
    }

    func string(_ index: Int32) -> String { withBytes(index) { String(decoding: $0, as: UTF8.self) } }

    /// The scalar's bytes, for reading without building a `String`.
    @inline(__always) func withBytes<R>(_ index: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let node = nodes[Int(index)]
        return body(UnsafeBufferPointer(rebasing: bytes[Int(node.start)..<Int(node.start + node.count)]))
    }

    /// The `index`-th child of a collection.
    func child(_ node: Int32, _ index: Int) -> Int32 { children[Int(nodes[Int(node)].start) + index] }

    // MARK: from Yams

    /// The tree of a node Yams composed (aliases expanded: the caller has bounded the walk).
    convenience init(yams root: Yams.Node) {
        var builder = Builder()
        let index = builder.add(root)
        self.init(
            nodes: builder.nodes, children: builder.children, bytes: builder.bytes, root: index,
            mappingStrings: builder.mappingStrings)
    }

    private struct Builder {
        var nodes: [Node] = []
        var children: [Int32] = []
        var bytes: [UInt8] = []
        var mappingStrings: [Int32: String] = [:]

        mutating func add(_ node: Yams.Node) -> Int32 {
            let line = Int32(clamping: node.mark?.line ?? 0)
            switch node {
            case .scalar(let scalar):
                let start = Int32(bytes.count)
                bytes.append(contentsOf: scalar.string.utf8)
                nodes.append(
                    Node(
                        kind: .scalar, stringTag: scalar.tag.description == Tag.Name.str.rawValue, line: line,
                        start: start,
                        count: Int32(bytes.count) - start))
            case .mapping(let mapping):
                var members: [Int32] = []
                for (key, value) in mapping {
                    members.append(add(key))
                    members.append(add(value))
                }
                let start = Int32(children.count)
                children.append(contentsOf: members)
                nodes.append(
                    Node(kind: .mapping, stringTag: false, line: line, start: start, count: Int32(members.count)))
                if let string = node.string { mappingStrings[Int32(nodes.count - 1)] = string }
            case .sequence(let sequence):
                let members = sequence.map { add($0) }
                let start = Int32(children.count)
                children.append(contentsOf: members)
                nodes.append(
                    Node(kind: .sequence, stringTag: false, line: line, start: start, count: Int32(members.count)))
            case .alias:
                nodes.append(Node(kind: .other, stringTag: false, line: line, start: 0, count: 0))
            }
            return Int32(nodes.count - 1)
        }
    }
}
