import PCIeTLP

/// Reads a tuple file (YAML or JSON, design §6) and refuses what the kernel would refuse,
/// naming the entry: `ph` > 3, unknown flags, a flag without its value, `st_ext` with a
/// `tph-only` completer, any flag with a `none` completer, zero-size or overlapping ranges.
public enum TupleFile {
    ///
    /// A tuple may give its dma-buf as `VFIO_DEVICE_FEATURE_DMA_BUF` does, `region_index` and
    /// `dma_ranges`; its bus ranges are then computed from the exporter's BARs: the file at
    /// `barsPath` (from `--bars`) when given, else the file's `bars:` (a map, or the path of an
    /// `lspci -vv` block or a sysfs `resource` file, relative to the tuple file). Files are read
    /// with `readFile`.
    public static func parse(
        path: String, text: String, barsPath: String? = nil,
        readFile: (String) throws(ConfigError) -> String = { path throws(ConfigError) in
            throw ConfigError(path: path, line: nil, "cannot read files here")
        }
    ) throws(ConfigError) -> TupleSet {
        try parse(path: path, text: text, barsPath: barsPath, readFile: readFile, readingLines: true)
    }

    /// ``parse(path:text:barsPath:readFile:)`` of a file given as its bytes, which must be
    /// UTF-8 (the caller that read them checks it): a `String` of them is made only if Yams has
    /// to read the file.
    public static func parse(
        path: String, utf8: [UInt8], barsPath: String? = nil,
        readFile: (String) throws(ConfigError) -> String = { path throws(ConfigError) in
            throw ConfigError(path: path, line: nil, "cannot read files here")
        }
    ) throws(ConfigError) -> TupleSet {
        let loaded: Result<ConfigNode, ConfigError> = utf8.withUnsafeBufferPointer { bytes in
            do throws(ConfigError) {
                return .success(
                    try ConfigNode.load(
                        path: path, utf8: bytes, text: { String(decoding: bytes, as: UTF8.self) },
                        tupleEntries: true))
            } catch {
                return .failure(error)
            }
        }
        return try parse(root: try loaded.get(), path: path, barsPath: barsPath, readFile: readFile)
    }

    /// `readingLines`: one-line entries are read with the file's bytes (``TupleLineReader``);
    /// false reads every entry from the tree, which gives the same (tested).
    static func parse(
        path: String, text: String, barsPath: String?, readFile: (String) throws(ConfigError) -> String,
        readingLines: Bool
    ) throws(ConfigError) -> TupleSet {
        let root = try ConfigNode.load(path: path, text: text, tupleEntries: readingLines)
        return try parse(root: root, path: path, barsPath: barsPath, readFile: readFile)
    }

    /// The tuples of a loaded file.
    private static func parse(
        root: ConfigNode, path: String, barsPath: String?, readFile: (String) throws(ConfigError) -> String
    ) throws(ConfigError) -> TupleSet {
        let top = try root.mapping(allowed: [
            "exporter", "completer_tph", "tuples", "bars", "bar_addresses", "bus_offset", "page_size",
        ])
        var set = TupleSet(path: path, tuples: [])
        if let exporter = top["exporter"] { set.exporter = try exporter.string("exporter") }
        if let completer = top["completer_tph"] {
            let text = try completer.string("completer_tph")
            guard let value = CompleterTPH(rawValue: text) else {
                throw completer.error("completer_tph '\(text)' is not one of: none, tph-only, extended")
            }
            set.completerTPH = value
        }
        guard let list = top["tuples"] else { throw root.error("no 'tuples' list") }
        let entries = try list.sequence()
        var names: Set<String> = []
        let preread = root.tree.prereadTuples
        if preread.count == entries.count {
            // Every entry was read with the file's bytes, in order: the tuples are taken whole.
            set.tuples = preread
            // The reader compared the names as it read them, when it could tell.
            let distinct = root.tree.prereadNamesDistinct
            if !distinct { names.reserveCapacity(entries.count) }
            // An extended completer (or none named) honours every flag: nothing to check.
            let completerLimits = set.completerTPH == CompleterTPH.none || set.completerTPH == .tphOnly
            for index in set.tuples.indices {
                if completerLimits { try checkPreread(set.tuples[index], entries[index], completer: set.completerTPH) }
                if !distinct { try checkName(set.tuples[index].name, entries[index], names: &names) }
            }
        } else {
            names.reserveCapacity(entries.count)
            set.tuples.reserveCapacity(entries.count)
            var quick = QuickTupleReader(root.tree)
            for (index, entry) in entries.enumerated() {
                // Entries read with the file's bytes; ordinary entries straight from the tree;
                // the others (and every error) through the accessors, with their messages.
                if let tuple = entry.prereadTuple {
                    try checkPreread(tuple, entry, completer: set.completerTPH)
                    set.tuples.append(tuple)
                } else if !quick.read(entry.index, completer: set.completerTPH, appendingTo: &set.tuples) {
                    set.tuples.append(
                        try parseTuple(entry.with(context: "tuple #\(index + 1)"), completer: set.completerTPH))
                }
                try checkName(set.tuples[set.tuples.count - 1].name, entry, names: &names)
            }
        }
        try resolveDMABufs(&set, top: top, barsPath: barsPath, readFile: readFile)
        try checkOverlaps(set)
        return set
    }

    /// The check ``TupleLineReader`` leaves to its caller: the completer (the file may name it
    /// after its tuples).
    private static func checkPreread(
        _ tuple: PublishedTuple, _ entry: @autoclosure () -> ConfigNode, completer: CompleterTPH?
    ) throws(ConfigError) {
        if let refusal = completerRefusal(tuple.flags, completer: completer) {
            throw entry().with(context: "tuple '\(tuple.name)'").error(refusal)
        }
    }

    private static func checkName(
        _ name: String, _ entry: @autoclosure () -> ConfigNode, names: inout Set<String>
    ) throws(ConfigError) {
        guard names.insert(name).inserted else { throw entry().error("tuple '\(name)': the name is used twice") }
    }

    /// Why the exporter's completer cannot honour a tuple with `flags`, or nil when it can.
    static func completerRefusal(_ flags: TupleFlags, completer: CompleterTPH?) -> String? {
        switch completer {
        case .none?:
            flags.isEmpty ? nil : "completer_tph is none: the exporter cannot complete TPH, so no flag can be published"
        case .tphOnly?:
            flags.contains(.stExt) ? "st_ext needs an extended TPH completer; completer_tph is tph-only" : nil
        case .extended?, nil: nil
        }
    }

    /// A tuple's keys; ``TupleKey`` gives their positions.
    private static let tupleKeys = ConfigKeys([
        "name", "dmabuf_fd", "flags", "steering_tag", "steering_tag_ext", "ph", "ranges", "requesters",
        "region_index", "dma_ranges", "dma_buf_flags",
    ])

    private enum TupleKey: Int {
        case name, dmabufFD, flags, steeringTag, steeringTagExt, ph, ranges, requesters, regionIndex, dmaRanges,
            dmaBufFlags
    }

    private static let sliceKeys = ConfigKeys(["offset", "length"])

    static func parseTuple(_ entry: ConfigNode, completer: CompleterTPH?) throws(ConfigError) -> PublishedTuple {
        let fields = try entry.fields(tupleKeys)
        guard let nameNode = fields[TupleKey.name.rawValue] else { throw entry.error("no 'name'") }
        let name = try nameNode.string("name")
        let context = "tuple '\(name)'"
        func field(_ key: TupleKey) -> ConfigNode? { fields[key.rawValue]?.with(context: context) }
        let here = entry.with(context: context)

        var flags: TupleFlags = []
        for flag in try field(.flags)?.list() ?? .empty {
            switch try flag.string("flag") {
            case "st": flags.insert(.st)
            case "st_ext": flags.insert(.stExt)
            case let other: throw flag.error("unknown flag '\(other)' (the kernel knows st and st_ext)")
            }
        }
        guard let phNode = field(.ph) else { throw here.error("no 'ph'") }
        let ph = try phNode.unsigned("ph", max: .max)
        guard ph <= 3 else { throw phNode.error("ph \(ph) is not a processing hint (0..3); the kernel refuses it") }
        let steeringTag = try field(.steeringTag).map { node throws(ConfigError) in
            UInt8(try node.unsigned("steering_tag", max: 0xFF))
        }
        let steeringTagExt = try field(.steeringTagExt).map { node throws(ConfigError) in
            UInt16(try node.unsigned("steering_tag_ext", max: 0xFFFF))
        }
        if flags.contains(.st), steeringTag == nil { throw here.error("flag st without steering_tag") }
        if flags.contains(.stExt), steeringTagExt == nil { throw here.error("flag st_ext without steering_tag_ext") }
        if let refusal = completerRefusal(flags, completer: completer) { throw here.error(refusal) }
        var dmabufFD: Int32?
        if let node = field(.dmabufFD) { dmabufFD = Int32(try node.unsigned("dmabuf_fd", max: UInt64(Int32.max))) }

        var dmaBuf: DMABufSlices?
        if let regionNode = field(.regionIndex) {
            let region = UInt32(try regionNode.unsigned("region_index", max: UInt64(UInt32.max)))
            guard let list = field(.dmaRanges) else {
                throw here.error("region_index without dma_ranges (the slices of the BAR: offset, length)")
            }
            var slices: [DMABufSlices.Slice] = []
            for node in try list.sequence() {
                let parts = try node.fields(sliceKeys)
                guard let offset = parts[0], let length = parts[1] else {
                    throw node.error("a dma range needs offset and length")
                }
                slices.append(
                    DMABufSlices.Slice(
                        offset: try offset.unsigned("offset", max: .max),
                        length: try length.unsigned("length", max: .max)
                    ))
            }
            let flagsValue = try field(.dmaBufFlags).map { node throws(ConfigError) in
                UInt32(try node.unsigned("dma_buf_flags", max: UInt64(UInt32.max)))
            }
            dmaBuf = DMABufSlices(regionIndex: region, flags: flagsValue ?? 0, slices: slices)
        } else if field(.dmaRanges) != nil || field(.dmaBufFlags) != nil {
            throw here.error("dma_ranges without region_index (the BAR the dma-buf is a slice of)")
        }
        var ranges: [AddressRange] = []
        if let rangesNode = field(.ranges) {
            for range in try rangesNode.sequence() { ranges.append(try range.addressRange()) }
            guard !ranges.isEmpty else { throw here.error("no ranges") }
        } else if dmaBuf == nil {
            throw here.error("no 'ranges' (or region_index and dma_ranges)")
        }
        var requesters: [PCIID] = []
        for node in try field(.requesters)?.list() ?? .empty {
            guard let id = try node.pciID("requester") else {
                throw node.error("requester '\(try node.string("requester"))' is not a PCI ID like 04:00.0")
            }
            requesters.append(id)
        }
        return PublishedTuple(
            name: name, dmabufFD: dmabufFD, flags: flags, steeringTag: steeringTag, steeringTagExt: steeringTagExt,
            ph: UInt8(ph), ranges: ranges, requesters: requesters, line: entry.line, dmaBuf: dmaBuf)
    }

    /// Refuses what `vfio_pci_core_feature_dma_buf` refuses, and turns each tuple's dma-buf
    /// slices into bus ranges.
    private static func resolveDMABufs(
        _ set: inout TupleSet, top: [String: ConfigNode], barsPath: String?,
        readFile: (String) throws(ConfigError) -> String
    ) throws(ConfigError) {
        var pageSize = DMABufRules.defaultPageSize
        if let node = top["page_size"] {
            pageSize = try node.unsigned("page_size", max: 1 << 30)
            guard pageSize >= 4096, pageSize & (pageSize - 1) == 0 else {
                throw node.error("page_size \(pageSize) is not a power of two of at least 4096")
            }
        }
        var addresses = BARTable.Addresses.cpu
        if let node = top["bar_addresses"] {
            let text = try node.string("bar_addresses")
            guard let value = BARTable.Addresses(rawValue: text) else {
                throw node.error("bar_addresses '\(text)' is not one of: cpu, bus")
            }
            addresses = value
        }
        var busOffset: UInt64 = 0
        if let node = top["bus_offset"] {
            busOffset = try node.unsigned("bus_offset", max: .max)
            if addresses == .bus {
                throw node.error("bus_offset with bar_addresses: bus (bus addresses need no offset)")
            }
        }
        let wanting = set.tuples.indices.filter { set.tuples[$0].dmaBuf != nil }
        for index in wanting {
            let tuple = set.tuples[index]
            guard let request = tuple.dmaBuf else { continue }
            if let reason = DMABufRules.refusal(of: request, pageSize: pageSize) {
                throw ConfigError(path: set.path, line: tuple.line, "tuple '\(tuple.name)': \(reason)")
            }
        }
        guard !wanting.isEmpty else { return }
        var table: BARTable?
        if let barsPath {
            table = try BARTable.parse(text: try readFile(barsPath), origin: barsPath, device: set.exporter)
        } else if let node = top["bars"] {
            table = try barsFromFile(node, tuplesPath: set.path, device: set.exporter, readFile: readFile)
        }
        guard let table else {
            let first = set.tuples[wanting[0]]
            throw ConfigError(
                path: set.path, line: first.line,
                "tuple '\(first.name)': region_index and dma_ranges need the exporter's BARs: give bars: in the tuple file or --bars FILE (lspci -vv block or sysfs resource file)"
            )
        }
        set.bars = table
        for index in wanting {
            let tuple = set.tuples[index]
            guard var request = tuple.dmaBuf else { continue }
            let bar = table.bars[Int(request.regionIndex)]
            if let reason = DMABufRules.refusal(of: request, bar: bar, origin: table.origin) {
                throw ConfigError(path: set.path, line: tuple.line, "tuple '\(tuple.name)': \(reason)")
            }
            guard let bar else { continue }
            var busStart = bar.start
            if addresses == .cpu {
                guard bar.start >= busOffset else {
                    throw ConfigError(
                        path: set.path, line: tuple.line,
                        "tuple '\(tuple.name)': BAR \(request.regionIndex) starts at \(Hex.prefixed(bar.start)), below bus_offset \(Hex.prefixed(busOffset))"
                    )
                }
                busStart = bar.start - busOffset
            }
            request.barBusStart = busStart
            for slice in request.slices {
                let (base, overflow) = busStart.addingReportingOverflow(slice.offset)
                guard !overflow, base <= UInt64.max - (slice.length - 1) else {
                    throw ConfigError(
                        path: set.path, line: tuple.line,
                        "tuple '\(tuple.name)': a dma range runs past the 64-bit bus address space")
                }
                set.tuples[index].ranges.append(AddressRange(base: base, size: slice.length))
            }
            set.tuples[index].dmaBuf = request
        }
    }

    /// The file's `bars:`: a map `{0: {start, size, space}}`, or the path of an lspci block or
    /// sysfs resource file.
    private static func barsFromFile(
        _ node: ConfigNode, tuplesPath: String, device: String?, readFile: (String) throws(ConfigError) -> String
    ) throws(ConfigError) -> BARTable {
        let origin = "\(tuplesPath) bars"
        if node.isScalar {
            let name = try node.string("bars")
            var path = name
            if !name.hasPrefix("/"), let slash = tuplesPath.lastIndex(of: "/") {
                path = String(tuplesPath[...slash]) + name
            }
            return try BARTable.parse(text: try readFile(path), origin: path, device: device)
        }
        var bars: [Int: BARTable.BAR] = [:]
        guard node.isMapping else { throw node.error("bars must be a map or a file name") }
        for (key, value) in node.entries {
            let keyText = key.stringValue ?? ""
            guard let index = Int(keyText), (0...5).contains(index) else {
                throw ConfigError(
                    path: tuplesPath, line: key.line, "bars: '\(keyText)' is not a BAR number (0 to 5)")
            }
            let entry = value.with(context: "bars: BAR \(index)")
            let parts = try entry.mapping(allowed: ["start", "size", "space"])
            guard let start = parts["start"], let size = parts["size"] else {
                throw entry.error("needs start and size")
            }
            var space = BARTable.Space.memory
            if let node = parts["space"] {
                let text = try node.string("space")
                guard let value = BARTable.Space(rawValue: text) else {
                    throw node.error("space '\(text)' is not one of: memory, io")
                }
                space = value
            }
            bars[index] = BARTable.BAR(
                index: index, start: try start.unsigned("start", max: .max), size: try size.unsigned("size", max: .max),
                space: space)
        }
        return BARTable(bars: bars, origin: origin)
    }

    /// Overlapping ranges (within or across tuples) would make a TLP's tuple ambiguous.
    private static func checkOverlaps(_ set: TupleSet) throws(ConfigError) {
        typealias Placed = (base: UInt64, last: UInt64, tuple: Int)
        func refuse(_ current: Placed, after previous: Placed) -> ConfigError {
            let tuple = set.tuples[current.tuple]
            return ConfigError(
                path: set.path, line: tuple.line,
                "tuple '\(tuple.name)': range at \(Hex.prefixed(current.base)) overlaps tuple '\(set.tuples[previous.tuple].name)' (\(Hex.prefixed(previous.base))..\(Hex.prefixed(previous.last)))"
            )
        }
        // Generated files list their ranges in address order: then neighbours in the file are
        // neighbours by base, and no list of them is needed. The first overlap is the one a
        // sorted list would show first only if the whole file is in order, so it waits.
        var previous: Placed?
        var firstOverlap: (Placed, Placed)?
        var sorted = true
        scan: for index in set.tuples.indices {
            // Read in place, element by element (a view of the array would retain it).
            for slot in 0..<set.tuples[index].ranges.count {
                let range = set.tuples[index].ranges[slot]
                let current = (range.base, range.last, index)
                if let previous {
                    if previous.base > range.base {
                        sorted = false
                        break scan
                    }
                    if firstOverlap == nil, range.base <= previous.last { firstOverlap = (current, previous) }
                }
                previous = current
            }
        }
        if sorted {
            if let (current, previous) = firstOverlap { throw refuse(current, after: previous) }
            return
        }
        // Ranges by base (the tuple by index: no copy of it per range), then neighbours compared.
        var all: [Placed] = []
        all.reserveCapacity(set.tuples.count)
        for index in set.tuples.indices {
            for range in set.tuples[index].ranges { all.append((range.base, range.last, index)) }
        }
        all.sort { $0.base < $1.base }
        for index in all.indices.dropFirst() where all[index].base <= all[index - 1].last {
            throw refuse(all[index], after: all[index - 1])
        }
    }

}
