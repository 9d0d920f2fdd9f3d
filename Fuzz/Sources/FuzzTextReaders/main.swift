import Foundation
import PCIeTLP
import TLPCapture

/// The analyzer, hex and log readers on arbitrary bytes (written to a file, as they read
/// files). Invariant: every record either decodes or is an error, and reading ends.
let path = FileManager.default.temporaryDirectory.appendingPathComponent("tlpcheck-fuzz-text-\(getpid())").path

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size)) else { return 0 }
    for format in [InputFormat.analyzer, .hex, .aer] {
        for mode: LinkMode? in [nil, .flit] {
            guard var reader = try? CaptureInput.open(path, ReaderOptions(format: format, mode: mode)).reader else {
                continue
            }
            let decoder = RecordDecoder(mode: mode)
            var records = 0
            while let record = try? reader.next() {
                records += 1
                if records > size + 1 { fatalError("more records than input bytes: the reader does not advance") }
                if case .tlp(let tlp, _) = decoder.decode(record) { _ = tlp.warnings }
            }
        }
    }
    return 0
}
