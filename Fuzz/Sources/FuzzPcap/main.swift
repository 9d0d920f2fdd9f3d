import Foundation
import TLPCapture

/// pcap files: the classic reader and libpcap on the same bytes. Invariants: when both open
/// the file, they report the same header; a packet both deliver without error has the same
/// bytes, time and notes.
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
    var mappedHeader: PcapFileHeader?
    if let source = try? ByteSource(path: path), let reader = try? ClassicPcapReader(source, skipBytes: 0) {
        var reader = reader
        mappedHeader = reader.header
        mapped = records(&reader)
    }
    guard let source = try? ByteSource(path: path), var libpcap = try? PcapReader(source, skipBytes: 0) else {
        return 0
    }
    if let mappedHeader {
        let other = libpcap.header
        if mappedHeader.major != other.major || mappedHeader.minor != other.minor
            || mappedHeader.snapLength != other.snapLength || mappedHeader.linkType != other.linkType
            || mappedHeader.swapped != other.swapped
        {
            fatalError("classic reader and libpcap disagree on the header: \(mappedHeader) \(other)")
        }
    }
    let reference = records(&libpcap)
    for (a, b) in zip(mapped, reference) where a.error == nil && b.error == nil {
        if a.bytes != b.bytes || a.time != b.time || a.notes != b.notes {
            fatalError("classic reader and libpcap disagree")
        }
    }
    return 0
}
