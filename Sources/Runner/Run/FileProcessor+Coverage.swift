import Aggregate
import AuditCore

extension FileProcessor {
    /// Reads the file; when coverage shows that it did not record a field a classification rule reads
    /// for some fiscal years (`NotRecordedDetector`), reads it again with those years treated as not
    /// recorded, so their labels are unknown rather than "none" (issue 13 item 3). Files that record
    /// every field throughout are read once.
    ///
    /// - Parameter makeRecordIndex: a fresh record index for each read (nil: none).
    func processDetectingPeriods(
        path: String, display: String, progress: Progress, partsFolder: String,
        makeRecordIndex: () -> RecordIndexSorter?
    ) throws -> (result: FileResult, recordIndex: RecordIndexSorter?) {
        let index = makeRecordIndex()
        var result = try process(
            path: path, display: display, progress: progress, recordIndex: index, partsFolder: partsFolder)
        let declared = Set(definition.columns.filter(\.value.hasDeclaredPeriod).keys)
        let periods = NotRecordedDetector.periods(
            result.coverage, declared: declared, distinct: distinctRecordsPerFiscalYear(result))
        let relevant = periods.filter { Self.evidenceFields.contains($0.field) }
        guard !relevant.isEmpty else {
            Self.describeCoverage(&result, periods: periods)
            return (result, index)
        }
        var again = self
        again.notRecordedFound = Dictionary(grouping: relevant, by: \.field).mapValues { $0.map(\.fiscalYears) }
        let secondIndex = makeRecordIndex()
        result = try again.process(
            path: path, display: display, progress: progress, recordIndex: secondIndex, partsFolder: partsFolder)
        Self.describeCoverage(&result, periods: periods)
        return (result, secondIndex)
    }

    /// Fiscal year → distinct records, from the runner's fiscal-year chart report (nil: none).
    private func distinctRecordsPerFiscalYear(_ result: FileResult) -> [Int: Int]? {
        guard let index = reports.firstIndex(where: { $0.groupBy == [.fiscalYear] }),
            result.snapshot.groups.indices.contains(index)
        else { return nil }
        var records: [Int: Int] = [:]
        for group in result.snapshot.groups[index] {
            if let year = group.key.first.flatMap({ Int($0) }) {
                records[year, default: 0] += group.values[CountColumn.records.index]
            }
        }
        return records
    }

    /// The coverage facts the manifest states per input: redaction markers per field and the
    /// periods not recorded.
    private static func describeCoverage(_ result: inout FileResult, periods: [NotRecordedPeriod]) {
        result.notRecorded = periods
        var redacted: [String: Int] = [:]
        for row in result.coverage where row.redacted > 0 { redacted[row.field.rawValue, default: 0] += row.redacted }
        result.input.redactedCells = redacted
        result.input.notRecorded = Dictionary(grouping: periods, by: \.field.rawValue).mapValues {
            $0.map(\.label).joined(separator: ", ")
        }
    }

    /// The column specs with a recorded period, declared or found; a found field without a column of
    /// its own (`charge_count`, from the charge list) gets a spec of its own.
    static func recordedPeriods(
        _ columns: [Field: ColumnSpec], found: [Field: [ClosedRange<Int>]]
    ) -> [Field: ColumnSpec] {
        var specs = columns
        for (field, years) in found { specs[field, default: ColumnSpec(names: [])].notRecordedFiscalYears = years }
        return specs.filter(\.value.hasRecordedPeriod)
    }

    /// The fields a classification rule reads (`Classify/Rules/`): a period without one changes labels.
    static let evidenceFields: Set<Field> = [
        .criminality, .iceThreatLevel, .mscCode, .mscName, .mscSentenceDays, .mscSentenceMonths, .mscSentenceYears,
        .mscCrimeClass, .mscChargeStatus, .aggravatedFelon, .aggravatedFelonyFlag, .priorFelony,
        .multiplePriorMisdemeanors, .victimWitnessIndicator, .violentMisdemeanor, .criminalStreetGang,
        .significantRisk, .illegalEntry, .illegalReentry, .immigrationFraud, .chargeCount,
    ]
}
