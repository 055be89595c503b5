/// Writes a published table as RFC 4180 CSV: counts and shares as plain numbers, suppressed counts as
/// `<k`, withheld shares as empty cells, formula-like text neutralised.
package enum PublishedCSV {
    package static func file(_ table: PublishedTable) -> OutputFile {
        var document = CSVDocument(header: table.columns.map(\.name))
        for row in table.rows {
            document.append(
                row.map { cell in
                    switch cell {
                    case .count(let value): .integer(value)
                    case .share(let value), .change(let value): .decimal(value)
                    case .withheld, .empty: .empty
                    default: .text(cell.csvText)
                    }
                })
        }
        return OutputFile(name: table.name + ".csv", document: document)
    }
}
