import AuditCore
import Testing

@testable import Reports

/// Period-over-period changes are not computed across an era or recorded-period boundary
/// (issue 13 item 4). Boundaries: the Priority Enforcement Program starts 2014-11-20 and the Task
/// Force era ends 2014-11-19 (Pipelines/targets/secure-communities.yml); an MSC field recorded from
/// 2014-10-01 (the arrests release in issue 13).
@Suite struct PeriodBoundariesTests {
    static let boundaries = PeriodBoundaries(
        starts: [SimpleDate(year: 2014, month: 11, day: 20)!, SimpleDate(year: 2014, month: 10, day: 1)!],
        ends: [SimpleDate(year: 2014, month: 11, day: 19)!])

    @Test(arguments: [
        ("2014", "2015", Field.fiscalYear, true),  // FY2015 (2014-10-01 – 2015-09-30) holds both boundaries
        ("2015", "2016", Field.fiscalYear, true),  // FY2015 is itself mixed
        ("2016", "2017", Field.fiscalYear, false),  // no boundary in this list between 2015-10-01 and 2017-09-30
        ("2012", "2013", Field.fiscalYear, false),
        ("2014-10", "2014-11", Field.month, true),
        ("2014-09", "2014-10", Field.month, true),  // the recorded period starts 2014-10-01
        ("2014-12", "2015-01", Field.month, false),
        ("2013", "2014", Field.calendarYear, true),
        ("(missing)", "2015", Field.fiscalYear, false),
    ])
    func separates(_ previous: String, _ current: String, _ field: Field, _ expected: Bool) {
        #expect(Self.boundaries.separate(previous, current, field: field) == expected)
    }
}
