/// A TLP read in place from its wire bytes: the sizes are checked once (prefixes, header, OHC)
/// and fields are read on demand through the accessors of ``TLPWords``, the same ones ``TLP``
/// uses, with no allocation. It is the decoder's sizing step (``TLPDecoder`` builds a ``TLP``
/// from it) and what the verifier's hot path reads.
public struct TLPView: TLPWords {
    public let mode: LinkMode
    public let bytes: UnsafeRawBufferPointer
    /// The header's row in ``TLPShape``'s table (which lives as long as the process): its
    /// type row, layout and the offsets of the fields the hot paths read.
    private let shape: UnsafePointer<TLPShape>
    public var info: TypeInfo { shape.pointee.info }
    /// The header layout, chosen once. Held without reference counting: the view only takes
    /// layouts from ``HeaderLayouts``' static tables, which live as long as the process.
    private let layoutRef: Unmanaged<Layout>
    public var layout: Layout { layoutRef.takeUnretainedValue() }
    /// Number of one-DW prefixes in front of the header.
    public let prefixCount: Int
    /// Bytes of prefixes, header and OHC: where the payload starts.
    public let headerEnd: Int
    /// Byte offset of the OHC-B word, or -1 when the TLP has none.
    private let ohcBOffset: Int

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
        // Byte 1 (non-flit TH, flit OHC) is read only if present; a header shorter than its
        // first DW is refused below, before anything else of its shape is used.
        let byte1 = bytes.count - offset > 1 ? bytes[offset + 1] : 0
        let shape = TLPShape.of(mode, byte0: bytes[offset], byte1: byte1)
        let info = shape.pointee.info
        let headerEnd = offset + 4 * info.headerDWs
        guard headerEnd <= bytes.count else { throw .truncated("header", needed: headerEnd, available: bytes.count) }
        var ohcBOffset = -1
        var end = headerEnd
        if shape.pointee.hasOHC {
            let ohc = TLPShape.ohcTable[Int(byte1 & 0x1F)]
            end += 4 * Int(ohc.count)
            if ohc.b >= 0 { ohcBOffset = headerEnd + 4 * Int(ohc.b) }
        }
        guard end <= bytes.count else { throw .truncated("OHC", needed: end, available: bytes.count) }
        self.mode = mode
        self.bytes = bytes
        self.shape = shape
        self.prefixCount = offset / 4
        self.headerEnd = end
        self.ohcBOffset = ohcBOffset
        if let layout = shape.pointee.layout {
            layoutRef = layout
        } else {
            let dw1 = info.headerDWs > 1 ? Self.readDW(bytes, offset + 4) : 0
            layoutRef = .passUnretained(
                HeaderLayouts.layout(mode: mode, info: info, dw0: Self.readDW(bytes, offset), dw1: dw1))
        }
    }

    /// The value of a field the shape knows how to read in place, or `fallback` (the layout's
    /// reading) when the shape leaves it to the layout.
    @inline(__always)
    private func read(_ getter: TLPShape.FieldGetter, _ role: FieldRole) -> UInt32? {
        switch getter.kind {
        case .absent: return nil
        case .simple:
            return (Self.readDW(bytes, 4 * prefixCount + Int(getter.byte)) >> UInt32(getter.shift)) & getter.mask
        case .layout: return fieldValue(role)
        }
    }

    /// A header field read through the layout borrowed in place: no reference is taken.
    @inline(__always)
    public func fieldValue(_ role: FieldRole) -> UInt32? {
        layoutRef._withUnsafeGuaranteedRef { $0.value(role, header: self) }
    }

    /// The big-endian DW at `offset`, which the sizing in `init` has checked is in `bytes`.
    @inline(__always)
    static func readDW(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
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
    public var type: TLPType { info.type }
    // Read through the shape's offsets: the same values as the ``TLPWords`` accessors, which
    // the tests check for every type code and both modes.
    public var requester: PCIID? {
        read(shape.pointee.requester, .requester).map { PCIID(UInt16(truncatingIfNeeded: $0)) }
    }
    public var address: UInt64? {
        let shape = shape.pointee
        guard let low = read(shape.addressLow, .addressLow) else { return nil }
        let high = read(shape.addressHigh, .addressHigh) ?? 0
        return UInt64(high) << 32 | UInt64(low) << 2
    }
    public var tph: TPH? {
        guard mode == .flit else { return Shared.tph(self) }
        guard info.kind.isMemoryRequest, let word = ohcB else { return nil }
        return TPH(ohcB: word)
    }
    // What request/completion pairing reads.
    public var tag: UInt16? { read(shape.pointee.tag, .tag).map { UInt16(truncatingIfNeeded: $0) } }
    public var completer: PCIID? {
        read(shape.pointee.completer, .completer).map { PCIID(UInt16(truncatingIfNeeded: $0)) }
    }
    public var target: PCIID? { read(shape.pointee.target, .target).map { PCIID(UInt16(truncatingIfNeeded: $0)) } }
    public var byteCount: UInt16? { read(shape.pointee.byteCount, .byteCount).map { UInt16($0) } }
    public var lowerAddress: UInt8? { Shared.lowerAddress(self) }
    public var completionStatus: UInt32? { Shared.completionStatus(self) }
    public var firstBE: UInt8? { byteEnable(shape.pointee.firstBE, .firstBE) }
    public var lastBE: UInt8? { byteEnable(shape.pointee.lastBE, .lastBE) }
    public var lengthDWs: Int {
        guard let raw = read(shape.pointee.length, .length) else { return 1 }
        return raw == 0 ? 1024 : Int(raw)
    }

    /// Byte enables: non-flit from the header; flit from OHC-A, the first OHC word, when the
    /// TLP has it and its variant carries them.
    @inline(__always)
    private func byteEnable(_ getter: TLPShape.FieldGetter, _ role: FieldRole) -> UInt8? {
        switch mode {
        case .nonFlit: return read(getter, role).map { UInt8(truncatingIfNeeded: $0) }
        case .flit:
            let base = 4 * (prefixCount + info.headerDWs)
            guard shape.pointee.hasOHC, TLPShape.ohcTable[Int(bytes[4 * prefixCount + 1] & 0x1F)].hasA else {
                return nil
            }
            let word = Self.readDW(bytes, base)
            switch getter.kind {
            case .absent: return nil
            case .simple: return UInt8(truncatingIfNeeded: (word >> UInt32(getter.shift)) & getter.mask)
            case .layout: return shape.pointee.ohcA.layout.value(role, word: word).map { UInt8(truncatingIfNeeded: $0) }
            }
        }
    }

    /// The OHC-B word, when the TLP has one.
    public var ohcB: UInt32? { ohcBOffset < 0 ? nil : Self.readDW(bytes, ohcBOffset) }

    /// Calls the ``TLPWords`` accessors from a generic context, where they are the protocol's.
    private enum Shared {
        @inline(__always) static func tc(_ words: some TLPWords) -> UInt8 { words.tc }
        @inline(__always) static func tph(_ words: some TLPWords) -> TPH? { words.tph }
        @inline(__always) static func lowerAddress(_ words: some TLPWords) -> UInt8? { words.lowerAddress }
        @inline(__always) static func completionStatus(_ words: some TLPWords) -> UInt32? { words.completionStatus }
    }
}
