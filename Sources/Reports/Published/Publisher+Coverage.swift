package import AuditCore

/// One input file's coverage, as the run found it.
package struct CoverageSource: Sendable, Equatable {
    package var file: String
    /// The header spelling each mapped field was read from.
    package var columns: [Field: String]
    package var rows: [FieldCoverage]
    /// Periods the run found not recorded (`NotRecordedDetector`).
    package var notRecorded: [NotRecordedPeriod]
    /// Column specs with a recorded period declared in the pipeline.
    package var declared: [Field: ColumnSpec]

    package init(
        file: String, columns: [Field: String], rows: [FieldCoverage], notRecorded: [NotRecordedPeriod],
        declared: [Field: ColumnSpec]
    ) {
        self.file = file
        self.columns = columns
        self.rows = rows
        self.notRecorded = notRecorded
        self.declared = declared
    }
}

extension Publisher {
    static let coverageColumns: [(String, PublishedColumnKind)] = [
        ("file", .text), ("fiscal_year", .text), ("field", .text), ("column", .text),
        ("filled_share", .share), ("missing_share", .share), ("redacted_share", .share),
        ("status", .text), ("basis", .text), ("withheld_reason", .text),
    ]

    /// `coverage.csv`: per input file, fiscal year and mapped field, the shares of records with the
    /// field filled, missing and redacted, and whether the file recorded the field then. Shares are
    /// rounded to whole percents and withheld for a fiscal year of fewer than k rows; no count is
    /// published (the counts are in `internal/coverage_counts.csv`).
    package func coverage(_ sources: [CoverageSource]) -> PublishedTable {
        let columns = Self.coverageColumns.map {
            PublishedColumn(name: $0.0, kind: $0.1, description: ColumnDescriptions.coverage($0.0, k: k))
        }
        let rows = sources.flatMap { source in
            source.rows.map { coverageRow($0, source: source) }
        }
        return PublishedTable(
            name: BuiltInOutputs.coverage, title: "Coverage",
            description:
                "One row per input file, fiscal year and mapped field: how many of the file's records have the field filled, missing or redacted, and whether the file recorded the field in that year.",
            columns: columns, rows: rows)
    }

    private func coverageRow(_ row: FieldCoverage, source: CoverageSource) -> [PublishedCell] {
        let status = Self.coverageStatus(row, source: source)
        var cells: [PublishedCell] = [
            .text(source.file), .text(row.fiscalYear.map { "FY\($0)" } ?? "(no date)"), .text(row.field.rawValue),
            .text(source.columns[row.field] ?? ""),
        ]
        if row.records < k {
            cells += [.withheld, .withheld, .withheld]
        } else {
            cells += [row.filled, row.missing, row.redacted].map {
                .share((Double($0) / Double(row.records) * 100).rounded() / 100)
            }
        }
        cells += [.text(status.status), status.basis.map(PublishedCell.text) ?? .empty]
        cells.append(row.records < k ? .text("fewer than \(k) rows in this fiscal year") : .empty)
        return cells
    }

    /// `recorded`, `not recorded`, `partly recorded` (a declared period starts or ends within the
    /// year) or `empty` (no value, but too few records to tell it was not collected), with the basis.
    static func coverageStatus(_ row: FieldCoverage, source: CoverageSource) -> (status: String, basis: String?) {
        if let year = row.fiscalYear, let spec = source.declared[row.field],
            let start = SimpleDate(year: year - 1, month: 10, day: 1),
            let end = SimpleDate(year: year, month: 9, day: 30)
        {
            let from = spec.recordedFrom.map { " recorded_from \($0.isoString)" } ?? ""
            let until = spec.recordedUntil.map { " recorded_until \($0.isoString)" } ?? ""
            let basis = "declared in the pipeline:" + from + until
            switch (spec.recorded(on: start), spec.recorded(on: end)) {
            case (true, true): break
            case (false, false): return ("not recorded", basis)
            default: return ("partly recorded", basis)
            }
        }
        if let year = row.fiscalYear,
            let period = source.notRecorded.first(where: { $0.field == row.field && $0.fiscalYears.contains(year) })
        {
            let share = Int((period.filledElsewhere * 100).rounded())
            return (
                "not recorded",
                "found by the run: no record of \(period.label) has it, while \(share)% of the records of the years that have it do"
            )
        }
        return row.filled + row.redacted == 0 ? ("empty", nil) : ("recorded", nil)
    }
}
