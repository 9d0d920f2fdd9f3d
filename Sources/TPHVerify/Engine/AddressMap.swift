/// The published ranges sorted by base, for the lookup of the tuple an address falls in. Ranges
/// never overlap (the tuple file refuses that), so at most one holds an address.
///
/// The span from the lowest base to the highest last address is cut into about two buckets per
/// range; a bucket knows the first range whose base lies in it or after it. A lookup computes
/// its bucket with a shift and searches only the ranges that start in it: for ranges spread
/// over the span, one or two comparisons whatever their number; for clustered ones, a binary
/// search of the cluster.
struct AddressMap: Sendable {
    private var bases: [UInt64] = []
    private var lasts: [UInt64] = []
    private var tuples: [Int] = []
    /// `first[b]`: the index of the first range whose bucket is `b` or later (one more entry
    /// than there are buckets).
    private var first: [UInt32] = []
    private var low: UInt64 = 0
    private var shift: UInt64 = 0

    init(_ set: TupleSet) {
        bases.reserveCapacity(set.tuples.count)
        lasts.reserveCapacity(set.tuples.count)
        tuples.reserveCapacity(set.tuples.count)
        var sorted = true
        for index in set.tuples.indices {
            // Read in place, element by element (a view of the array would retain it).
            for slot in 0..<set.tuples[index].ranges.count {
                let range = set.tuples[index].ranges[slot]
                if let previous = bases.last, previous > range.base { sorted = false }
                bases.append(range.base)
                lasts.append(range.last)
                tuples.append(index)
            }
        }
        // Generated files list their tuples in address order: no sort to do. (Bases are all
        // different: ranges never overlap.)
        if !sorted {
            let order = bases.indices.sorted { bases[$0] < bases[$1] }
            bases = order.map { bases[$0] }
            lasts = order.map { lasts[$0] }
            tuples = order.map { tuples[$0] }
        }
        guard let lowest = bases.first, let highest = lasts.max() else { return }
        low = lowest
        let span = highest &- lowest
        let target = UInt64(2 * bases.count)
        while span >> shift >= target { shift += 1 }
        let buckets = Int(span >> shift) + 1
        let (low, shift) = (low, shift)
        first = bases.withUnsafeBufferPointer { bases in
            [UInt32](unsafeUninitializedCapacity: buckets + 1) { first, initialized in
                var index = 0
                for bucket in 0...buckets {
                    while index < bases.count, (bases[index] - low) >> shift < UInt64(bucket) { index += 1 }
                    first.initializeElement(at: bucket, to: UInt32(index))
                }
                initialized = buckets + 1
            }
        }
    }

    /// Index of the tuple whose range holds `address`.
    func tuple(for address: UInt64) -> Int? {
        guard address >= low, !first.isEmpty else { return nil }
        let offset = (address - low) >> shift
        // Past the last bucket: past every range.
        guard offset < UInt64(first.count - 1) else { return nil }
        let bucket = Int(offset)
        // The last range whose base is <= address: ranges of earlier buckets start below the
        // address, those of later ones above it.
        var low = Int(first[bucket])
        var high = Int(first[bucket + 1])
        while low < high {
            let middle = low + (high - low) / 2
            if bases[middle] <= address { low = middle + 1 } else { high = middle }
        }
        guard low > 0, address <= lasts[low - 1] else { return nil }
        return tuples[low - 1]
    }
}
