import PCIeTLP

/// Reads a tuple file (YAML or JSON, design §6) and refuses what the kernel would refuse,
/// naming the entry: `ph` > 3, unknown flags, a flag without its value, `st_ext` with a
/// `tph-only` completer, any flag with a `none` completer, zero-size or overlapping ranges.
public enum TupleFile {
    public static func parse(path: String, text: String) throws(ConfigError) -> TupleSet {
        let root = try ConfigNode.load(path: path, text: text)
        let top = try root.mapping(allowed: ["exporter", "completer_tph", "tuples"])
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
        var names: Set<String> = []
        for (index, entry) in try list.sequence().enumerated() {
            let tuple = try parseTuple(entry.with(context: "tuple #\(index + 1)"), completer: set.completerTPH)
            guard names.insert(tuple.name).inserted else {
                throw entry.error("tuple '\(tuple.name)': the name is used twice")
            }
            set.tuples.append(tuple)
        }
        try checkOverlaps(set)
        return set
    }

    private static func parseTuple(_ entry: ConfigNode, completer: CompleterTPH?) throws(ConfigError) -> PublishedTuple
    {
        let fields = try entry.mapping(allowed: [
            "name", "dmabuf_fd", "flags", "steering_tag", "steering_tag_ext", "ph", "ranges", "requesters",
        ])
        guard let nameNode = fields["name"] else { throw entry.error("no 'name'") }
        let name = try nameNode.string("name")
        let context = "tuple '\(name)'"
        func field(_ key: String) -> ConfigNode? { fields[key]?.with(context: context) }
        let here = entry.with(context: context)

        var flags: TupleFlags = []
        for flag in try field("flags")?.list() ?? [] {
            switch try flag.string("flag") {
            case "st": flags.insert(.st)
            case "st_ext": flags.insert(.stExt)
            case let other: throw flag.error("unknown flag '\(other)' (the kernel knows st and st_ext)")
            }
        }
        guard let phNode = field("ph") else { throw here.error("no 'ph'") }
        let ph = try phNode.unsigned("ph", max: .max)
        guard ph <= 3 else { throw phNode.error("ph \(ph) is not a processing hint (0..3); the kernel refuses it") }
        let steeringTag = try field("steering_tag").map { node throws(ConfigError) in
            UInt8(try node.unsigned("steering_tag", max: 0xFF))
        }
        let steeringTagExt = try field("steering_tag_ext").map { node throws(ConfigError) in
            UInt16(try node.unsigned("steering_tag_ext", max: 0xFFFF))
        }
        if flags.contains(.st), steeringTag == nil { throw here.error("flag st without steering_tag") }
        if flags.contains(.stExt), steeringTagExt == nil { throw here.error("flag st_ext without steering_tag_ext") }
        switch completer {
        case .none?:
            if !flags.isEmpty {
                throw here.error("completer_tph is none: the exporter cannot complete TPH, so no flag can be published")
            }
        case .tphOnly?:
            if flags.contains(.stExt) {
                throw here.error("st_ext needs an extended TPH completer; completer_tph is tph-only")
            }
        case .extended?, nil: break
        }
        var dmabufFD: Int32?
        if let node = field("dmabuf_fd") { dmabufFD = Int32(try node.unsigned("dmabuf_fd", max: UInt64(Int32.max))) }

        guard let rangesNode = field("ranges") else { throw here.error("no 'ranges'") }
        var ranges: [AddressRange] = []
        for range in try rangesNode.sequence() { ranges.append(try range.addressRange()) }
        guard !ranges.isEmpty else { throw here.error("no ranges") }
        var requesters: [PCIID] = []
        for node in try field("requesters")?.list() ?? [] {
            let text = try node.string("requester")
            guard let id = PCIID(text) else { throw node.error("requester '\(text)' is not a PCI ID like 04:00.0") }
            requesters.append(id)
        }
        return PublishedTuple(
            name: name, dmabufFD: dmabufFD, flags: flags, steeringTag: steeringTag, steeringTagExt: steeringTagExt,
            ph: UInt8(ph), ranges: ranges, requesters: requesters, line: entry.line)
    }

    /// Overlapping ranges (within or across tuples) would make a TLP's tuple ambiguous.
    private static func checkOverlaps(_ set: TupleSet) throws(ConfigError) {
        var all: [(range: AddressRange, tuple: PublishedTuple)] = []
        for tuple in set.tuples { for range in tuple.ranges { all.append((range, tuple)) } }
        all.sort { $0.range.base < $1.range.base }
        for index in all.indices.dropFirst() {
            let previous = all[index - 1]
            let current = all[index]
            if current.range.base <= previous.range.last {
                throw ConfigError(
                    path: set.path, line: current.tuple.line,
                    "tuple '\(current.tuple.name)': range at \(Hex.prefixed(current.range.base)) overlaps tuple '\(previous.tuple.name)' (\(Hex.prefixed(previous.range.base))..\(Hex.prefixed(previous.range.last)))"
                )
            }
        }
    }

}
