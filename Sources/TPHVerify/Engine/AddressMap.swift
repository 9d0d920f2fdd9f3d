/// The published ranges sorted by base, for an O(log n) lookup of the tuple an address falls
/// in. Ranges never overlap (the tuple file refuses that), so at most one holds an address.
struct AddressMap: Sendable {
    private struct Entry {
        var base: UInt64
        var last: UInt64
        var tuple: Int
    }
    /// Sorted by base; one array, so a probe touches one cache line.
    private let entries: [Entry]

    init(_ set: TupleSet) {
        var entries: [Entry] = []
        for (index, tuple) in set.tuples.enumerated() {
            for range in tuple.ranges { entries.append(Entry(base: range.base, last: range.last, tuple: index)) }
        }
        entries.sort { $0.base < $1.base }
        self.entries = entries
    }

    /// Index of the tuple whose range holds `address`.
    func tuple(for address: UInt64) -> Int? {
        entries.withUnsafeBufferPointer { entries in
            // The last range whose base is <= address.
            var low = 0
            var high = entries.count
            while low < high {
                let middle = low &+ (high &- low) >> 1
                if entries[middle].base <= address { low = middle &+ 1 } else { high = middle }
            }
            guard low > 0, address <= entries[low &- 1].last else { return nil }
            return entries[low &- 1].tuple
        }
    }
}
