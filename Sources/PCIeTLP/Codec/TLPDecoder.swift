/// Turns wire bytes into a ``TLP``.
///
/// The decoder only sizes the parts (prefixes, header, OHC, payload, trailer) from the type
/// tables; field meaning comes from the layouts when the value is read. It never traps: every
/// read is bounds-checked and lengths come from at most 10-bit fields.
public enum TLPDecoder {
    /// The result of decoding the front of a byte string.
    public struct Result: Sendable {
        public var tlp: TLP
        /// Bytes of the input that belong to this TLP. Bytes after it (another TLP, or garbage
        /// after a complete one) are the caller's to handle.
        public var consumed: Int
    }

    /// Decodes the TLP at the start of `bytes`.
    public static func decode(_ bytes: UnsafeRawBufferPointer, mode: LinkMode) throws(DecodeError) -> Result {
        guard !bytes.isEmpty else { throw DecodeError(code: .empty, needed: 4, available: 0, part: "header") }
        var offset = 0
        var prefixes: [UInt32] = []
        // Prefixes: non-flit Fmt=100b (0x80..0x9F); flit local prefixes Type 0x80..0x8F.
        while offset < bytes.count, isPrefix(bytes[offset], mode: mode) {
            guard let word = readDW(bytes, offset) else {
                throw .truncated("prefix", needed: offset + 4, available: bytes.count)
            }
            prefixes.append(word)
            offset += 4
        }
        guard offset < bytes.count else {
            throw .truncated("header", needed: offset + 4, available: bytes.count)
        }
        let info = TypeInfo.table(mode)[Int(bytes[offset])]
        let headerEnd = offset + 4 * info.headerDWs
        guard headerEnd <= bytes.count else {
            throw .truncated("header", needed: headerEnd, available: bytes.count)
        }
        var header: [UInt32] = []
        header.reserveCapacity(info.headerDWs)
        for index in 0..<info.headerDWs {
            header.append(readDW(bytes, offset + 4 * index) ?? 0)
        }
        offset = headerEnd

        var tlp = TLP(mode: mode, prefixes: prefixes, header: header)
        let ohcCount = tlp.ohcKinds.count
        if ohcCount > 0 {
            let ohcEnd = offset + 4 * ohcCount
            guard ohcEnd <= bytes.count else {
                throw .truncated("OHC", needed: ohcEnd, available: bytes.count)
            }
            tlp.ohc.reserveCapacity(ohcCount)
            for index in 0..<ohcCount {
                tlp.ohc.append(readDW(bytes, offset + 4 * index) ?? 0)
            }
            offset = ohcEnd
        }

        let payloadBytes = min(4 * tlp.declaredPayloadDWs, bytes.count - offset)
        tlp.payload = Array(bytes[offset..<offset + payloadBytes])
        offset += payloadBytes
        if payloadBytes == 4 * tlp.declaredPayloadDWs {
            let trailerBytes = min(4 * tlp.declaredTrailerDWs, bytes.count - offset)
            tlp.trailer = Array(bytes[offset..<offset + trailerBytes])
            offset += trailerBytes
        }
        return Result(tlp: tlp, consumed: offset)
    }

    /// Decodes the TLP at the start of `bytes`.
    public static func decode(_ bytes: [UInt8], mode: LinkMode) throws(DecodeError) -> Result {
        let result: Swift.Result<Result, DecodeError> = bytes.withUnsafeBytes { raw in
            do throws(DecodeError) { return .success(try decode(raw, mode: mode)) } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    static func isPrefix(_ byte0: UInt8, mode: LinkMode) -> Bool {
        switch mode {
        case .nonFlit: byte0 >> 5 == 0b100
        case .flit: byte0 >> 4 == 0x8
        }
    }

    @inline(__always)
    static func readDW(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32? {
        guard offset >= 0, bytes.count - offset >= 4 else { return nil }
        return UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }
}
