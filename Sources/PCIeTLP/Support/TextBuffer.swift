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

    /// A decimal integer with at least `width` digits (zero-padded, at most 32).
    public func decimal(_ value: UInt, width: Int = 1) {
        let digits = min(width, 32)
        var cursor = cursor(room: max(digits, 20))
        cursor.decimal(UInt64(value), width: digits)
        commit(cursor)
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
        var cursor = cursor(room: 2)
        cursor.hexByte(byte, upper: upper)
        commit(cursor)
    }

    /// A 32-bit word as eight hex digits, most significant first.
    @inline(__always) public func hexWord(_ word: UInt32, upper: Bool) {
        var cursor = cursor(room: 8)
        cursor.hexWord(word, upper: upper)
        commit(cursor)
    }
}

extension RecordKey {
    /// The case's position in `allCases` (declaration order): a case-only enum of fewer than
    /// 256 cases is stored as that one byte. A test holds `allCases[ordinal] == self`.
    @inline(__always) var ordinal: Int { Int(unsafeBitCast(self, to: UInt8.self)) }
    /// `"key":` for every key, written by ordinal.
    static let jsonKeys = TextNames(allCases.map { "\"\($0.rawValue)\":" })
}

extension FieldRole {
    /// The case's position in `allCases`, as for ``RecordKey/ordinal``.
    @inline(__always) var ordinal: Int { Int(unsafeBitCast(self, to: UInt8.self)) }
    /// `"key":` for every raw-field key, written by ordinal.
    static let jsonKeys = TextNames(allCases.map { "\"\($0.rawValue)\":" })
}
