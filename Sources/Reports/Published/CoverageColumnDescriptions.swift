import AuditCore

/// One sentence per column of `coverage.csv`, for the codebook.
extension ColumnDescriptions {
    static func coverage(_ name: String, k: Int) -> String {
        switch name {
        case "file": "the input file"
        case "fiscal_year":
            "fiscal year of the records' dates (FY2012 = 1 Oct 2011 to 30 Sep 2012); (no date) for undated records"
        case "field": "the canonical field"
        case "column": "the file's column the field was read from"
        case "filled_share": "share of the file's records of that year with a value in the column (whole percents)"
        case "missing_share": "share with the cell blank or a missing marker (whole percents)"
        case "redacted_share": "share with a FOIA redaction marker: a value exists but was withheld (whole percents)"
        case "status":
            "recorded; not recorded (labels depending on the field are unknown there); partly recorded (a declared period starts or ends within the year); empty (no value, too few records to tell it was not collected)"
        case "basis":
            "why a year is not recorded: declared in the pipeline, or found by the run (with the fill of the other years)"
        case "withheld_reason": "why the shares are not shown: the year has fewer than \(k) of the file's rows"
        default: name
        }
    }
}
