/// How well one input file fills one mapped field in one fiscal year (issue 13: coverage).
///
/// Grain: one per (input file, fiscal year of the record's date, mapped field with a column in the
/// file). Counted over the file's records that were neither rejected nor superseded — duplicates
/// included, since coverage describes the release, not the distinct events — each with its weight
/// (the `count` column of pre-aggregated tables, else 1).
package struct FieldCoverage: Sendable, Equatable, Codable {
    /// nil: records without a usable date.
    package var fiscalYear: Int?
    package var field: Field
    package var records: Int
    /// Cells with a value.
    package var filled: Int
    /// Cells carrying a FOIA redaction marker: a value exists but was withheld.
    package var redacted: Int

    /// Blank cells or missing markers.
    package var missing: Int { records - filled - redacted }

    package init(fiscalYear: Int?, field: Field, records: Int, filled: Int, redacted: Int) {
        self.fiscalYear = fiscalYear
        self.field = field
        self.records = records
        self.filled = filled
        self.redacted = redacted
    }
}

/// Fiscal years in which a file did not record a field at all, although it recorded it in others:
/// the data were not collected then (issue 13 item 3), so labels depending on the field are unknown
/// there, not "none".
package struct NotRecordedPeriod: Sendable, Equatable, Codable {
    package var field: Field
    package var fromFiscalYear: Int
    package var toFiscalYear: Int
    /// Records of the period (all with the field empty).
    package var records: Int
    /// Share of the other fiscal years' records that have the field (filled or redacted).
    package var filledElsewhere: Double

    package init(field: Field, fromFiscalYear: Int, toFiscalYear: Int, records: Int, filledElsewhere: Double) {
        self.field = field
        self.fromFiscalYear = fromFiscalYear
        self.toFiscalYear = toFiscalYear
        self.records = records
        self.filledElsewhere = filledElsewhere
    }

    package var fiscalYears: ClosedRange<Int> { fromFiscalYear...toFiscalYear }

    /// `FY2012` or `FY2012–FY2014`.
    package var label: String {
        fromFiscalYear == toFiscalYear ? "FY\(fromFiscalYear)" : "FY\(fromFiscalYear)–FY\(toFiscalYear)"
    }
}
