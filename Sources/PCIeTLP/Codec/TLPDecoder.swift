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

    /// Decodes the TLP at the start of `bytes`. ``TLPView`` sizes the parts; this copies them
    /// into a ``TLP``.
    public static func decode(_ bytes: UnsafeRawBufferPointer, mode: LinkMode) throws(DecodeError) -> Result {
        let view = try TLPView(bytes, mode: mode)
        func words(_ range: Range<Int>) -> [UInt32] {
            range.map { TLPView.readDW(bytes, 4 * $0) }
        }
        let headerStart = view.prefixCount
        let ohcStart = headerStart + view.headerDWs
        // Sized from the view, so the TLP is made once, whole (setting its parts afterwards
        // copied it).
        var offset = view.headerEnd
        let payloadBytes = min(4 * view.declaredPayloadDWs, bytes.count - offset)
        let payload = Array(bytes[offset..<offset + payloadBytes])
        offset += payloadBytes
        var trailer: [UInt8] = []
        if payloadBytes == 4 * view.declaredPayloadDWs {
            let trailerBytes = min(4 * view.declaredTrailerDWs, bytes.count - offset)
            trailer = Array(bytes[offset..<offset + trailerBytes])
            offset += trailerBytes
        }
        return Result(
            tlp: TLP(
                mode: mode, prefixes: words(0..<headerStart), header: words(headerStart..<ohcStart),
                ohc: words(ohcStart..<view.headerEnd / 4), payload: payload, trailer: trailer),
            consumed: offset)
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

    /// A DW whose first byte is `byte0` is a prefix: non-flit Fmt 100b, flit Type 8xh.
    static func isPrefix(_ byte0: UInt8, mode: LinkMode) -> Bool {
        let dw0 = UInt32(byte0) << 24
        switch mode {
        case .nonFlit: return NonFlitFields.fmt.get(word: dw0) == 0b100
        case .flit: return FlitFields.typeGroup.get(word: dw0) == 0x8
        }
    }
}
