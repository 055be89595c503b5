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
}
