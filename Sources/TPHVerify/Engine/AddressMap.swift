/// The published ranges sorted by base, for an O(log n) lookup of the tuple an address falls
/// in. Ranges never overlap (the tuple file refuses that), so at most one holds an address.
struct AddressMap: Sendable {
    private var bases: [UInt64] = []
    private var lasts: [UInt64] = []
    private var tuples: [Int] = []

    init(_ set: TupleSet) {
        var entries: [(base: UInt64, last: UInt64, tuple: Int)] = []
        for (index, tuple) in set.tuples.enumerated() {
            for range in tuple.ranges { entries.append((range.base, range.last, index)) }
        }
        entries.sort { $0.base < $1.base }
        bases = entries.map(\.base)
        lasts = entries.map(\.last)
        tuples = entries.map(\.tuple)
    }

    /// Index of the tuple whose range holds `address`.
    func tuple(for address: UInt64) -> Int? {
        // The last range whose base is <= address.
        var low = 0
        var high = bases.count
        while low < high {
            let middle = low + (high - low) / 2
            if bases[middle] <= address { low = middle + 1 } else { high = middle }
        }
        guard low > 0, address <= lasts[low - 1] else { return nil }
        return tuples[low - 1]
    }
}
