/// A TLP read in place from its wire bytes: the sizes are checked once (prefixes, header, OHC)
/// and fields are read on demand through the accessors of ``TLPWords``, the same ones ``TLP``
/// uses, with no allocation. It is the decoder's sizing step (``TLPDecoder`` builds a ``TLP``
/// from it) and what the verifier's hot path reads.
public struct TLPView: TLPWords {
    public let mode: LinkMode
    public let bytes: UnsafeRawBufferPointer
    public let info: TypeInfo
    /// The header layout, chosen once. Held without reference counting: the view only takes
    /// layouts from ``HeaderLayouts``' static tables, which live as long as the process.
    private let layoutRef: Unmanaged<Layout>
    public var layout: Layout { layoutRef.takeUnretainedValue() }
    /// Number of one-DW prefixes in front of the header.
    public let prefixCount: Int
    /// Bytes of prefixes, header and OHC: where the payload starts.
    public let headerEnd: Int

    /// Sizes the TLP at the start of `bytes`; throws when the bytes end inside the prefixes,
    /// the header or the OHC.
    public init(_ bytes: UnsafeRawBufferPointer, mode: LinkMode) throws(DecodeError) {
        guard !bytes.isEmpty else { throw DecodeError(code: .empty, needed: 4, available: 0, part: "header") }
        var offset = 0
        while offset < bytes.count, TLPDecoder.isPrefix(bytes[offset], mode: mode) {
            guard bytes.count - offset >= 4 else {
                throw .truncated("prefix", needed: offset + 4, available: bytes.count)
            }
            offset += 4
        }
        guard offset < bytes.count else { throw .truncated("header", needed: offset + 4, available: bytes.count) }
        let info = TypeInfo.row(mode, bytes[offset])
        let headerEnd = offset + 4 * info.headerDWs
        guard headerEnd <= bytes.count else { throw .truncated("header", needed: headerEnd, available: bytes.count) }
        var ohcCount = 0
        if mode == .flit, info.kind != .nop, info.kind != .prefix {
            ohcCount = OHCKind.count(dw0: Self.readDW(bytes, offset))
        }
        let end = headerEnd + 4 * ohcCount
        guard end <= bytes.count else { throw .truncated("OHC", needed: end, available: bytes.count) }
        self.mode = mode
        self.bytes = bytes
        self.info = info
        self.prefixCount = offset / 4
        self.headerEnd = end
        let dw1 = info.headerDWs > 1 ? Self.readDW(bytes, offset + 4) : 0
        layoutRef = .passUnretained(
            HeaderLayouts.layout(mode: mode, info: info, dw0: Self.readDW(bytes, offset), dw1: dw1))
    }

    /// A header field read through the layout borrowed in place: no reference is taken.
    @inline(__always)
    public func fieldValue(_ role: FieldRole) -> UInt32? {
        layoutRef._withUnsafeGuaranteedRef { $0.value(role, header: self) }
    }

    @inline(__always)
    static func readDW(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }

    /// Header base DWs (flit) or header DWs (non-flit).
    public var headerDWs: Int { info.headerDWs }

    @inline(__always)
    public func headerWord(_ index: Int) -> UInt32 {
        index < info.headerDWs ? Self.readDW(bytes, 4 * (prefixCount + index)) : 0
    }

    public var prefixWordCount: Int { prefixCount }

    public func prefixWord(_ index: Int) -> UInt32 { Self.readDW(bytes, 4 * index) }

    public var ohcWordCount: Int { headerEnd / 4 - prefixCount - info.headerDWs }

    public func ohcWord(at index: Int) -> UInt32 { Self.readDW(bytes, 4 * (prefixCount + info.headerDWs + index)) }
}

// The hot path's accessors, specialised here for the view: the logic is the one of
// ``TLPWords``; these only let other modules call it without going through the protocol.
extension TLPView {
    public var tc: UInt8 { Shared.tc(self) }
    public var requester: PCIID? { Shared.requester(self) }
    public var address: UInt64? { Shared.address(self) }
    public var tph: TPH? { Shared.tph(self) }
    public var type: TLPType { info.type }
    // What request/completion pairing reads.
    public var tag: UInt16? { Shared.tag(self) }
    public var completer: PCIID? { Shared.completer(self) }
    public var target: PCIID? { Shared.target(self) }
    public var byteCount: UInt16? { Shared.byteCount(self) }
    public var lowerAddress: UInt8? { Shared.lowerAddress(self) }
    public var completionStatus: UInt32? { Shared.completionStatus(self) }
    public var firstBE: UInt8? { Shared.firstBE(self) }
    public var lastBE: UInt8? { Shared.lastBE(self) }
    public var lengthDWs: Int { Shared.lengthDWs(self) }

    /// Calls the ``TLPWords`` accessors from a generic context, where they are the protocol's.
    private enum Shared {
        @inline(__always) static func tc(_ words: some TLPWords) -> UInt8 { words.tc }
        @inline(__always) static func requester(_ words: some TLPWords) -> PCIID? { words.requester }
        @inline(__always) static func address(_ words: some TLPWords) -> UInt64? { words.address }
        @inline(__always) static func tph(_ words: some TLPWords) -> TPH? { words.tph }
        @inline(__always) static func tag(_ words: some TLPWords) -> UInt16? { words.tag }
        @inline(__always) static func completer(_ words: some TLPWords) -> PCIID? { words.completer }
        @inline(__always) static func target(_ words: some TLPWords) -> PCIID? { words.target }
        @inline(__always) static func byteCount(_ words: some TLPWords) -> UInt16? { words.byteCount }
        @inline(__always) static func lowerAddress(_ words: some TLPWords) -> UInt8? { words.lowerAddress }
        @inline(__always) static func completionStatus(_ words: some TLPWords) -> UInt32? { words.completionStatus }
        @inline(__always) static func firstBE(_ words: some TLPWords) -> UInt8? { words.firstBE }
        @inline(__always) static func lastBE(_ words: some TLPWords) -> UInt8? { words.lastBE }
        @inline(__always) static func lengthDWs(_ words: some TLPWords) -> Int { words.lengthDWs }
    }

    /// The OHC-B word, when the TLP has one.
    public var ohcB: UInt32? { ohcWord(.b) }
}
