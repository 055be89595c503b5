package import AuditCore
import Foundation

/// Finds the fiscal years in which a file did not record a field although it recorded it in others
/// (issue 13 item 3: an arrests release whose MSC fields are empty for every record before
/// 2014-10-01, because they were not collected then).
///
/// A fiscal year is *not recorded* for a field when no record of it has the field (no value, no
/// redaction marker) and an empty year that size could not plausibly be chance: with `p` the share
/// of records having the field in the fiscal years that have it at all, `(1 − p)^n < 1/1000` for the
/// empty year's `n` records. A field filled in 90% of the records of the other years is not recorded
/// in an empty year of 4 or more records; one filled in 5% needs an empty year of 135. Consecutive
/// not-recorded years (no recorded year between them) form one period. Fields whose recorded period
/// the pipeline declares (`recorded_from` / `recorded_until`) are left to the declaration; undated
/// records take no part. Coverage counts a file's rows before de-duplication; `n` is the year's
/// distinct records when the caller knows them, since copies of one record are not independent
/// chances (a joined release repeats each detainer once per matching row).
package enum NotRecordedDetector {
    /// The chance below which an empty fiscal year is taken as not recorded.
    package static let chance = 0.001

    /// - Parameter distinct: fiscal year → distinct records (after de-duplication), when known.
    package static func periods(
        _ coverage: [FieldCoverage], declared: Set<Field> = [], distinct: [Int: Int]? = nil
    ) -> [NotRecordedPeriod] {
        let byField = Dictionary(grouping: coverage.filter { $0.fiscalYear != nil }, by: \.field)
        return byField.keys.sorted().filter { !declared.contains($0) }.flatMap { field in
            periods(of: field, years: byField[field, default: []], distinct: distinct)
        }
    }

    private static func periods(of field: Field, years: [FieldCoverage], distinct: [Int: Int]?) -> [NotRecordedPeriod] {
        let sorted = years.sorted { ($0.fiscalYear ?? 0) < ($1.fiscalYear ?? 0) }
        let recordedYears = sorted.filter { $0.filled + $0.redacted > 0 }
        let recordedRecords = recordedYears.reduce(0) { $0 + $1.records }
        guard recordedRecords > 0 else { return [] }
        let share = Double(recordedYears.reduce(0) { $0 + $1.filled + $1.redacted }) / Double(recordedRecords)
        // ln((1 − p)^n) < ln(chance); p = 1 makes any empty year not recorded.
        let perRecord = share >= 1 ? -Double.infinity : log1p(-share)
        var result: [NotRecordedPeriod] = []
        for year in sorted where year.filled + year.redacted == 0 && year.records > 0 {
            guard let fiscalYear = year.fiscalYear else { continue }
            let chances = distinct.map { $0[fiscalYear] ?? 0 } ?? year.records
            // A hair of tolerance: (0.1)^3 is 1/1000 exactly, not below it, whatever the rounding.
            guard Double(chances) * perRecord < log(chance) - 1e-9 else { continue }
            if var last = result.last,
                !recordedYears.contains(where: {
                    ($0.fiscalYear ?? 0) > last.toFiscalYear && ($0.fiscalYear ?? 0) < fiscalYear
                })
            {
                last.toFiscalYear = fiscalYear
                last.records += year.records
                result[result.count - 1] = last
            } else {
                result.append(
                    NotRecordedPeriod(
                        field: field, fromFiscalYear: fiscalYear, toFiscalYear: fiscalYear, records: year.records,
                        filledElsewhere: share))
            }
        }
        return result
    }
}
