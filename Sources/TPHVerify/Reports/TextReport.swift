/// The report for people: a verdict, a table per tuple (matched, passed, failed by check), the
/// checks with their findings, then the first violations with their TLP rendered.
public enum TextReport {
    public static let shownViolations = Verifier.renderedFindings

    public static func render(_ result: VerifyResult) -> String {
        var out = summaryLine(result) + "\n"
        if result.assumedModeRecords > 0 { out += "Note: " + assumedModeNote(result) + "\n" }
        out += "\n"
        let firing = result.checks.filter { check in result.tuples.contains { $0.failed[check.check.index] > 0 } }
        // A row per tuple (10,000 of them, for some files), with room for the rest of the report.
        out = tupleTable(
            result.tuples, header: ["tuple", "matched", "passed"] + firing.map(\.id),
            failedColumns: firing.map(\.check.index), after: out, room: 1 << 16)
        out += "\n"
        let header = ["check", "severity", "findings"]
        let rows = result.checks.map { [$0.id, $0.severity.rawValue, String($0.findings)] }
        out += table(header, rows) + "\n"
        let violations = result.findings.prefix(shownViolations)
        if !violations.isEmpty {
            let total = result.errorCount + result.warningCount
            let rest = violations.count < total ? " (the JSON report, --format json, lists more)" : ""
            out += "First \(violations.count) of \(total) findings\(rest):\n"
            for finding in violations {
                let tuple = finding.tuple.map { " tuple \($0):" } ?? ""
                out +=
                    "\n\(finding.source): \(finding.severity.rawValue): \(finding.check):\(tuple) \(finding.summary)\n"
                for line in finding.rendering ?? [] { out += "    \(line)\n" }
            }
        }
        return out
    }

    /// `PASS: 1 TLP in the ranges of 1 published tuple; 0 errors, 0 warnings (1 record, 0 malformed)`
    /// `ERROR: 1 of 2 captures could not be used (no verdict): x.pcap: cannot open: ...` when a
    /// capture could not be used.
    public static func summaryLine(_ result: VerifyResult) -> String {
        let unusable = result.unusableCaptures
        if !unusable.isEmpty {
            let reasons = unusable.map { "\($0.path): \($0.error ?? "")" }.joined(separator: "; ")
            return "ERROR: \(unusable.count) of \(count(result.captures.count, "capture")) could not be used, "
                + "so there is no verdict: \(reasons)"
        }
        let verdict = result.passed ? "PASS" : "FAIL"
        let tuples = result.tuples.count == 1 ? "1 published tuple" : "\(result.tuples.count) published tuples"
        return "\(verdict): \(count(result.matched, "TLP")) in the ranges of \(tuples); "
            + "\(count(result.errorCount, "error")), \(count(result.warningCount, "warning")) "
            + "(\(count(result.records, "record")), \(result.malformed) malformed)"
    }

    /// Said whenever a record's mode had to be assumed: a flit capture decoded as non-flit
    /// fails for reasons that have nothing to do with its TPH.
    public static func assumedModeNote(_ result: VerifyResult) -> String {
        "\(count(result.assumedModeRecords, "record")) decoded in non-flit mode, assumed: the input does not say "
            + "which mode the link used; pass --mode flit for a flit-mode link"
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// Columns aligned; numbers right-aligned, text left-aligned.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var table = Table(header: header)
        for row in rows { for cell in row { table.append(.text(cell)) } }
        return table.render()
    }

    /// Rows of cells written as bytes: columns as wide as their widest cell (in characters),
    /// separated by two spaces, the first column and text left-aligned, numbers (and text that
    /// reads as an `Int`) right-aligned, trailing spaces dropped.
    struct Table {
        enum Cell {
            case text(String)
            case number(Int)
        }

        private let columns: Int
        private var cells: [Cell]

        init(header: [String]) {
            columns = header.count
            cells = header.map { .text($0) }
        }

        mutating func reserve(rows: Int) { cells.reserveCapacity(cells.count + rows * columns) }

        /// The next cell, row by row.
        mutating func append(_ cell: Cell) { cells.append(cell) }

        private static func digits(_ number: Int) -> Int {
            var magnitude = number.magnitude
            var count = number < 0 ? 2 : 1
            while magnitude >= 10 {
                magnitude /= 10
                count += 1
            }
            return count
        }

        private struct Measure {
            /// In characters.
            var width: Int
            var bytes: Int
            var numeric: Bool
            /// ASCII without a CR (CR LF is one character): one character per byte.
            var ascii: Bool
        }

        private static func measure(_ cell: Cell) -> Measure {
            switch cell {
            case .number(let number):
                let width = digits(number)
                return Measure(width: width, bytes: width, numeric: true, ascii: true)
            case .text(let text):
                let ascii =
                    text.utf8.withContiguousStorageIfAvailable { bytes in
                        var plain = true
                        for byte in bytes where byte >= 0x80 || byte == 0x0D { plain = false }
                        return plain
                    } ?? text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
                let bytes = text.utf8.count
                return Measure(width: ascii ? bytes : text.count, bytes: bytes, numeric: Int(text) != nil, ascii: ascii)
            }
        }

        func render() -> String {
            guard columns > 0 else { return "\n" }
            let measured = cells.map(Self.measure)
            var widths = Array(repeating: 0, count: columns)
            var total = 0
            for (index, cell) in measured.enumerated() {
                widths[index % columns] = Swift.max(widths[index % columns], cell.width)
                total += cell.bytes - cell.width + 2
            }
            total += (widths.reduce(0, +) + 1) * (cells.count / columns)
            return String(unsafeUninitializedCapacity: Swift.max(total, 1)) { out in
                guard let base = out.baseAddress else { return 0 }
                var at = 0
                var rowStart = 0
                var ascii = true
                for (index, cell) in cells.enumerated() {
                    let column = index % columns
                    if column > 0 {
                        out[at] = 0x20
                        out[at + 1] = 0x20
                        at += 2
                    }
                    let measure = measured[index]
                    ascii = ascii && measure.ascii
                    let pad = widths[column] - measure.width
                    let right = column > 0 && measure.numeric
                    if right {
                        (base + at).initialize(repeating: 0x20, count: pad)
                        at += pad
                    }
                    switch cell {
                    case .number(let number):
                        var magnitude = number.magnitude
                        var digit = at + measure.bytes
                        at = digit
                        repeat {
                            digit -= 1
                            out[digit] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                            magnitude /= 10
                        } while magnitude > 0
                        if number < 0 { out[digit - 1] = UInt8(ascii: "-") }
                    case .text(let text):
                        let copied = text.utf8.withContiguousStorageIfAvailable { bytes in
                            guard let start = bytes.baseAddress else { return 0 }
                            (base + at).initialize(from: start, count: bytes.count)
                            return bytes.count
                        }
                        if let copied {
                            at += copied
                        } else {
                            for byte in text.utf8 {
                                out[at] = byte
                                at += 1
                            }
                        }
                    }
                    if !right {
                        (base + at).initialize(repeating: 0x20, count: pad)
                        at += pad
                    }
                    guard column == columns - 1 else { continue }
                    if ascii {
                        while at > rowStart, out[at - 1] == 0x20 { at -= 1 }
                    } else {
                        let line = String(decoding: UnsafeBufferPointer(rebasing: out[rowStart..<at]), as: UTF8.self)
                        at = rowStart
                        for byte in line.trimmingTrailingSpaces().utf8 {
                            out[at] = byte
                            at += 1
                        }
                    }
                    out[at] = 0x0A
                    at += 1
                    rowStart = at
                    ascii = true
                }
                return at
            }
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
