import PCIeTLP

/// The BARs of the exporting device: where each one starts and how large it is, as the kernel's
/// `pci_resource_start` / `pci_resource_len` give them to `vfio_pci_core_get_dmabuf_phys`.
///
/// Read from the device's `lspci -vv` (or `lspci -b -vv`) block, from its sysfs `resource` file,
/// or from the tuple file's `bars:` map.
public struct BARTable: Hashable, Sendable {
    public enum Space: String, Hashable, Sendable {
        case memory, io
    }

    public struct BAR: Hashable, Sendable {
        public var index: Int
        public var start: UInt64
        public var size: UInt64
        public var space: Space

        public init(index: Int, start: UInt64, size: UInt64, space: Space) {
            self.index = index
            self.start = start
            self.size = size
            self.space = space
        }
    }

    /// Which addresses the table holds. `lspci -vv` and sysfs show CPU (resource) addresses;
    /// `lspci -b -vv` shows bus addresses, the ones TLPs carry.
    public enum Addresses: String, Hashable, Sendable, CaseIterable {
        case cpu, bus
    }

    /// BARs by index (0...5); a BAR that is not implemented (or is the upper half of a 64-bit
    /// BAR) is absent.
    public var bars: [Int: BAR]
    /// Where the table came from, for messages (`lspci.txt`, `resource`, `tuples.yaml bars`).
    public var origin: String

    public init(bars: [Int: BAR], origin: String) {
        self.bars = bars
        self.origin = origin
    }

    /// Reads an `lspci -vv` block or a sysfs `resource` file, whichever `text` is. `device`
    /// picks one block when the text holds several devices (`0000:05:00.0` or `05:00.0`).
    public static func parse(text: String, origin: String, device: String? = nil) throws(ConfigError) -> BARTable {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" })
        if lines.contains(where: { $0.contains("Region ") || $0.contains("Memory at") || $0.contains("I/O ports at") })
            || lines.contains(where: { isDeviceLine($0) })
        {
            return try parseLspci(lines, origin: origin, device: device)
        }
        return try parseSysfsResource(lines, origin: origin)
    }

    // MARK: lspci

    /// `05:00.0 3D controller: ...` or `0000:05:00.0 ...` at the start of a line.
    static func isDeviceLine(_ line: Substring) -> Bool { deviceName(line) != nil }

    static func deviceName(_ line: Substring) -> String? {
        guard let first = line.first, first != " ", first != "\t" else { return nil }
        let word = line.prefix { $0 != " " }
        let parts = word.split(separator: ":")
        guard parts.count == 2 || parts.count == 3, word.contains("."),
            word.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." })
        else { return nil }
        return String(word)
    }

    static func sameDevice(_ a: String, _ b: String) -> Bool {
        func normal(_ text: String) -> String {
            let lower = text.lowercased()
            return lower.split(separator: ":").count == 2 ? "0000:" + lower : lower
        }
        return normal(a) == normal(b)
    }

    static func parseLspci(_ lines: [Substring], origin: String, device: String?) throws(ConfigError) -> BARTable {
        // Split into device blocks; lines before the first device line belong to a block of
        // their own (a block pasted without its first line).
        var blocks: [(name: String?, start: Int, lines: [(Int, Substring)])] = []
        for (number, line) in lines.enumerated() {
            if let name = deviceName(line) {
                blocks.append((name, number + 1, []))
            } else if blocks.isEmpty {
                blocks.append((nil, number + 1, []))
            }
            blocks[blocks.count - 1].lines.append((number + 1, line))
        }
        var chosen = blocks.filter { block in block.lines.contains { $0.1.contains("Region ") } }
        if chosen.count > 1 {
            guard let device else {
                throw ConfigError(
                    path: origin, line: chosen[1].start,
                    "holds the regions of \(chosen.count) devices; name the exporter (exporter: in the tuple file) to pick one"
                )
            }
            chosen = chosen.filter { $0.name.map { sameDevice($0, device) } ?? false }
            guard !chosen.isEmpty else {
                throw ConfigError(path: origin, line: nil, "holds no device \(device)")
            }
        }
        guard let block = chosen.first else {
            throw ConfigError(path: origin, line: nil, "no 'Region N:' line: not an lspci -vv block with BARs")
        }
        var bars: [Int: BAR] = [:]
        for (number, line) in block.lines {
            guard let bar = try parseRegion(line, path: origin, line: number) else { continue }
            bars[bar.index] = bar
        }
        return BARTable(bars: bars, origin: origin)
    }

    /// `Region 0: Memory at 20e000000000 (64-bit, prefetchable) [size=256M]`,
    /// `Region 4: I/O ports at e000 [size=32]`; nil for other lines and for regions lspci shows
    /// without an address (`<unassigned>`, `<ignored>`) or `[virtual]`/`[disabled]` ones keep their
    /// address and size.
    static func parseRegion(_ line: Substring, path: String, line number: Int) throws(ConfigError) -> BAR? {
        let text = line.drop { $0 == " " || $0 == "\t" }
        guard text.hasPrefix("Region ") else { return nil }
        let afterRegion = text.dropFirst("Region ".count)
        let indexText = afterRegion.prefix { $0.isNumber }
        guard let index = Int(indexText), index <= 5 else {
            throw ConfigError(path: path, line: number, "cannot read the region number in '\(text.prefix(80))'")
        }
        let rest = afterRegion.dropFirst(indexText.count)
        let space: Space
        let marker: String
        if rest.contains("Memory at ") {
            space = .memory
            marker = "Memory at "
        } else if rest.contains("I/O ports at ") {
            space = .io
            marker = "I/O ports at "
        } else {
            throw ConfigError(path: path, line: number, "cannot read region \(index): '\(text.prefix(80))'")
        }
        guard let markerRange = rest.range(of: marker) else { return nil }
        let addressText = rest[markerRange.upperBound...].prefix { $0 != " " }
        if addressText.hasPrefix("<") { return nil }
        guard let start = UInt64(addressText, radix: 16) else {
            throw ConfigError(path: path, line: number, "region \(index): '\(addressText)' is not a hex address")
        }
        guard let sizeRange = rest.range(of: "[size=") else {
            throw ConfigError(path: path, line: number, "region \(index): no [size=...]")
        }
        let sizeText = rest[sizeRange.upperBound...].prefix { $0 != "]" }
        guard let size = parseSize(sizeText) else {
            throw ConfigError(path: path, line: number, "region \(index): size '\(sizeText)' is not a size like 256M")
        }
        return BAR(index: index, start: start, size: size, space: space)
    }

    /// lspci's sizes: bytes, or a number with K, M, G, T, P, E (powers of 1024).
    static func parseSize(_ text: Substring) -> UInt64? {
        guard let last = text.last else { return nil }
        let units: [Character: UInt64] = ["K": 10, "M": 20, "G": 30, "T": 40, "P": 50, "E": 60]
        if let shift = units[last] {
            guard let value = UInt64(text.dropLast()), value <= UInt64.max >> shift else { return nil }
            return value << shift
        }
        return UInt64(text)
    }

    // MARK: sysfs

    /// `/sys/bus/pci/devices/DEVICE/resource`: one line per resource, `start end flags` in hex;
    /// lines 1 to 6 are BARs 0 to 5. `IORESOURCE_IO` is 0x100, `IORESOURCE_MEM` 0x200.
    static func parseSysfsResource(_ lines: [Substring], origin: String) throws(ConfigError) -> BARTable {
        var bars: [Int: BAR] = [:]
        var index = 0
        for (number, line) in lines.enumerated() {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if words.isEmpty { continue }
            guard words.count == 3, let start = hex(words[0]), let end = hex(words[1]), let flags = hex(words[2]) else {
                throw ConfigError(
                    path: origin, line: number + 1,
                    "neither an lspci -vv block nor a sysfs resource file (lines of 'start end flags' in hex)")
            }
            defer { index += 1 }
            guard index <= 5 else { continue }
            guard start != 0 || end != 0 else { continue }
            guard end >= start else {
                throw ConfigError(
                    path: origin, line: number + 1, "BAR \(index) ends (\(Hex.prefixed(end))) before it starts")
            }
            let space: Space
            if flags & 0x200 != 0 {
                space = .memory
            } else if flags & 0x100 != 0 {
                space = .io
            } else {
                continue
            }
            let length = end - start
            guard length < .max else {
                throw ConfigError(path: origin, line: number + 1, "BAR \(index) covers the whole address space")
            }
            bars[index] = BAR(index: index, start: start, size: length + 1, space: space)
        }
        guard index > 0 else { throw ConfigError(path: origin, line: nil, "empty: no BAR in it") }
        return BARTable(bars: bars, origin: origin)
    }

    static func hex(_ word: Substring) -> UInt64? {
        let lower = word.lowercased()
        guard lower.hasPrefix("0x") else { return nil }
        return UInt64(lower.dropFirst(2), radix: 16)
    }

}
