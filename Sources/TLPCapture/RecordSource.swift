import PCIeTLP

/// Where a record came from: `path:line` for text, `path#packet` for pcap, with the device
/// when a log line names one. The one type is the record's `source` key (``TLPRecord/Source``),
/// so a reader's location is what the writers print.
public typealias RecordSource = TLPRecord.Source
