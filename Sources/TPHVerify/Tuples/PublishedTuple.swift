import PCIeTLP

/// DEVCAP2 "TPH Completer Supported" of the exporting device, which bounds what the kernel
/// lets userspace publish (`-EOPNOTSUPP` otherwise).
public enum CompleterTPH: String, CaseIterable, Sendable {
    case none
    case tphOnly = "tph-only"
    case extended
}

/// `flags` of `struct vfio_device_feature_dma_buf_tph`: which namespaces hold a valid ST.
public struct TupleFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `VFIO_DMA_BUF_TPH_ST` (bit 0): `steering_tag` (8-bit namespace) is valid.
    public static let st = TupleFlags(rawValue: 1 << 0)
    /// `VFIO_DMA_BUF_TPH_ST_EXT` (bit 1): `steering_tag_ext` (16-bit namespace) is valid.
    public static let stExt = TupleFlags(rawValue: 1 << 1)
}

/// A bus address range `[base, base + size)` that a dma-buf covers.
public struct AddressRange: Hashable, Sendable {
    public var base: UInt64
    public var size: UInt64

    public init(base: UInt64, size: UInt64) {
        self.base = base
        self.size = size
    }

    /// The last address inside the range (a range may end at 2^64).
    public var last: UInt64 { base &+ (size &- 1) }

    public func contains(_ address: UInt64) -> Bool { address >= base && address - base < size }
}

/// One dma-buf's published tuple, with the uAPI's field names (`dmabuf_fd`, `flags`,
/// `steering_tag`, `steering_tag_ext`, `ph`), the dma-buf's bus address ranges and the
/// importers expected to use it.
public struct PublishedTuple: Hashable, Sendable {
    public var name: String
    public var dmabufFD: Int32?
    public var flags: TupleFlags
    public var steeringTag: UInt8?
    public var steeringTagExt: UInt16?
    public var ph: UInt8
    public var ranges: [AddressRange]
    /// Empty: any requester.
    public var requesters: [PCIID]
    /// Line of the entry in its file, for messages.
    public var line: Int?
    /// The dma-buf as `VFIO_DEVICE_FEATURE_DMA_BUF` made it (BAR and slices), when the file gave
    /// it that way; its slices are also in ``ranges``.
    public var dmaBuf: DMABufSlices?

    public init(
        name: String, dmabufFD: Int32? = nil, flags: TupleFlags, steeringTag: UInt8? = nil,
        steeringTagExt: UInt16? = nil, ph: UInt8, ranges: [AddressRange], requesters: [PCIID] = [], line: Int? = nil,
        dmaBuf: DMABufSlices? = nil
    ) {
        self.dmaBuf = dmaBuf
        self.name = name
        self.dmabufFD = dmabufFD
        self.flags = flags
        self.steeringTag = steeringTag
        self.steeringTagExt = steeringTagExt
        self.ph = ph
        self.ranges = ranges
        self.requesters = requesters
        self.line = line
    }

    /// The ST published for a namespace (8 or 16 bits), or nil when its flag is clear.
    public func steeringTag(width: Int) -> UInt16? {
        width == 16
            ? (flags.contains(.stExt) ? steeringTagExt : nil)
            : (flags.contains(.st) ? steeringTag.map(UInt16.init) : nil)
    }
}

/// Everything a tuple file publishes.
public struct TupleSet: Sendable {
    public var path: String
    /// The VFIO-owned device (completer), informational.
    public var exporter: String?
    /// nil when the file does not say; then no flag is refused for it.
    public var completerTPH: CompleterTPH?
    public var tuples: [PublishedTuple]
    /// The exporter's BARs, when a tuple gave its dma-buf as region and slices.
    public var bars: BARTable?

    public init(path: String, exporter: String? = nil, completerTPH: CompleterTPH? = nil, tuples: [PublishedTuple]) {
        self.path = path
        self.exporter = exporter
        self.completerTPH = completerTPH
        self.tuples = tuples
    }
}
