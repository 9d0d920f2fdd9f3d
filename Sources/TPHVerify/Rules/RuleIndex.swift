import PCIeTLP

/// The custom rules a TLP can match, found without trying every rule: each rule is filed under
/// the most selective field it matches on (address range, else requester, else type), and a TLP
/// looks up only the rules filed under its own address, requester and type, plus the rules
/// that match on none of these. Candidates are then checked in full, in rule order, so findings
/// come out as a scan of every rule would give them. 20,000 address rules against 100,000
/// TLPs cost a binary search per TLP instead of two billion comparisons.
struct RuleIndex: Sendable {
    /// Rules with an address range, by base, with the largest last address up to each entry.
    private var byAddress: [(range: AddressRange, rule: Int)] = []
    private var maxLast: [UInt64] = []
    private var byRequester: [PCIID: [Int]] = [:]
    private var byType: [TLPType: [Int]] = [:]
    /// Rules that match on none of the indexed fields: candidates for every TLP.
    private var unfiled: [Int] = []

    init(_ rules: [CustomRule]) {
        for (index, rule) in rules.enumerated() where rule.severity != .off {
            if let range = rule.match.address {
                byAddress.append((range, index))
            } else if let requester = rule.match.requester {
                byRequester[requester, default: []].append(index)
            } else if !rule.match.types.isEmpty {
                for type in rule.match.types { byType[type, default: []].append(index) }
            } else {
                unfiled.append(index)
            }
        }
        byAddress.sort { $0.range.base < $1.range.base }
        var running: UInt64 = 0
        maxLast = byAddress.map { entry in
            running = max(running, entry.range.last)
            return running
        }
    }

    var isEmpty: Bool { byAddress.isEmpty && byRequester.isEmpty && byType.isEmpty && unfiled.isEmpty }

    /// Fills `out` with the indices of the rules `tlp` may match, ascending, without duplicates.
    func candidates(_ tlp: TLPView, into out: inout [Int]) {
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: unfiled)
        if let list = byType[tlp.type] { out.append(contentsOf: list) }
        if !byRequester.isEmpty, let requester = tlp.requester, let list = byRequester[requester] {
            out.append(contentsOf: list)
        }
        if !byAddress.isEmpty, let address = tlp.address {
            // The entries with base <= address, walked back while a range can still reach it.
            var low = 0
            var high = byAddress.count
            while low < high {
                let middle = (low + high) / 2
                if byAddress[middle].range.base <= address { low = middle + 1 } else { high = middle }
            }
            var index = low - 1
            while index >= 0, maxLast[index] >= address {
                if byAddress[index].range.contains(address) { out.append(byAddress[index].rule) }
                index -= 1
            }
        }
        // Filed under one field each, so no rule appears twice; rule order keeps findings stable.
        if out.count > 1 { out.sort() }
    }
}
