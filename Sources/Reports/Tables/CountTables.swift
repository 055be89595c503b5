package import AuditCore

/// Texts shared by the published tables, and the internal `unmapped.csv` listing.
///
/// When the source has no victim / witness indicator, those columns read
/// `not available in this source` instead of a misleading 0; `possible_victim` reads
/// `not computed (heuristic off)` unless the pipeline turns the dual-arrest heuristic on.
package enum CountTables {
    package static let notAvailable = "not available in this source"
    /// A period-over-period change across an era or recorded-period boundary.
    package static let acrossBoundary = "not computed: an era or recorded-period boundary lies between the periods"
    /// A target rule whose inputs the source does not have.
    package static let notTestable = "not testable in this source"
    /// A share withheld because no record of the group has a known criminality.
    package static let criminalityUnknown = "not available: criminality unknown for every record"
    /// A share withheld because the source has no MSC code or name column.
    package static let offenseNotInSource = "not available in this source: no offense data"
    package static let heuristicOff = "not computed (heuristic off)"
    /// The collateral share when no input has an apprehension type column.
    package static let apprehensionTypeNotInSource = "not available in this source: no apprehension type"

    /// `unmapped.csv`: every value the rule tables could not map, with how many records carry it.
    package static func unmapped(_ rows: [UnmappedRow]) -> OutputFile {
        var document = CSVDocument(header: ["field", "value", "records"])
        for row in rows { document.append([.text(row.field), .text(row.value), .integer(row.records)]) }
        return OutputFile(name: BuiltInOutputs.unmapped + ".csv", document: document)
    }

    /// `coverage_counts.csv`: `coverage.csv`'s rows with the counts behind the shares.
    package static func coverageCounts(_ sources: [CoverageSource]) -> OutputFile {
        var document = CSVDocument(header: [
            "file", "fiscal_year", "field", "column", "records", "filled", "missing", "redacted", "status",
        ])
        for source in sources {
            for row in source.rows {
                document.append([
                    .text(source.file), .text(row.fiscalYear.map { "FY\($0)" } ?? "(no date)"),
                    .text(row.field.rawValue),
                    .text(source.columns[row.field] ?? ""), .integer(row.records), .integer(row.filled),
                    .integer(row.missing), .integer(row.redacted),
                    .text(Publisher.coverageStatus(row, source: source).status),
                ])
            }
        }
        return OutputFile(name: BuiltInOutputs.coverageCounts + ".csv", document: document)
    }
}
