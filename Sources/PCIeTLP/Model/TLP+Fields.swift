/// ``TLP``'s words for the shared accessors of ``TLPWords``: the header, prefixes and OHC
/// arrays it holds.
extension TLP: TLPWords {
    public func headerWord(_ index: Int) -> UInt32 { index < header.count ? header[index] : 0 }

    public var prefixWordCount: Int { prefixes.count }

    public func prefixWord(_ index: Int) -> UInt32 { prefixes[index] }

    public var ohcWordCount: Int { ohc.count }

    public func ohcWord(at index: Int) -> UInt32 { ohc[index] }
}
