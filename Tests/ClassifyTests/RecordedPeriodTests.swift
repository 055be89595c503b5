import AuditCore
import Classify
import Testing

/// A field the source recorded only from some date is *not recorded* before it — not "none"
/// (issue 13 item 3: an arrests release whose MSC field is empty for every record before
/// 2014-10-01 because the data were not collected; counted as "no conviction" it filled the ranking).
///
/// The source here has MSC columns but no criminality column, declared `recorded_from: 2014-10-01`.
@Suite struct RecordedPeriodTests {
    static let from = SimpleDate(year: 2014, month: 10, day: 1)!
    static let periods: [Field: ColumnSpec] = [
        .mscCode: ColumnSpec(names: ["MSC Charge Code"], recordedFrom: from),
        .mscName: ColumnSpec(names: ["MSC Charge"], recordedFrom: from),
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var fields: [Field: String]
        var date: SimpleDate?
        var criminality: Criminality
        var rule: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "before the MSC field was recorded, no MSC: unknown, not no_conviction_recorded",
            fields: [:], date: SimpleDate(year: 2013, month: 5, day: 1), criminality: .unknown,
            rule: "criminality.not_recorded_then"),
        Case(
            name: "before it was recorded, a stray value is not read either",
            fields: [.mscCode: "5499"], date: SimpleDate(year: 2014, month: 9, day: 30), criminality: .unknown,
            rule: "criminality.not_recorded_then"),
        Case(
            name: "from the first recorded day, no MSC: no conviction recorded",
            fields: [:], date: from, criminality: .noConvictionRecorded, rule: "criminality.msc_absent"),
        Case(
            name: "recorded period, an MSC: convicted",
            fields: [.mscCode: "5499"], date: SimpleDate(year: 2016, month: 2, day: 1), criminality: .convicted,
            rule: "criminality.msc_present"),
        Case(
            name: "undated record: the field counts as recorded",
            fields: [:], date: nil, criminality: .noConvictionRecorded, rule: "criminality.msc_absent"),
    ]

    @Test(arguments: cases)
    func criminalityRespectsTheRecordedPeriod(_ testCase: Case) {
        var record = TestRecords.record(testCase.fields)
        record.date = testCase.date
        let classifier = Classifier(
            table: TestRecords.table, spec: ClassificationSpec(), availableFields: [.mscCode, .mscName],
            recordedPeriods: Self.periods)
        let result = classifier.classify(record)
        #expect(result.classification.criminality == testCase.criminality)
        #expect(result.classification.rules.criminality == testCase.rule)
        #expect(result.record == record, "the record itself is passed on unchanged")
    }
}
