import PCIeTLP

/// The TLP decoder in both modes, and everything downstream of a decode. Invariants: the
/// allocation-free view and the decoder agree; encoding a decoded TLP gives back its bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    for mode in LinkMode.allCases {
        let view = try? TLPView(bytes, mode: mode)
        guard let result = try? TLPDecoder.decode(bytes, mode: mode) else {
            if view != nil { fatalError("view accepts what the decoder refuses") }
            continue
        }
        let tlp = result.tlp
        guard let view else { fatalError("decoder accepts what the view refuses") }
        if view.tph != tlp.tph || view.type != tlp.type { fatalError("view and decoder disagree") }
        if tlp.bytes != Array(bytes.prefix(result.consumed)) { fatalError("encode(decode(b)) != b") }
        _ = tlp.warnings
        _ = AnalyzerText.render(tlp, wordOrder: .swapped)
        _ = JSONRecord.render(tlp, origin: .init(record: 1, source: "fuzz"))
        _ = CSVRecord.row(TLPRecord.entries(tlp, origin: .init(record: 1, source: "fuzz")))
    }
    return 0
}
