/// The names of everything the tool writes on its own — tables, listings, whole-run files, workbook
/// sheets, the runner's internal reports — in one place.
///
/// The writers take their names from here and report-name validation refuses every one of them, so
/// a declared report can never overwrite, or be mistaken for, a built-in output: `<report>.csv`,
/// `<report>_targets.csv` and the report's workbook sheets must all be free.
package enum BuiltInOutputs {
    // Published tables: `<name>.csv`, a workbook sheet, a section of the JSON and HTML.
    package static let ranking = "ranking"
    package static let agreement = "agreement"
    package static let rules = "rules"
    package static let codebook = "codebook"
    package static let changes = "changes"
    package static let changesFiles = "changes_files"
    /// Official claims computed from the records (`Pipelines/claims/`).
    package static let claims = "claims"
    /// Each policy era's judged counts and shares (shares only for `verdict: none` eras).
    package static let eras = "eras"
    /// Per input file, fiscal year and mapped field: filled, missing and redacted shares.
    package static let coverage = "coverage"

    // Row-level listings in `internal/`: `internal/<name>.csv`.
    package static let rejects = "rejects"
    package static let duplicates = "duplicates"
    package static let findings = "findings"
    package static let unmapped = "unmapped"
    package static let changesRecords = "changes_records"
    /// `coverage.csv`'s counts.
    package static let coverageCounts = "coverage_counts"

    // Whole-run files and workbook sheets.
    /// `summary.json`.
    package static let summary = "summary"
    /// `manifest.json` and the workbook's last sheet.
    package static let manifest = "manifest"
    /// `report.xlsx` and `report.html`.
    package static let report = "report"
    /// The workbook's first sheet (Excel compares sheet names ignoring case).
    package static let readmeSheet = "README"
    /// The folder of row-level and unsuppressed outputs.
    package static let internalFolder = "internal"
    /// The file that marks a folder as one this tool wrote (not an output; report names cannot
    /// start with a dot, so it needs no reservation).
    package static let ownershipMarker = ".detention-audit-output"

    // Name patterns.
    /// Appended to a report's name for its targets table.
    package static let targetsSuffix = "_targets"
    /// Reports the runner adds for the charts; every name starting with `runnerPrefix` is the runner's.
    package static let chartPrefix = "_chart_"
    /// The runner's counts per day (and per day and state), from which claims and eras are cut at
    /// their exact dates.
    package static let dayReport = "_day"
    package static let dayStateReport = "_day_state"
    /// Counts per day and program (and state, when a claim needs it), for claims scoped by program.
    package static let dayProgramReport = "_day_program"
    package static let runnerPrefix = "_"

    package static let publishedTables = [
        ranking, agreement, rules, codebook, changes, changesFiles, claims, eras, coverage,
    ]
    package static let internalListings = [rejects, duplicates, findings, unmapped, changesRecords, coverageCounts]

    /// Why a report may not be called `name` (a clause naming it), or nil when it may.
    package static func reservation(of name: String) -> String? {
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
