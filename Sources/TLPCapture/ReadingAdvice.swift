import PCIeTLP

/// How cleanly bytes decode in one mode, to tell a wrong mode or word order from a bad TLP.
public enum DecodeQuality {
    /// nil when the bytes do not decode; else 0 for a clean decode, more for each sign of a
    /// wrong reading (a reserved type: 10, each warning: 1, bytes left after the TLP: 1).
    public static func score(_ bytes: [UInt8], mode: LinkMode, trailingExpected: Bool = false) -> Int? {
        guard let result = try? TLPDecoder.decode(bytes, mode: mode) else { return nil }
        let tlp = result.tlp
        let extra = !trailingExpected && result.consumed < bytes.count ? 1 : 0
        return tlp.warnings.count + (tlp.info.isReserved ? 10 : 0) + extra
    }

    /// Cheap check without building a TLP: the bytes size as a TLP of a defined type.
    public static func sizesAsDefinedType(_ bytes: UnsafeRawBufferPointer, mode: LinkMode) -> Bool {
        guard let view = try? TLPView(bytes, mode: mode) else { return false }
        return !view.info.isReserved
    }

    /// The same words with every whole DW byte-reversed: the other word order.
    public static func otherOrder(_ bytes: [UInt8]) -> [UInt8] {
        var other = bytes
        var index = 0
        while index + 4 <= other.count {
            other[index..<index + 4].reverse()
            index += 4
        }
        return other
    }

    /// For words read in `order` and decoded in `mode`: when that reading is not clean and
    /// another one is, the options that give it (`--mode flit`, `--word-order swapped`, ...).
    /// Only what the user did not fix on the command line is varied. Readings that keep the
    /// word order come first, then those that keep the mode.
    public static func betterReadings(
        _ bytes: [UInt8], mode: LinkMode, modeFixed: Bool, order: WordOrder, orderFixed: Bool,
        trailingExpected: Bool = false
    ) -> [String] {
        let current = score(bytes, mode: mode, trailingExpected: trailingExpected)
        guard current != 0 else { return [] }
        let otherMode: LinkMode = mode == .flit ? .nonFlit : .flit
        let otherOrderName: WordOrder = order == .wire ? .swapped : .wire
        var candidates: [(options: String, bytes: [UInt8], mode: LinkMode)] = []
        if !modeFixed { candidates.append(("--mode \(otherMode.rawValue)", bytes, otherMode)) }
        if !orderFixed {
            let other = otherOrder(bytes)
            candidates.append(("--word-order \(otherOrderName.rawValue)", other, mode))
            if !modeFixed {
                candidates.append(
                    ("--mode \(otherMode.rawValue) --word-order \(otherOrderName.rawValue)", other, otherMode))
            }
        }
        return candidates.filter { score($0.bytes, mode: $0.mode, trailingExpected: trailingExpected) == 0 }
            .map(\.options)
    }
}

/// Watches the records decoded in an assumed mode and says, once, when many of them look wrong
/// in it and right in the other mode (`03000001` is a reserved type in non-flit mode and MRd32
/// in flit mode), with the option that fixes it.
public struct ModeAdvice: Sendable {
    /// Records decoded in an assumed mode.
    public private(set) var assumed = 0
    /// Of those, records that decoded badly: an error, a reserved type, or warnings.
    public private(set) var poor = 0
    /// Of the poor ones, records that decode cleanly in the other mode.
    public private(set) var cleanInOther = 0
    private var assumedMode: LinkMode = .nonFlit

    public init() {}

    /// Counts one record decoded in the assumed `mode`; `poor` says it decoded badly (callers
    /// that did not decode it fully pass ``DecodeQuality/sizesAsDefinedType(_:mode:)``'s view).
    /// Only poor records are decoded again, in the other mode.
    public mutating func observe(_ bytes: UnsafeRawBufferPointer, assumedMode mode: LinkMode, poor isPoor: Bool) {
        assumed += 1
        assumedMode = mode
        guard isPoor else { return }
        poor += 1
        if DecodeQuality.score(Array(bytes), mode: mode == .flit ? .nonFlit : .flit, trailingExpected: true) == 0 {
            cleanInOther += 1
        }
    }

    /// The advice, when at least half of the assumed records decoded badly and most of those
    /// decode cleanly in the other mode.
    public var hint: String? {
        guard cleanInOther > 0, 2 * cleanInOther > poor, 2 * poor >= assumed else { return nil }
        let other: LinkMode = assumedMode == .flit ? .nonFlit : .flit
        return "\(cleanInOther) of \(assumed) records decoded in the assumed \(assumedMode.rawValue) mode have "
            + "errors or warnings there and decode cleanly in \(other.rawValue) mode: add --mode \(other.rawValue)"
    }
}
