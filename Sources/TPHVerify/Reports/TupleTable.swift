extension TextReport {
    /// The table of tuples (a name, then counts), written straight from the summaries: a file
    /// of 10,000 tuples makes a 10,000-row table, and putting each cell into a ``Table`` first
    /// cost more than reading the file. The bytes are those ``Table`` writes (tested against
    /// it); a table it would lay out differently (a header or a name that is not plain ASCII,
    /// a header that reads as a number, a negative count) is handed to ``Table``.
    ///
    /// The table comes after `prefix`, in a string with room for `room` more bytes: the report
    /// goes on after it without copying the table again.
    static func tupleTable(
        _ tuples: [VerifyResult.TupleSummary], header: [String], failedColumns: [Int], after prefix: String = "",
        room: Int = 0
    ) -> String {
        var general: String {
            prefix + generalTupleTable(tuples, header: header, failedColumns: failedColumns)
        }
        guard header.count == 3 + failedColumns.count,
            header.indices.allSatisfy({ plainHeader(header[$0], column: $0) })
        else { return general }
        var widths = header.map(\.utf8.count)
        var largest = Array(repeating: 0, count: header.count)
        for index in tuples.indices {
            guard let width = plainWidth(tuples[index].name), tuples[index].matched >= 0, tuples[index].passed >= 0
            else { return general }
            widths[0] = max(widths[0], width)
            largest[1] = max(largest[1], tuples[index].matched)
            largest[2] = max(largest[2], tuples[index].passed)
            let negative = tuples[index].failed.withUnsafeBufferPointer { failed in
                for offset in failedColumns.indices {
                    let count = failed[failedColumns[offset]]
                    if count < 0 { return true }
                    largest[3 + offset] = max(largest[3 + offset], count)
                }
                return false
            }
            if negative { return general }
        }
        for column in 1..<header.count { widths[column] = max(widths[column], decimalDigits(largest[column])) }
        let row = widths.reduce(0, +) + 2 * (widths.count - 1) + 1
        let (table, overflow) = row.multipliedReportingOverflow(by: tuples.count + 1)
        guard !overflow, case (let capacity, false) = table.addingReportingOverflow(prefix.utf8.count + max(room, 0))
        else { return general }
        return String(unsafeUninitializedCapacity: capacity) { out in
            guard let base = out.baseAddress else { return 0 }
            var at = base
            write(prefix, at: &at)
            let tableStart = at
            // The header: text, left-aligned, trailing spaces dropped.
            for (column, title) in header.enumerated() {
                if column > 0 { spaces(2, at: &at) }
                let start = at
                write(title, at: &at)
                spaces(widths[column] - (at - start), at: &at)
            }
            while at > tableStart, at[-1] == 0x20 { at -= 1 }
            at.pointee = 0x0A
            at += 1
            // The counts of a row: spaces laid down at once, then each count's digits put to
            // end where its column ends (counts are right-aligned, so nothing trails them).
            var ends: [Int] = []
            var counts = 0
            for column in 1..<header.count {
                counts += 2 + widths[column]
                ends.append(counts)
            }
            for index in tuples.indices {
                let start = at
                write(tuples[index].name, at: &at)
                spaces(widths[0] - (at - start), at: &at)
                blank(counts, at: at)
                put(tuples[index].matched, endingAt: at + ends[0])
                put(tuples[index].passed, endingAt: at + ends[1])
                tuples[index].failed.withUnsafeBufferPointer { failed in
                    for offset in failedColumns.indices {
                        put(failed[failedColumns[offset]], endingAt: at + ends[2 + offset])
                    }
                }
                at += counts
                at.pointee = 0x0A
                at += 1
            }
            return at - base
        }
    }

    /// `count` spaces from `at`, eight bytes a store.
    private static func blank(_ count: Int, at: UnsafeMutablePointer<UInt8>) {
        let raw = UnsafeMutableRawPointer(at)
        var offset = 0
        while offset + 8 <= count {
            raw.storeBytes(of: 0x2020_2020_2020_2020 as UInt64, toByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        while offset < count {
            raw.storeBytes(of: 0x20 as UInt8, toByteOffset: offset, as: UInt8.self)
            offset += 1
        }
    }

    /// The decimal digits of `value` (not negative), the last just before `end`.
    private static func put(_ value: Int, endingAt end: UnsafeMutablePointer<UInt8>) {
        var rest = value
        var digit = end
        repeat {
            digit -= 1
            digit.pointee = UInt8(truncatingIfNeeded: 0x30 + rest % 10)
            rest /= 10
        } while rest > 0
    }

    // Writers that advance `at` (passed in, not captured: a captured pointer is checked for
    // exclusive access on every write).

    private static func write(_ text: String, at: inout UnsafeMutablePointer<UInt8>) {
        var text = text
        text.withUTF8 { bytes in
            guard let start = bytes.baseAddress else { return }
            at.initialize(from: start, count: bytes.count)
            at += bytes.count
        }
    }

    private static func spaces(_ count: Int, at: inout UnsafeMutablePointer<UInt8>) {
        for _ in 0..<count {
            at.pointee = 0x20
            at += 1
        }
    }

    /// The same table through ``Table``, for what ``tupleTable`` does not lay out itself.
    private static func generalTupleTable(
        _ tuples: [VerifyResult.TupleSummary], header: [String], failedColumns: [Int]
    ) -> String {
        var table = Table(header: header)
        table.reserve(rows: tuples.count)
        for tuple in tuples {
            table.append(.text(tuple.name))
            table.append(.number(tuple.matched))
            table.append(.number(tuple.passed))
            for column in failedColumns { table.append(.number(tuple.failed[column])) }
        }
        return table.render()
    }

    /// The width of a name ``Table`` measures one character per byte (ASCII without a CR), or
    /// nil for any other.
    private static func plainWidth(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes in
            for byte in bytes where byte >= 0x80 || byte == 0x0D { return nil }
            return bytes.count
        }
    }

    /// A header ``Table`` left-aligns (past the first column, one that reads as a number is
    /// right-aligned) and measures one character per byte.
    private static func plainHeader(_ text: String, column: Int) -> Bool {
        plainWidth(text) != nil && (column == 0 || Int(text) == nil)
    }

    private static func decimalDigits(_ value: Int) -> Int {
        var rest = value
        var count = 1
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        return count
    }
}
