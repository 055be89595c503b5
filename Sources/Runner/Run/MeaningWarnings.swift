import AuditCore

/// Warnings about a file whose counts would lose meaning without a word (issue 13 item 7).
///
/// - A report grouped by a field the file has no column for puts every record in one `(missing)`
///   group: a notice was not enough, since `--quiet` hides notices.
/// - Without a usable identifier (no duplicate key, or its columns absent), byte-identical rows are
///   folded — 13.8% of an arrests release and 26.3% of a book-in release in issue 13, distinct
///   events that look alike. The run says how many, and how to count them instead.
enum MeaningWarnings {
    static func warnings(for input: RunManifest.Input, display: String, definition: PipelineDefinition) -> [String] {
        var warnings: [String] = []
        let absent = Set(input.absentFields)
        for report in definition.reports {
            for field in report.groupBy where absent.contains(field.rawValue) {
                warnings.append(
                    "\(display): report '\(report.name)' groups by '\(field.rawValue)', which has no column in this file: "
                        + "every record of it falls in one (missing) group")
            }
        }
        for (field, column) in input.unmappedKnownColumns.sorted(by: { $0.key < $1.key }) {
            warnings.append(
                "\(display): column '\(column)' looks like ICE's '\(field)', which the pipeline reads from no column of this file: "
                    + "rules that use it go without (add '\(column)' to columns.\(field) in the pipeline)")
        }
        let key = definition.duplicates.key
        let keyUsable = !key.isEmpty && key.allSatisfy { input.columnsUsed[$0.rawValue] != nil }
        if !keyUsable, definition.duplicates.exactRows, input.rowsDuplicate > 0 {
            warnings.append(
                "\(display): \(input.rowsDuplicate) of \(input.rowsRead) rows folded as byte-identical copies of earlier rows; "
                    + "the file has no identifier, so they may be distinct events that look alike "
                    + "(internal/duplicates.csv lists them; duplicates.exact_rows: false counts them)")
        }
        return warnings
    }

    /// One warning per field and period the file did not record (`NotRecordedDetector`).
    static func notRecorded(_ periods: [NotRecordedPeriod], display: String, input: RunManifest.Input) -> [String] {
        periods.map { period in
            let column = input.columnsUsed[period.field.rawValue].map { " (column '\($0)')" } ?? ""
            let share = Int((period.filledElsewhere * 100).rounded())
            let consequence =
                FileProcessor.evidenceFields.contains(period.field)
                ? "labels depending on it are unknown there, not none"
                : "reports grouped by it show those records as (missing)"
            return "\(display): '\(period.field.rawValue)'\(column) not recorded in \(period.label): "
                + "no record of those years has it, while \(share)% of the records of the years that have it do; "
                + "\(consequence) (coverage.csv)"
        }
    }
}
