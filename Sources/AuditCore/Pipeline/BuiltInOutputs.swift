/// The names of everything the tool writes on its own — tables, listings, whole-run files, workbook
/// sheets, the runner's internal reports — in one place.
///
/// The writers take their names from here and report-name validation refuses every one of them, so
/// a declared report can never overwrite, or be mistaken for, a built-in output: `<report>.csv`,
/// `<report>_targets.csv` and the report's workbook sheets must all be free.
public enum BuiltInOutputs {
    // Published tables: `<name>.csv`, a workbook sheet, a section of the JSON and HTML.
    public static let ranking = "ranking"
    public static let agreement = "agreement"
    public static let rules = "rules"
    public static let codebook = "codebook"
    public static let changes = "changes"
    public static let changesFiles = "changes_files"
    /// Official claims computed from the records (`Pipelines/claims/`).
    public static let claims = "claims"
    /// Each policy era's judged counts and shares (shares only for `verdict: none` eras).
    public static let eras = "eras"
    /// Per input file, fiscal year and mapped field: filled, missing and redacted shares.
    public static let coverage = "coverage"

    // Row-level listings in `internal/`: `internal/<name>.csv`.
    public static let rejects = "rejects"
    public static let duplicates = "duplicates"
    public static let findings = "findings"
    public static let unmapped = "unmapped"
    public static let changesRecords = "changes_records"
    /// `coverage.csv`'s counts.
    public static let coverageCounts = "coverage_counts"

    // Whole-run files and workbook sheets.
    /// `summary.json`.
    public static let summary = "summary"
    /// `manifest.json` and the workbook's last sheet.
    public static let manifest = "manifest"
    /// `report.xlsx` and `report.html`.
    public static let report = "report"
    /// The workbook's first sheet (Excel compares sheet names ignoring case).
    public static let readmeSheet = "README"
    /// The folder of row-level and unsuppressed outputs.
    public static let internalFolder = "internal"
    /// The file that marks a folder as one this tool wrote (not an output; report names cannot
    /// start with a dot, so it needs no reservation).
    public static let ownershipMarker = ".detention-audit-output"

    // Name patterns.
    /// Appended to a report's name for its targets table.
    public static let targetsSuffix = "_targets"
    /// Reports the runner adds for the charts; every name starting with `runnerPrefix` is the runner's.
    public static let chartPrefix = "_chart_"
    /// The runner's counts per day (and per day and state), from which claims and eras are cut at
    /// their exact dates.
    public static let dayReport = "_day"
    public static let dayStateReport = "_day_state"
    public static let runnerPrefix = "_"

    public static let publishedTables = [
        ranking, agreement, rules, codebook, changes, changesFiles, claims, eras, coverage,
    ]
    public static let internalListings = [rejects, duplicates, findings, unmapped, changesRecords, coverageCounts]

    /// Why a report may not be called `name` (a clause naming it), or nil when it may.
    public static func reservation(of name: String) -> String? {
        if name.hasPrefix(runnerPrefix) {
            return
                "'\(name)' starts with '\(runnerPrefix)', which is reserved for the runner's own reports (\(chartPrefix)*)"
        }
        if name.hasSuffix(targetsSuffix) {
            return
                "'\(name)' ends in '\(targetsSuffix)', which is reserved for the targets tables (<report>\(targetsSuffix).csv)"
        }
        if publishedTables.contains(name) { return "'\(name)' is reserved for a built-in table" }
        if internalListings.contains(name) {
            return "'\(name)' is reserved for a built-in listing in \(internalFolder)/"
        }
        switch name.lowercased() {
        case summary: return "'\(name)' is reserved for a built-in output (\(summary).json)"
        case manifest: return "'\(name)' is reserved for a built-in output (\(manifest).json and the \(manifest) sheet)"
        case report: return "'\(name)' is reserved for a built-in output (\(report).xlsx, \(report).html)"
        case readmeSheet.lowercased():
            return "'\(name)' is reserved for the workbook's \(readmeSheet) sheet (sheet names ignore case)"
        case internalFolder: return "'\(name)' is reserved for the \(internalFolder)/ folder"
        default: return nil
        }
    }
}
