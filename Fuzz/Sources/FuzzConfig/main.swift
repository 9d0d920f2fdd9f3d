import TPHVerify

/// Tuple and rules files, and the BAR files a tuple file names: any text is read or refused with
/// a ConfigError, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? TupleFile.parse(path: "fuzz.yaml", text: text)
    _ = try? RuleSet.parse(path: "fuzz.yaml", text: text)
    _ = try? BARTable.parse(text: text, origin: "fuzz.lspci")
    _ = try? TupleFile.parse(path: "fuzz.yaml", text: text, barsPath: "bars", readFile: { _ in text })
    return 0
}
