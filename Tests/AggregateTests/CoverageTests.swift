import AuditCore
import Testing

@testable import Aggregate

/// Coverage counting and the not-recorded rule (issue 13 item 3), on records and counts written out
/// by hand.
@Suite struct CoverageTests {
    private func record(_ date: String?, _ values: [Field: FieldValue], weight: Int = 1) -> SourceRecord {
        let parts = date?.split(separator: "-").compactMap { Int($0) } ?? []
        let parsed = parts.count == 3 ? SimpleDate(year: parts[0], month: parts[1], day: parts[2]) : nil
        return SourceRecord(
            lineage: Lineage(file: "f", line: 1, record: 1), fields: values, weight: weight, date: parsed)
    }

    @Test func countsFilledRedactedAndMissingPerFiscalYearWithWeights() {
        var first = CoverageCounter(fields: [.mscCode, .date, .fiscalYear, .count])
        // 2013-10-01 is FY2014; 2013-09-30 is FY2013.
        first.add(record("2013-10-01", [.date: .value("x"), .mscCode: .value("5499")]))
        first.add(record("2013-09-30", [.date: .value("x"), .mscCode: .redacted], weight: 3))
        var second = CoverageCounter(fields: [.mscCode, .date, .fiscalYear, .count])
        second.add(record("2014-02-01", [.date: .value("x")]))
        second.add(record(nil, [.mscCode: .value("13AB")]))
        first.merge(second)
        // Derived fields and the count column are not columns of the file's values: left out.
        #expect(first.fields == [.date, .mscCode])
        #expect(
            first.rows() == [
                FieldCoverage(fiscalYear: 2013, field: .date, records: 3, filled: 3, redacted: 0),
                FieldCoverage(fiscalYear: 2013, field: .mscCode, records: 3, filled: 0, redacted: 3),
                FieldCoverage(fiscalYear: 2014, field: .date, records: 2, filled: 2, redacted: 0),
                FieldCoverage(fiscalYear: 2014, field: .mscCode, records: 2, filled: 1, redacted: 0),
                FieldCoverage(fiscalYear: nil, field: .date, records: 1, filled: 0, redacted: 0),
                FieldCoverage(fiscalYear: nil, field: .mscCode, records: 1, filled: 1, redacted: 0),
            ])
        #expect(first.rows()[3].missing == 1)
    }

    private func years(_ field: Field, _ rows: [(Int, Int, Int)]) -> [FieldCoverage] {
        rows.map { FieldCoverage(fiscalYear: $0.0, field: field, records: $0.1, filled: $0.2, redacted: 0) }
    }

    /// 9 of 10 records filled in the recorded years: (0.1)^3 = 0.001 is not below 1/1000, (0.1)^4 is.
    @Test func anEmptyYearIsNotRecordedOnlyWhenChanceCannotExplainIt() {
        let three = years(.mscName, [(2014, 3, 0), (2015, 10, 9)])
        #expect(NotRecordedDetector.periods(three).isEmpty)
        let four = years(.mscName, [(2014, 4, 0), (2015, 10, 9)])
        #expect(
            NotRecordedDetector.periods(four) == [
                NotRecordedPeriod(
                    field: .mscName, fromFiscalYear: 2014, toFiscalYear: 2014, records: 4, filledElsewhere: 0.9)
            ])
        // 5 of 100 filled: ln(0.001)/ln(0.95) = 134.7, so 134 empty records are chance and 135 are not.
        #expect(NotRecordedDetector.periods(years(.mscName, [(2014, 134, 0), (2015, 100, 5)])).isEmpty)
        #expect(NotRecordedDetector.periods(years(.mscName, [(2014, 135, 0), (2015, 100, 5)])).count == 1)
    }

    @Test func consecutiveEmptyYearsFormOnePeriodAndARecordedYearSplitsThem() {
        let rows = years(.criminality, [(2010, 50, 0), (2011, 40, 0), (2013, 30, 0), (2014, 60, 60), (2015, 20, 0)])
        #expect(
            NotRecordedDetector.periods(rows) == [
                // FY2012 has no records at all: FY2010–FY2013 is one period.
                NotRecordedPeriod(
                    field: .criminality, fromFiscalYear: 2010, toFiscalYear: 2013, records: 120, filledElsewhere: 1),
                NotRecordedPeriod(
                    field: .criminality, fromFiscalYear: 2015, toFiscalYear: 2015, records: 20, filledElsewhere: 1),
            ])
    }

    @Test func declaredFieldsUndatedRecordsAndEmptyFieldsAreLeftAlone() {
        let rows =
            years(.mscCode, [(2014, 50, 0), (2015, 50, 50)])
            + [FieldCoverage(fiscalYear: nil, field: .state, records: 500, filled: 0, redacted: 0)]
            + years(.state, [(2015, 50, 50)]) + years(.county, [(2014, 50, 0), (2015, 50, 0)])
        // Declared in the pipeline: its declaration decides. Undated rows are no year. A field empty
        // everywhere was never filled: nothing to compare with.
        #expect(NotRecordedDetector.periods(rows, declared: [.mscCode]).isEmpty)
    }

    /// A joined release repeats each record once per matching row: 55 empty rows of FY2025 are 11
    /// distinct records, and at 19% filled (0.81)^11 = 0.098 is chance.
    @Test func distinctRecordsDecideHowManyChancesAnEmptyYearHad() {
        let rows = years(.priorFelony, [(2024, 180, 35), (2025, 55, 0)])
        #expect(NotRecordedDetector.periods(rows).count == 1)
        #expect(NotRecordedDetector.periods(rows, distinct: [2024: 36, 2025: 11]).isEmpty)
    }

    @Test func redactionMarkersCountAsRecorded() {
        let rows = [
            FieldCoverage(fiscalYear: 2014, field: .mscName, records: 20, filled: 0, redacted: 20),
            FieldCoverage(fiscalYear: 2015, field: .mscName, records: 20, filled: 20, redacted: 0),
        ]
        #expect(NotRecordedDetector.periods(rows).isEmpty)
    }
}
