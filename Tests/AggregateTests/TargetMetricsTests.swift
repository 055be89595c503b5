import AuditCore
import Testing

@testable import Aggregate

/// Target metrics per report row: shares with Wilson intervals, the stray flag and the previous
/// period of the same group. Intervals were computed independently with SciPy
/// (`z = norm.ppf(0.975)`, Wilson score formula) and written out here, rounded to 6 places.
@Suite struct TargetMetricsTests {
    private func row(_ key: [String], _ counts: [CountColumn: Int]) -> ReportRow {
        var values = [Int](repeating: 0, count: CountColumn.allCases.count)
        for (column, value) in counts { values[column.index] = value }
        return ReportRow(key: key, counts: CountVector(values: values))
    }

    private var table: ReportTable {
        ReportTable(
            spec: ReportSpec(name: "by_year_state", groupBy: [.fiscalYear, .state]),
            rows: [
                row(["(missing)", "MN"], [.records: 3, .offTarget: 3]),
                row(["2014", "MN"], [.records: 40, .onTarget: 30, .offTarget: 10, .notConvicted: 20, .level1: 5]),
                row(["2015", "MN"], [.records: 45, .onTarget: 20, .offTarget: 20, .targetUndetermined: 5]),
                row(["2015", "WI"], [.records: 10, .onTarget: 5, .offTarget: 5, .minorTraffic: 5]),
                row(
                    ["2016", "MN"],
                    [
                        .records: 7, .targetUndetermined: 7, .victimDomesticViolence: 1, .victimViolentCrime: 2,
                        .victimTrafficking: 3, .witness: 4, .possibleVictim: 6,
                    ]),
            ])
    }

    private func close(_ value: Double?, _ expected: Double) -> Bool {
        value.map { abs($0 - expected) < 5e-7 } ?? false
    }

    @Test func offTargetShareLeavesUndeterminedOutAndFlagsOnlyBeyondNoise() throws {
        let rows = TargetMetrics.rows(for: table, strayThreshold: 0.25)
        // 2014 MN: 10 of 40 judged → 0.25, [0.141871, 0.40194]; the lower bound is not above 0.25.
        let mn2014 = try #require(rows.first { $0.key == ["2014", "MN"] })
        #expect(mn2014.offTarget?.share == 0.25)
        #expect(close(mn2014.offTarget?.lower, 0.141871) && close(mn2014.offTarget?.upper, 0.40194))
        #expect(!mn2014.flagged)
        // 2015 MN: 20 of 40 judged (5 undetermined left out) → [0.351995, 0.648005]: flagged.
        let mn2015 = try #require(rows.first { $0.key == ["2015", "MN"] })
        #expect(mn2015.offTarget?.denominator == 40)
        #expect(close(mn2015.offTarget?.lower, 0.351995) && close(mn2015.offTarget?.upper, 0.648005))
        #expect(mn2015.flagged)
        // 2016 MN: nobody judged: no share, not flagged.
        let mn2016 = try #require(rows.first { $0.key == ["2016", "MN"] })
        #expect(mn2016.offTarget == nil)
        #expect(!mn2016.flagged)
    }

    @Test func otherSharesAreOverAllRecords() throws {
        let rows = TargetMetrics.rows(for: table, strayThreshold: 0.25)
        let mn2014 = try #require(rows.first { $0.key == ["2014", "MN"] })
        #expect(mn2014.noConviction?.share == 0.5)
        #expect(mn2014.level1?.numerator == 5 && mn2014.level1?.denominator == 40)
        let wi2015 = try #require(rows.first { $0.key == ["2015", "WI"] })
        // 5 of 10 → [0.236593, 0.763407].
        #expect(close(wi2015.minorTraffic?.lower, 0.236593) && close(wi2015.minorTraffic?.upper, 0.763407))
        #expect(wi2015.immigrationOnly?.share == 0)
        let mn2016 = try #require(rows.first { $0.key == ["2016", "MN"] })
        #expect(mn2016.confirmedVictimsWitnesses == 10)
        #expect(mn2016.possibleVictims == 6)
    }

    @Test func thePreviousPeriodIsTheNearestEarlierOneOfTheSameGroup() throws {
        let rows = TargetMetrics.rows(for: table, strayThreshold: 0.25)
        func previous(_ key: [String]) -> String?? { rows.first { $0.key == key }.map(\.previousPeriod) }
        #expect(previous(["2014", "MN"]) == .some(nil))
        #expect(previous(["2015", "MN"]) == .some("2014"))
        #expect(previous(["2016", "MN"]) == .some("2015"))
        // Another state: no earlier period of its own.
        #expect(previous(["2015", "WI"]) == .some(nil))
        // A group without a period is neither compared nor a comparison.
        #expect(previous(["(missing)", "MN"]) == .some(nil))
        let mn2015 = try #require(rows.first { $0.key == ["2015", "MN"] })
        #expect(mn2015.previousOffTarget?.share == 0.25)
    }

    @Test func aReportWithoutAPeriodHasNoPreviousPeriods() {
        let byState = ReportTable(
            spec: ReportSpec(name: "by_state", groupBy: [.state]),
            rows: [row(["MN"], [.records: 5, .offTarget: 5]), row(["WI"], [.records: 5, .onTarget: 5])])
        let rows = TargetMetrics.rows(for: byState, strayThreshold: 0.25)
        #expect(rows.allSatisfy { $0.previousPeriod == nil })
        // 0 of 5 → [0, 0.434482].
        #expect(close(rows[1].offTarget?.upper, 0.434482))
    }
}
