import AuditCore
import Testing

@testable import Reports

/// Charts mark era boundaries (issue 13): a dotted line at the boundary's day within its fiscal
/// year's slot. Coordinates worked out by hand from the chart's geometry (860 wide, plot from x = 64
/// to 836 in the trend chart: two years, slots of 386).
@Suite struct ChartBoundaryTests {
    private func charts(_ boundaries: [ChartData.Boundary]) -> ChartData {
        var data = ChartData()
        data.offTargetTrend = [
            .init(label: "2014", share: 0.2, lower: 0.1, upper: 0.3, records: 50, flagged: false),
            .init(label: "2015", share: 0.4, lower: 0.3, upper: 0.5, records: 60, flagged: true),
        ]
        data.boundaries = boundaries
        return data
    }

    @Test func aBoundaryIsDrawnAtItsDayWithinItsYear() throws {
        // PEP from 2014-11-20: FY2015, 50 days after 1 October 2014: x = 64 + 386 × (1 + 50/365) = 502.9.
        let pep = ChartData.Boundary(date: try #require(SimpleDate(year: 2014, month: 11, day: 20)), label: "pep from")
        let svg = SVGChart.offTargetTrend(charts([pep]))
        #expect(svg.contains("<title>pep from (2014-11-20)</title><line x1=\"502.9\""))
        #expect(svg.contains(">pep from</text>"))
        #expect(svg.contains("Dotted lines mark pep from (2014-11-20)."))
    }

    @Test func boundariesOutsideTheChartedYearsAreLeftOut() throws {
        let later = ChartData.Boundary(
            date: try #require(SimpleDate(year: 2017, month: 1, day: 25)), label: "sc_2017 from")
        let svg = SVGChart.offTargetTrend(charts([later]))
        #expect(!svg.contains("era-boundary"))
        #expect(!svg.contains("Dotted lines"))
    }

    @Test func theDayAfterCrossesMonthsAndYears() throws {
        #expect(
            SimpleDate(dayAfter: try #require(SimpleDate(year: 2021, month: 1, day: 19)))?.isoString == "2021-01-20")
        #expect(
            SimpleDate(dayAfter: try #require(SimpleDate(year: 2024, month: 2, day: 29)))?.isoString == "2024-03-01")
        #expect(
            SimpleDate(dayAfter: try #require(SimpleDate(year: 2022, month: 12, day: 31)))?.isoString == "2023-01-01")
    }
}
