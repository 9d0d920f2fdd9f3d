import Foundation
import PCIeTLP
import TPHVerify
import Testing

/// Tuples given as `VFIO_DEVICE_FEATURE_DMA_BUF` does (`region_index`, `dma_ranges`): the bus
/// ranges computed from the exporter's BARs, and every refusal of `vfio_pci_core_feature_dma_buf`.
@Suite struct DMABufTests {
    static let fixtures = repositoryRoot.appendingPathComponent("Fixtures/dmabuf").path

    static func read(_ path: String) throws(ConfigError) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError(path: path, line: nil, "cannot read the file")
        }
        return text
    }

    /// A tuple file with inline BARs (BAR 0: 256 MiB memory at 0x20e000000000, BAR 2: 16 MiB
    /// memory, BAR 4: I/O ports) and one tuple whose dma-buf fields are `dmaBuf`.
    static func file(_ dmaBuf: String, top: String = "") -> String {
        """
        \(top)bars:
          0: { start: 0x20e000000000, size: 0x10000000 }
          2: { start: 0x9e000000, size: 0x1000000 }
          4: { start: 0xe000, size: 0x20, space: io }
        tuples:
          - name: buf
            flags: [st]
            steering_tag: 0xf0
            ph: 2
        \(dmaBuf.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))

        """
    }

    static func refusal(_ text: String) -> String? {
        do {
            _ = try TupleFile.parse(path: "t.yaml", text: text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func lspciBlockGivesTheSeedRange() throws {
        let path = Self.fixtures + "/tuples.yaml"
        let set = try TupleFile.parse(path: path, text: try Self.read(path), readFile: Self.read)
        let tuple = try #require(set.tuples.first)
        #expect(tuple.ranges == [AddressRange(base: 0x20E0_0600_0000, size: 0x100_0000)])
        #expect(tuple.dmaBuf?.describe(0x20E0_0600_0800) == "region 0 + 0x6000800")
        #expect(tuple.dmaBuf?.describe(0x20E0_0500_0000) == nil)
        let seed = repositoryRoot.appendingPathComponent("Fixtures/seed/tuples.yaml").path
        let absolute = try TupleFile.parse(path: seed, text: try Self.read(seed))
        #expect(absolute.tuples.first?.ranges == tuple.ranges)
    }

    @Test func sysfsResourceGivesTheSameBARs() throws {
        let lspci = try BARTable.parse(text: try Self.read(Self.fixtures + "/exporter.lspci.txt"), origin: "lspci")
        let sysfs = try BARTable.parse(text: try Self.read(Self.fixtures + "/exporter.resource"), origin: "sysfs")
        #expect(lspci.bars == sysfs.bars)
        #expect(lspci.bars[0] == BARTable.BAR(index: 0, start: 0x20E0_0000_0000, size: 256 << 20, space: .memory))
        #expect(lspci.bars[4]?.space == .io)
        #expect(lspci.bars[1] == nil)
    }

    @Test func barsFileOnTheCommandLineOverridesTheTupleFile() throws {
        let path = Self.fixtures + "/tuples.yaml"
        let set = try TupleFile.parse(
            path: path, text: try Self.read(path), barsPath: Self.fixtures + "/exporter.resource", readFile: Self.read)
        #expect(set.bars?.origin.hasSuffix("exporter.resource") == true)
        #expect(set.tuples.first?.ranges.first?.base == 0x20E0_0600_0000)
    }

    @Test func lspciWithSeveralDevicesPicksTheExporter() throws {
        let text = """
            04:00.0 Ethernet controller: Mellanox Technologies MT2910
            \tRegion 0: Memory at 3fe000000000 (64-bit, prefetchable) [size=32M]
            0000:05:00.0 Processing accelerators: Device 1d0f:0001
            \tRegion 0: Memory at 20e000000000 (64-bit, prefetchable) [size=256M]
            """
        #expect(throws: ConfigError.self) { try BARTable.parse(text: text, origin: "l") }
        let table = try BARTable.parse(text: text, origin: "l", device: "05:00.0")
        #expect(table.bars[0]?.start == 0x20E0_0000_0000)
    }

    @Test func busOffsetAndBusAddresses() throws {
        let dma = "region_index: 0\ndma_ranges: [{ offset: 0x1000, length: 0x1000 }]"
        let shifted = try TupleFile.parse(path: "t", text: Self.file(dma, top: "bus_offset: 0x200000000000\n"))
        #expect(shifted.tuples.first?.ranges == [AddressRange(base: 0xE0_0000_1000, size: 0x1000)])
        let bus = try TupleFile.parse(path: "t", text: Self.file(dma, top: "bar_addresses: bus\n"))
        #expect(bus.tuples.first?.ranges == [AddressRange(base: 0x20E0_0000_1000, size: 0x1000)])
        #expect(Self.refusal(Self.file(dma, top: "bar_addresses: bus\nbus_offset: 1\n")) != nil)
    }

    @Test func bothRangesAndSlicesAreKept() throws {
        let dma =
            "region_index: 2\ndma_ranges: [{ offset: 0, length: 0x1000 }]\nranges: [{ base: 0x1000, size: 0x1000 }]"
        let set = try TupleFile.parse(path: "t", text: Self.file(dma))
        #expect(set.tuples.first?.ranges.count == 2)
    }

    /// Each refusal of vfio_pci_core_feature_dma_buf, with the kernel's reasoning in the message.
    @Test(arguments: [
        ("region_index: 0\ndma_ranges: []", "nr_ranges is 0"),
        ("region_index: 0\ndma_buf_flags: 1\ndma_ranges: [{ offset: 0, length: 0x1000 }]", "defines no flags bit"),
        ("region_index: 6\ndma_ranges: [{ offset: 0, length: 0x1000 }]", "the ROM region"),
        ("region_index: 9\ndma_ranges: [{ offset: 0, length: 0x1000 }]", "-ENODEV"),
        ("region_index: 4\ndma_ranges: [{ offset: 0, length: 0x1000 }]", "not memory"),
        ("region_index: 1\ndma_ranges: [{ offset: 0, length: 0x1000 }]", "not implemented"),
        ("region_index: 0\ndma_ranges: [{ offset: 0, length: 0 }]", "zero length"),
        ("region_index: 0\ndma_ranges: [{ offset: 0x800, length: 0x1000 }]", "offset 0x800 is not page aligned"),
        ("region_index: 0\ndma_ranges: [{ offset: 0, length: 0x1800 }]", "length 0x1800 is not page aligned"),
        ("region_index: 0\ndma_ranges: [{ offset: 0xfff0000, length: 0x20000 }]", "runs past the end of BAR 0"),
        (
            "region_index: 0\ndma_ranges: [{ offset: 0xfffffffffffff000, length: 0x1000 }]",
            "overflows 64 bits; the kernel refuses it (-EOVERFLOW)"
        ),
        (
            "region_index: 0\ndma_ranges: [{ offset: 0, length: 0x8000000000000000 }, { offset: 0, length: 0x8000000000000000 }]",
            "add up past 2^64"
        ),
        ("region_index: 0\ndma_ranges: [{ offset: 0, length: 0x8000000000000000 }]", "DMA_IOVA_USE_SWIOTLB"),
        ("dma_ranges: [{ offset: 0, length: 0x1000 }]", "dma_ranges without region_index"),
        ("region_index: 0", "region_index without dma_ranges"),
    ])
    func kernelRefusals(dmaBuf: String, reason: String) {
        let message = Self.refusal(Self.file(dmaBuf))
        #expect(message?.contains(reason) == true, "\(message ?? "accepted")")
        #expect(message?.contains("tuple 'buf'") == true)
    }

    @Test func pageSizeIsConfigurable() {
        let dma = "region_index: 0\ndma_ranges: [{ offset: 0x1000, length: 0x1000 }]"
        #expect(Self.refusal(Self.file(dma)) == nil)
        #expect(Self.refusal(Self.file(dma, top: "page_size: 65536\n"))?.contains("page size 65536") == true)
    }

    @Test func slicesNeedBARs() {
        let text = """
            tuples:
              - { name: b, flags: [st], steering_tag: 1, ph: 0, region_index: 0, dma_ranges: [{ offset: 0, length: 4096 }] }
            """
        #expect(Self.refusal(text)?.contains("need the exporter's BARs") == true)
    }

    @Test(arguments: [
        "\tRegion 0: Memory at 20e000000000 (64-bit, prefetchable) [size=99999999999999999999E]",
        "\tRegion 0: Memory at zz (64-bit) [size=4K]",
        "\tRegion 99: Memory at 1000 [size=4K]",
        "\tRegion 0: Memory at 1000",
        "\tRegion : Memory",
        "0x1000 0x0fff 0x200",
        "0xffffffffffffffff 0x0 0x200",
        "0x0 0xffffffffffffffff 0x200",
        "not a bar file",
    ])
    func badBARFilesAreRefusedWithALine(_ text: String) {
        #expect(throws: ConfigError.self) { try BARTable.parse(text: text, origin: "bars.txt") }
    }

    @Test func unassignedRegionsCountAsNotImplemented() throws {
        let table = try BARTable.parse(
            text: "\tRegion 0: Memory at <unassigned> (64-bit, prefetchable)\n\tRegion 2: Memory at 1000 [size=4K]",
            origin: "l")
        #expect(table.bars[0] == nil)
        #expect(table.bars[2]?.size == 4096)
    }
}
