import Foundation
import TLPCapture

/// pcap files: the memory-mapped reader and libpcap on the same bytes. Invariant: a packet
/// both readers deliver without error has the same bytes and time.
let path = FileManager.default.temporaryDirectory.appendingPathComponent("tlpcheck-fuzz-pcap-\(getpid())").path

func records(_ reader: inout some CaptureReader) -> [CaptureRecord] {
    var out: [CaptureRecord] = []
    while let record = try? reader.next(), out.count < 100_000 { out.append(record) }
    return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size)) else { return 0 }
    var mapped: [CaptureRecord] = []
    if let reader = try? MappedPcapReader(path: path, skipBytes: 0) {
        var reader = reader
        mapped = records(&reader)
    }
    guard let source = try? ByteSource(path: path), var libpcap = try? PcapReader(source, skipBytes: 0) else {
        return 0
    }
    let reference = records(&libpcap)
    for (a, b) in zip(mapped, reference) where a.error == nil && b.error == nil {
        if a.bytes != b.bytes || a.time != b.time { fatalError("mapped reader and libpcap disagree") }
    }
    return 0
}
