import Testing

@testable import TPHVerify

/// The text report's byte-level table against the String code it replaced.
@Suite struct TextTableTests {
    static func reference(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 || Int(cell) == nil ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        return all.map(line).joined(separator: "\n") + "\n"
    }

    @Test func tablesReadAsTheyDid() {
        var random = SplitMix(seed: 0x7461_626C_65)
        let texts = [
            "buf-0", "", " ", "a ", "  b", "+5", "-3", "007", "99999999999999999999", "é", "e\u{301}", "\r\n",
            "x\u{600} ", "中文", "tab\t",
        ]
        for _ in 0..<500 {
            let columns = 1 + random.below(5)
            let header = (0..<columns).map { _ in texts[random.below(texts.count)] }
            var table = TextReport.Table(header: header)
            var rows: [[String]] = []
            for _ in 0..<random.below(6) {
                var row: [String] = []
                for _ in 0..<columns {
                    if random.chance(50) {
                        let number = random.below(3) == 0 ? -random.below(1000) : random.below(100_000)
                        table.append(.number(number))
                        row.append(String(number))
                    } else {
                        let text = texts[random.below(texts.count)]
                        table.append(.text(text))
                        row.append(text)
                    }
                }
                rows.append(row)
            }
            #expect(table.render() == Self.reference(header, rows), "\(header) \(rows)")
            #expect(TextReport.table(header, rows) == Self.reference(header, rows))
        }
    }

    /// The tuple table written straight from the summaries reads as the general table does,
    /// the names and headers it hands over included.
    @Test func tupleTablesReadAsTheGeneralTable() {
        var random = SplitMix(seed: 0x7475_706C_65)
        let names = [
            "buf-0", "b", "", "a ", "007", "-3", "é", "e\u{301}", "\r\n", "中文", "tab\t", "long-name-\(1 << 40)",
        ]
        let titles = ["tuple", "matched", "passed", "st-mismatch", "ph-mismatch", "42", "ünicode", "x"]
        for _ in 0..<2000 {
            let failedColumns = (0..<random.below(6)).map { _ in random.below(8) }
            let header = ["tuple", "matched", "passed"] + failedColumns.map { _ in titles[random.below(titles.count)] }
            let tuples = (0..<random.below(8)).map { _ in
                VerifyResult.TupleSummary(
                    name: names[random.below(names.count)], matched: random.below(1_000_000), passed: random.below(100),
                    failed: (0..<8).map { _ in
                        random.below(20) == 0 ? -1 : random.below(random.chance(50) ? 10 : 100_000)
                    })
            }
            var table = TextReport.Table(header: header)
            for tuple in tuples {
                table.append(.text(tuple.name))
                table.append(.number(tuple.matched))
                table.append(.number(tuple.passed))
                for column in failedColumns { table.append(.number(tuple.failed[column])) }
            }
            #expect(
                TextReport.tupleTable(tuples, header: header, failedColumns: failedColumns) == table.render(),
                "\(header) \(tuples.map(\.name))")
            let prefix = random.chance(50) ? "PASS: é\n\n" : ""
            #expect(
                TextReport.tupleTable(
                    tuples, header: header, failedColumns: failedColumns, after: prefix, room: random.below(100))
                    == prefix + table.render())
        }
    }
}
