import PCIeTLP

/// A dma-buf as userspace asks vfio-pci for it (`VFIO_DEVICE_FEATURE_DMA_BUF`, feature 11):
/// `struct vfio_device_feature_dma_buf { u32 region_index; u32 open_flags; u32 flags;
/// u32 nr_ranges; struct vfio_region_dma_range { u64 offset; u64 length; } dma_ranges[]; }`.
/// Each range is a slice of one BAR; the bus addresses the importer's TLPs carry are the BAR's
/// bus start plus each offset.
public struct DMABufSlices: Hashable, Sendable {
    public struct Slice: Hashable, Sendable {
        public var offset: UInt64
        public var length: UInt64

        public init(offset: UInt64, length: UInt64) {
            self.offset = offset
            self.length = length
        }
    }

    public var regionIndex: UInt32
    public var flags: UInt32
    public var slices: [Slice]
    /// Bus address of the BAR's start, once the BAR is known.
    public var barBusStart: UInt64

    public init(regionIndex: UInt32, flags: UInt32 = 0, slices: [Slice], barBusStart: UInt64 = 0) {
        self.regionIndex = regionIndex
        self.flags = flags
        self.slices = slices
        self.barBusStart = barBusStart
    }

    /// `region 0 + 0x6000800`: where a bus address lies in the BAR, when it lies in one of the
    /// slices.
    public func describe(_ address: UInt64) -> String? {
        guard address >= barBusStart else { return nil }
        let offset = address - barBusStart
        guard slices.contains(where: { offset >= $0.offset && offset - $0.offset < $0.length }) else { return nil }
        return "region \(regionIndex) + \(Hex.prefixed(offset))"
    }
}

/// What `vfio_pci_core_feature_dma_buf` refuses, checked in the kernel's order, with its errno
/// and its reason. The rules follow drivers/vfio/pci/vfio_pci_dmabuf.c of Linux 6.19, where the
/// feature was added (`validate_dmabuf_input`, `vfio_pci_core_fill_phys_vec`,
/// `pcim_p2pdma_provider`).
public enum DMABufRules {
    /// The kernel's page size by default (x86-64, and arm64 with 4K pages).
    public static let defaultPageSize: UInt64 = 4096
    /// `DMA_IOVA_USE_SWIOTLB`: a total length with bit 63 set is refused.
    static let iovaSwiotlbBit: UInt64 = 1 << 63
    /// `VFIO_PCI_ROM_REGION_INDEX`: region indices 0...5 are BARs.
    static let romRegionIndex: UInt32 = 6

    /// Checks the request alone (no BAR needed): what the kernel refuses before it looks at the
    /// device. Returns the refusal, or nil.
    public static func refusal(of request: DMABufSlices, pageSize: UInt64) -> String? {
        if request.slices.isEmpty {
            return "nr_ranges is 0: vfio_pci_core_feature_dma_buf refuses a dma-buf without ranges (-EINVAL)"
        }
        if request.flags != 0 {
            return
                "flags \(Hex.prefixed(request.flags)): vfio_pci_core_feature_dma_buf defines no flags bit and refuses any (-EINVAL); a write-combining CPU mapping is not asked for here"
        }
        if request.regionIndex >= romRegionIndex {
            return
                "region_index \(request.regionIndex) is not a BAR (\(request.regionIndex == romRegionIndex ? "the ROM region" : "at or past the ROM region, 6")): the kernel refuses it (-ENODEV)"
        }
        var total: UInt64 = 0
        for (number, slice) in request.slices.enumerated() {
            let which = "dma_ranges[\(number)]"
            if slice.length == 0 { return "\(which): zero length; validate_dmabuf_input refuses it (-EINVAL)" }
            if slice.offset % pageSize != 0 {
                return
                    "\(which): offset \(Hex.prefixed(slice.offset)) is not page aligned (page size \(pageSize)); the kernel refuses it (-EINVAL)"
            }
            if slice.length % pageSize != 0 {
                return
                    "\(which): length \(Hex.prefixed(slice.length)) is not page aligned (page size \(pageSize)); the kernel refuses it (-EINVAL)"
            }
            let (sum, overflow) = total.addingReportingOverflow(slice.length)
            if overflow { return "\(which): the lengths add up past 2^64; the kernel refuses it (-EINVAL)" }
            total = sum
        }
        if total & iovaSwiotlbBit != 0 {
            return
                "the lengths add up to \(Hex.prefixed(total)), with bit 63 set (DMA_IOVA_USE_SWIOTLB); the kernel refuses it (-EINVAL)"
        }
        return nil
    }

    /// Checks the request against its BAR (as `pcim_p2pdma_provider` and
    /// `vfio_pci_core_fill_phys_vec` do, on the BAR's CPU start). Returns the refusal, or nil.
    public static func refusal(of request: DMABufSlices, bar: BARTable.BAR?, origin: String) -> String? {
        guard let bar, bar.size > 0 else {
            return
                "BAR \(request.regionIndex) is not implemented in \(origin) (or is the upper half of a 64-bit BAR): the kernel has no p2pdma provider for it (-EINVAL)"
        }
        guard bar.space == .memory else {
            return
                "BAR \(request.regionIndex) is an I/O port BAR, not memory: the kernel has no p2pdma provider for it (-EINVAL)"
        }
        let (barEnd, barOverflow) = bar.start.addingReportingOverflow(bar.size)
        for (number, slice) in request.slices.enumerated() {
            let which = "dma_ranges[\(number)]"
            let (start, startOverflow) = bar.start.addingReportingOverflow(slice.offset)
            let (end, endOverflow) = start.addingReportingOverflow(slice.length)
            if startOverflow || endOverflow {
                return
                    "\(which): BAR start plus offset plus length overflows 64 bits; the kernel refuses it (-EOVERFLOW)"
            }
            if !barOverflow, end > barEnd {
                return
                    "\(which): \(Hex.prefixed(slice.offset)) + \(Hex.prefixed(slice.length)) runs past the end of BAR \(request.regionIndex) (size \(Hex.prefixed(bar.size))); the kernel refuses it (-EINVAL)"
            }
        }
        return nil
    }
}
