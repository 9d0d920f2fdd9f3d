/// Every hex rendering tlpcheck writes, in one place, so that a field, a message and a report
/// spell the same value the same way.
public enum Hex {
    static let lowerDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Lower-case, zero-padded to `width` digits (`04:00.0`, JSON addresses).
    public static func lower(_ value: some BinaryInteger, width: Int = 1) -> String {
        pad(String(value, radix: 16), width)
    }

    /// Upper-case, zero-padded to `width` digits (analyzer text, without the `h`).
    public static func upper(_ value: some BinaryInteger, width: Int = 1) -> String {
        pad(String(value, radix: 16, uppercase: true), width)
    }

    /// `0x` and lower-case digits, unpadded: addresses and sizes in messages (`0x20e006000000`).
    public static func prefixed(_ value: some BinaryInteger) -> String { "0x" + String(value, radix: 16) }

    /// The analyzer style: upper-case digits and an `h` (`F0h`).
    public static func analyzer(_ value: some BinaryInteger, width: Int = 1) -> String {
        upper(value, width: width) + "h"
    }

    /// Bytes as lower-case pairs with no separators (the JSON `bytes`, hex captures).
    public static func bytes(_ bytes: some Collection<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes { appendByte(byte, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends one byte as two lower-case digits.
    @inline(__always)
    public static func appendByte(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(lowerDigits[Int(byte >> 4)])
        out.append(lowerDigits[Int(byte & 0xF)])
    }

    private static func pad(_ digits: String, _ width: Int) -> String {
        digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
