/// One reusable output buffer that writers append bytes to: text literals, strings, decimal
/// integers and hex digits, each written straight into raw memory without building a `String`.
///
/// A writer fills it with a record (or many), hands ``bytes`` to its sink and calls
/// ``removeAll()``; the memory stays allocated for the next record.
public final class TextBuffer {
    /// The buffer's state, kept behind a pointer that never changes: reads and writes through
    /// a `let` need no run-time exclusivity check, which class stored properties would.
    @usableFromInline struct State {
        var base: UnsafeMutablePointer<UInt8>
        var count: Int
        var capacity: Int
    }
    @usableFromInline let state: UnsafeMutablePointer<State>

    public init(capacity: Int = 1 << 12) {
        let size = max(capacity, 16)
        state = .allocate(capacity: 1)
        state.initialize(to: State(base: .allocate(capacity: size), count: 0, capacity: size))
    }

    deinit {
        state.pointee.base.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    @usableFromInline var base: UnsafeMutablePointer<UInt8> { state.pointee.base }

    /// Bytes written so far.
    public var count: Int {
        get { state.pointee.count }
        set { state.pointee.count = newValue }
    }

    /// The bytes written so far, valid until the next append.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// The bytes written so far as text.
    public var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    /// Forgets the contents and keeps the memory.
    public func removeAll() { count = 0 }

    /// Makes room for `extra` more bytes.
    @inline(__always) func reserve(_ extra: Int) {
        if state.pointee.capacity - state.pointee.count < extra { grow(extra) }
    }

    private func grow(_ extra: Int) {
        let needed = count + extra
        var size = state.pointee.capacity
        while size < needed { size *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        bigger.update(from: base, count: count)
        base.deallocate()
        state.pointee.base = bigger
        state.pointee.capacity = size
    }

    @inline(__always) public func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    public func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress, bytes.count > 0 else { return }
        let length = bytes.count
        reserve(length)
        let out = base + state.pointee.count
        if length <= 16 {
            // Keys and small values: a loop is cheaper than a call to memcpy.
            for index in 0..<length { out[index] = start[index] }
        } else {
            out.update(from: start, count: length)
        }
        state.pointee.count &+= length
    }

    public func append(_ bytes: UnsafeRawBufferPointer) { append(bytes.bindMemory(to: UInt8.self)) }

    /// Appends `count` bytes from `start` eight at a time; the caller guarantees that the bytes
    /// up to the next multiple of eight past them are readable (a padded table).
    @inline(__always) func appendPadded(_ start: UnsafePointer<UInt8>, count length: Int) {
        reserve(length &+ 8)
        let out = UnsafeMutableRawPointer(base + state.pointee.count)
        let from = UnsafeRawPointer(start)
        var offset = 0
        while offset < length {
            out.storeBytes(
                of: from.loadUnaligned(fromByteOffset: offset, as: UInt64.self), toByteOffset: offset, as: UInt64.self)
            offset &+= 8
        }
        state.pointee.count &+= length
    }

    public func append(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    public func append(_ text: String) {
        // `withUTF8` gives small strings (held inline) a buffer too, so every string is one copy.
        var text = text
        text.withUTF8 { append($0) }
    }

    public func append(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { append($0) } }

    /// A decimal integer, with `-` when negative.
    public func decimal(_ value: Int) {
        if value < 0 {
            append(UInt8(ascii: "-"))
            decimal(value.magnitude)
        } else {
            decimal(UInt(value))
        }
    }

    /// Two ASCII digits for each of 00...99, so a number is written two digits per division.
    private static let digitPairs: StaticString =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// A decimal integer with at least `width` digits (zero-padded).
    public func decimal(_ value: UInt, width: Int = 1) {
        var digits = 1
        var power: UInt = 10
        while digits < 20, value >= power {
            digits &+= 1
            power = power &* 10
        }
        digits = max(digits, min(width, 32))
        reserve(digits)
        let start = state.pointee.count
        let out = base + start
        let pairs = Self.digitPairs.utf8Start
        var at = digits
        var rest = value
        while rest >= 100 {
            let pair = Int(truncatingIfNeeded: rest % 100) &* 2
            rest /= 100
            at &-= 2
            out[at] = pairs[pair]
            out[at &+ 1] = pairs[pair &+ 1]
        }
        if rest >= 10 {
            let pair = Int(truncatingIfNeeded: rest) &* 2
            at &-= 2
            out[at] = pairs[pair]
            out[at &+ 1] = pairs[pair &+ 1]
        } else {
            at &-= 1
            out[at] = UInt8(truncatingIfNeeded: rest) &+ 0x30
        }
        while at > 0 {
            at &-= 1
            out[at] = 0x30
        }
        state.pointee.count = start &+ digits
    }

    /// `value` in hex with at least `width` digits (zero-padded), upper- or lower-case.
    public func hex(_ value: UInt64, width: Int = 1, upper: Bool) {
        var digits = 1
        while digits < 16, value >> UInt64(4 * digits) != 0 { digits += 1 }
        digits = max(digits, min(width, 16))
        reserve(digits)
        let table: StaticString = upper ? "0123456789ABCDEF" : "0123456789abcdef"
        let chars = table.utf8Start
        var rest = value
        var at = count + digits - 1
        for _ in 0..<digits {
            base[at] = chars[Int(truncatingIfNeeded: rest & 0xF)]
            rest >>= 4
            at -= 1
        }
        count += digits
    }

    /// One byte as two hex digits.
    @inline(__always) public func hexByte(_ byte: UInt8, upper: Bool) {
        reserve(2)
        let table: StaticString = upper ? "0123456789ABCDEF" : "0123456789abcdef"
        let chars = table.utf8Start
        base[count] = chars[Int(byte >> 4)]
        base[count + 1] = chars[Int(byte & 0xF)]
        count += 2
    }

    /// A 32-bit word as eight hex digits, most significant first.
    @inline(__always) public func hexWord(_ word: UInt32, upper: Bool) {
        reserve(8)
        let table: StaticString = upper ? "0123456789ABCDEF" : "0123456789abcdef"
        let chars = table.utf8Start
        let out = base + state.pointee.count
        var rest = word
        for index in stride(from: 7, through: 0, by: -1) {
            out[index] = chars[Int(truncatingIfNeeded: rest & 0xF)]
            rest >>= 4
        }
        state.pointee.count &+= 8
    }
}

/// The names of an enum's cases as JSON object keys (`"name":`), laid out once in one block
/// of bytes and written by the case's position, so a writer copies a key without touching a
/// `String`. The block lives as long as the process (the tables are static), so a copy of the
/// value costs no reference counting.
struct JSONKeys: @unchecked Sendable {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let offsets: UnsafeBufferPointer<Int>

    init(_ names: [String]) {
        var bytes: [UInt8] = []
        var offsets = [0]
        for name in names {
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: name.utf8)
            bytes.append(contentsOf: "\":".utf8)
            offsets.append(bytes.count)
        }
        // Eight bytes of padding: keys are copied eight bytes at a time.
        let keptBytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count + 8)
        _ = keptBytes.initialize(from: bytes + [UInt8](repeating: 0, count: 8))
        let keptOffsets = UnsafeMutableBufferPointer<Int>.allocate(capacity: offsets.count)
        _ = keptOffsets.initialize(from: offsets)
        self.bytes = UnsafeBufferPointer(keptBytes)
        self.offsets = UnsafeBufferPointer(keptOffsets)
    }

    /// Appends the key of case `index` (its position in `allCases`).
    @inline(__always)
    func write(_ index: Int, to out: TextBuffer) {
        guard index >= 0, index &+ 1 < offsets.count else { return }
        guard let block = bytes.baseAddress else { return }
        let start = offsets[index]
        out.appendPadded(block + start, count: offsets[index &+ 1] &- start)
    }
}

extension RecordKey {
    /// The case's position in `allCases` (declaration order): a case-only enum of fewer than
    /// 256 cases is stored as that one byte. A test holds `allCases[ordinal] == self`.
    @inline(__always) var ordinal: Int { Int(unsafeBitCast(self, to: UInt8.self)) }
    static let jsonKeys = JSONKeys(allCases.map(\.rawValue))
}

extension FieldRole {
    /// The case's position in `allCases`, as for ``RecordKey/ordinal``.
    @inline(__always) var ordinal: Int { Int(unsafeBitCast(self, to: UInt8.self)) }
    static let jsonKeys = JSONKeys(allCases.map(\.rawValue))
}
