import PCIeTLP

/// Builds the requesters of a tuple being read as the last tuple's array while they are the
/// same ones: tuples mostly name the same importers, and 10,000 tuples then share one array
/// instead of making 10,000. Used by every reader of tuple entries; the list is the caller's
/// (appended to as the requesters are read, settled by ``finish(_:last:)``), and so is the last
/// tuple's (passed in, not kept: a kept copy costs a reference per tuple).
struct SharedRequesters {
    private var same = true
    /// Requesters appended so far.
    private(set) var count = 0

    mutating func append(_ id: PCIID, last: [PCIID], to list: inout [PCIID]) {
        if same, count < last.count, last[count] == id {
            count += 1
            return
        }
        if same {
            same = false
            list = Array(last.prefix(count))
        }
        list.append(id)
        count += 1
    }

    /// Makes `list` the requesters read: `last` itself when they are the same.
    func finish(_ list: inout [PCIID], last: [PCIID]) {
        guard same else { return }
        list = count == last.count ? last : Array(last.prefix(count))
    }
}
