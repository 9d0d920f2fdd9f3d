/// A contiguous run of bits inside one DW of a structure, in the spec's big-endian DW view
/// (bit 31 is the most significant bit of the first wire byte of that DW).
///
/// Plain values only (no references), so copying a field costs nothing in the hot path.
public struct BitRange: Hashable, Sendable {
    // Stored in bytes (8 in all), so a ``Field`` of three ranges stays small to copy.
    @usableFromInline let dwByte: UInt8
    @usableFromInline let hiByte: UInt8
    @usableFromInline let loByte: UInt8
    /// `GENMASK(hi - lo, 0)`: the field's bits once shifted down.
    public let valueMask: UInt32

    /// DW index inside the structure the field belongs to (header, OHC word or prefix).
    public var dw: Int { Int(dwByte) }
    public var hi: Int { Int(hiByte) }
    public var lo: Int { Int(loByte) }

    public init(dw: Int, hi: Int, lo: Int) {
        precondition(hi >= lo && lo >= 0 && hi < 32 && dw >= 0 && dw < 256, "bad bit range")
        dwByte = UInt8(dw)
        hiByte = UInt8(hi)
        loByte = UInt8(lo)
        let width = hi - lo + 1
        valueMask = width == 32 ? UInt32.max : (UInt32(1) << UInt32(width)) &- 1
    }

    public var width: Int { hi - lo + 1 }

    /// The mask in its place inside the DW (GENMASK(hi, lo)).
    @inlinable public var mask: UInt32 { valueMask << UInt32(loByte) }

    @inlinable @inline(__always) public func get(_ word: UInt32) -> UInt32 { (word >> UInt32(loByte)) & valueMask }

    /// `word` with this range replaced by the low bits of `value`.
    @inlinable @inline(__always) public func set(_ value: UInt32, in word: UInt32) -> UInt32 {
        (word & ~mask) | ((value & valueMask) << UInt32(loByte))
    }
}
