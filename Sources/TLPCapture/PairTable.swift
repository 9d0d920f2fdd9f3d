/// A map from 64-bit keys (direction, requester, tag) to values, for the outstanding requests
/// of ``TransactionTracker``: open addressing with linear probing and a multiplicative hash, so
/// a lookup costs a multiply and a probe or two, where `Dictionary` hashes every key with
/// SipHash. Deletion shifts the following entries back, so there are no tombstones and a probe
/// ends at the first empty slot. At most half the slots are used.
struct PairTable<Value> {
    private var keys: [UInt64]
    private var values: [Value?]
    /// Slot count minus one (the count is a power of two).
    private var mask: Int
    private(set) var count = 0

    init() {
        keys = [UInt64](repeating: 0, count: 16)
        values = [Value?](repeating: nil, count: 16)
        mask = 15
    }

    /// The slot where `key` lives or would go.
    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        // Fibonacci hashing: the high bits of key × 2^64/φ spread neighbouring tags apart.
        let hash = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32)
        var index = hash & mask
        while values[index] != nil, keys[index] != key { index = (index &+ 1) & mask }
        return index
    }

    subscript(key: UInt64) -> Value? {
        get { values[slot(key)] }
        set {
            let index = slot(key)
            switch (values[index] != nil, newValue != nil) {
            case (true, true): values[index] = newValue
            case (false, true):
                keys[index] = key
                values[index] = newValue
                count += 1
                if count * 2 > keys.count { grow() }
            case (true, false): remove(at: index)
            case (false, false): break
            }
        }
    }

    @discardableResult
    mutating func removeValue(forKey key: UInt64) -> Value? {
        let index = slot(key)
        guard let value = values[index] else { return nil }
        remove(at: index)
        return value
    }

    mutating func removeAll() {
        guard count > 0 else { return }
        for index in values.indices { values[index] = nil }
        count = 0
    }

    /// Empties `index` and moves back every later entry of the run that probed past it.
    private mutating func remove(at index: Int) {
        values[index] = nil
        count -= 1
        var hole = index
        var next = (index &+ 1) & mask
        while values[next] != nil {
            let home = Int(truncatingIfNeeded: (keys[next] &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
            // The entry at `next` may fill the hole when its home is not in (hole, next].
            let between = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next)
            if !between {
                keys[hole] = keys[next]
                values[hole] = values[next]
                values[next] = nil
                hole = next
            }
            next = (next &+ 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Value?](repeating: nil, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for index in oldKeys.indices {
            if let value = oldValues[index] { self[oldKeys[index]] = value }
        }
    }
}

extension PairTable: Sendable where Value: Sendable {}
