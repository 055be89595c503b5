import AuditCore
import Foundation
import Testing

@testable import Reports

@Suite struct HTMLReportTests {
    static let script = "<script>alert(1)</script>"
    static let attribute = "\" onmouseover=\"x"
    static let scriptEscaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    static let attributeEscaped = "&quot; onmouseover=&quot;x"
    static let pipelineHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    static let inputHash = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"

    /// A synthetic bundle: 3 fiscal years, 4 states (one flagged, one with a hostile label),
    /// suppressed cells, and hostile strings in a table title, a group label and manifest paths.
    static func bundle(victimsAvailable: Bool = false, possibleVictims: Bool = false) -> PublishedBundle {
        var charts = ChartData()
        charts.strayThreshold = 0.25
        charts.severityByYear = [
            .init(year: "2012", counts: [1_204, 2_310, 3_150, 2_020, 415]),
            .init(year: "2013", counts: [1_388, nil, 3_402, 2_230, 390]),
            .init(year: "2014", counts: [1_512, 2_605, 3_777, 2_460, nil]),
        ]
        charts.offTargetByState = [
            .init(label: "TX", share: 0.4251, lower: 0.4102, upper: 0.4401, records: 4_210, flagged: true),
            .init(label: "CA", share: 0.2104, lower: 0.1987, upper: 0.2225, records: 4_533, flagged: false),
            .init(label: script + attribute, share: 0.2931, lower: 0.2012, upper: 0.4043, records: 98, flagged: false),
            .init(label: "NY", share: 0.1802, lower: 0.1650, upper: 0.1965, records: 2_310, flagged: false),
        ]
        charts.offTargetTrend = [
            .init(label: "2012", share: 0.2650, lower: 0.2561, upper: 0.2741, records: 9_099, flagged: true),
            .init(label: "2013", share: 0.2810, lower: 0.2722, upper: 0.2900, records: 9_410, flagged: true),
            .init(label: "2014", share: 0.2402, lower: 0.2321, upper: 0.2485, records: 10_354, flagged: false),
        ]
        charts.victimsByYear = [
            .init(
                year: "2012", minorTraffic: 812, confirmedVictimsWitnesses: victimsAvailable ? 41 : nil,
                possibleVictims: possibleVictims ? 17 : nil),
            .init(
                year: "2013", minorTraffic: 905, confirmedVictimsWitnesses: victimsAvailable ? nil : nil,
                possibleVictims: possibleVictims ? 23 : nil),
            .init(
                year: "2014", minorTraffic: 1_034, confirmedVictimsWitnesses: victimsAvailable ? 52 : nil,
                possibleVictims: possibleVictims ? nil : nil),
        ]
        charts.victimsAvailable = victimsAvailable
        charts.possibleVictimsComputed = possibleVictims

        let groupColumns = [
            PublishedColumn(name: "fiscal_year", kind: .group, description: "Federal fiscal year (starts 1 October)."),
            PublishedColumn(name: "state", kind: .group, description: "State of the facility."),
            PublishedColumn(name: "records", kind: .count, description: "Distinct records counted."),
            PublishedColumn(name: "off_target", kind: .count, description: "Records off the stated targets."),
            PublishedColumn(name: "off_target_share", kind: .share, description: "off_target / judged records."),
            PublishedColumn(name: "change", kind: .change, description: "Change of the share from the year before."),
            PublishedColumn(name: "victim_witness", kind: .text, description: "Confirmed victim or witness status."),
        ]
        let states = ["CA", "NY", "TX", script + attribute]
        var rows: [[PublishedCell]] = []
        for (yearIndex, year) in ["2012", "2013", "2014"].enumerated() {
            for (stateIndex, state) in states.enumerated() {
                let records = 900 + 137 * stateIndex + 55 * yearIndex
                let hostile = stateIndex == 3
                rows.append([
                    .text(year), .text(state),
                    hostile ? .count(12) : yearIndex == 1 && stateIndex == 2 ? .complementary : .count(records),
                    hostile ? .suppressed(10) : .count(records / 3),
                    hostile ? .withheld : .share(0.3125 + 0.01 * Double(stateIndex)),
                    yearIndex == 0 ? .empty : .change(0.031 * Double(stateIndex - 1)),
                    .notAvailable("not available in this source"),
                ])
            }
        }
        let table = PublishedTable(
            name: "by_fiscal_year_state_targets", title: "Off target by year and state " + script + attribute,
            description: "One row per fiscal year and state.", columns: groupColumns, rows: rows)
        let small = PublishedTable(
            name: "by_fiscal_year", title: "Records by fiscal year", description: "One row per fiscal year.",
            columns: [groupColumns[0], groupColumns[2], groupColumns[4]],
            rows: [
                [.text("2012"), .count(9_099), .share(0.4251)], [.text("2013"), .count(9_410), .withheld],
                [.text("2014"), .suppressed(10), .withheld],
            ])
        let months = (0..<36).map { index -> [PublishedCell] in
            let year = 2012 + index / 12
            let month = (index + 9) % 12 + 1
            return [
                .text("\(year)-\(month < 10 ? "0" : "")\(month)"),
                index % 7 == 3 ? .suppressed(10) : .count(700 + 13 * index),
            ]
        }
        let byMonth = PublishedTable(
            name: "by_month", title: "Records by month", description: "One row per month.",
            columns: [PublishedColumn(name: "month", kind: .group, description: "YYYY-MM."), groupColumns[2]],
            rows: months)
        let ranking = PublishedTable(
            name: "ranking", title: "Groups straying most from the stated targets",
            description: "Flagged groups first.",
            columns: [
                PublishedColumn(name: "report", kind: .text, description: "The report."),
                PublishedColumn(name: "group", kind: .group, description: "The group."),
                PublishedColumn(name: "off_target_share", kind: .share, description: "Share off target."),
                PublishedColumn(name: "flagged", kind: .flag, description: "Interval above the threshold."),
            ],
            rows: [
                [.text("by_state"), .text("TX"), .share(0.4251), .flag(true)],
                [.text("by_fiscal_year_state"), .text("2013 · TX"), .share(0.4720), .flag(true)],
                [.text("by_state"), .text(script + attribute), .share(0.2931), .flag(false)],
            ])
        let eras = [
            PublishedEra(
                id: "secure_communities_2008", name: "Secure Communities, Level 1 priority", from: "2008-10-27",
                to: "2011-06-16",
                offTarget: [
                    (
                        id: "not_convicted", description: "No conviction: outside the stated Level 1 focus.",
                        source: "ICE Secure Communities Standard Operating Procedures (2009), §2.1"
                    )
                ]),
            PublishedEra(
                id: "morton_2011", name: "Morton memo and 2011 task force", from: "2011-06-17", to: nil,
                offTarget: [
                    (
                        id: "minor_traffic", description: "Most serious conviction a minor traffic offense.",
                        source: "Task Force on Secure Communities, Findings and Recommendations (2011), p. 26"
                    ),
                    (
                        id: "not_convicted", description: "No conviction.",
                        source: "J. Morton, Civil Immigration Enforcement priorities (2011)"
                    ),
                ]),
        ]
        let manifest = RunManifest(
            tool: .init(name: "detention-audit", version: "0.4.0"),
            pipeline: .init(
                name: "ice-detainers",
                file: .init(path: "Pipelines/ice-detainers.yml", bytes: 3_412, sha256: pipelineHash)),
            referenceTables: [
                .init(
                    name: "offenses", version: "2025.1", rows: 470,
                    files: [.init(path: "Pipelines/reference/offenses.csv", bytes: 81_233, sha256: "ab12")])
            ],
            inputs: [
                .init(
                    file: .init(path: "data/" + script + attribute + ".csv", bytes: 5_123_456, sha256: inputHash),
                    headerLine: 7, preambleRows: 6,
                    rowsRead: 30_000, rowsCounted: 29_100, rowsDuplicate: 700, rowsRejected: 200,
                    columnsUsed: ["date": "Detainer Prepare Date"], absentFields: ["county"])
            ],
            totals: .init(
                rowsRead: 30_000, rowsCounted: 29_100, rowsDuplicate: 700, rowsRejected: 200, recordsCounted: 29_100),
            agreement: .init(agreeing: 15, compared: 19), status: "ok", startedAt: "2025-03-01T10:00:00Z",
            finishedAt: "2025-03-01T10:00:09Z",
            outputs: [.init(path: "by_fiscal_year.csv", bytes: 120, sha256: "cd34")],
            warnings: ["rejects above the warn threshold in " + script])
        return PublishedBundle(
            title: "ICE detainers: deviation from stated targets", tables: [small, table, byMonth], ranking: ranking,
            eras: eras,
            targetsName: "secure-communities", targetsVersion: "1", suppressionThreshold: 10,
            methodNotes: ["Off-target shares carry 95% Wilson intervals.", "Counts from 1 to 9 are suppressed."],
            charts: charts, manifest: manifest)
    }

    // Helpers that report the needle, not the whole document, when they fail.
    static func expectIn(_ html: String, _ needle: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let found = html.contains(needle)
        #expect(found, "missing: \(needle)", sourceLocation: sourceLocation)
    }

    static func expectNotIn(_ html: String, _ needle: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let found = html.contains(needle)
        #expect(!found, "should not appear: \(needle)", sourceLocation: sourceLocation)
    }

    static func occurrences(of needle: String, in html: String) -> Int {
        html.components(separatedBy: needle).count - 1
    }

    @Test func loadsNothingFromOutside() {
        let html = HTMLReport.render(Self.bundle(victimsAvailable: true, possibleVictims: true))
        for forbidden in [
            "http://", "https://", "<script", "src=", "@import", "url(", "<link", "<img", "<iframe", "<object",
        ] {
            Self.expectNotIn(html.lowercased(), forbidden)
        }
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        Self.expectIn(html, "<style>")
    }

    @Test func hostileValuesAppearOnlyEscaped() {
        let html = HTMLReport.render(Self.bundle())
        Self.expectNotIn(html, Self.script)
        Self.expectNotIn(html, Self.attribute)
        Self.expectNotIn(html, "onmouseover=\"")
        Self.expectNotIn(html, "alert(1)</")
        // The table title, the group label (table, ranking, chart) and the manifest path, escaped.
        Self.expectIn(html, "Off target by year and state " + Self.scriptEscaped + Self.attributeEscaped)
        Self.expectIn(html, "<td>" + Self.scriptEscaped + Self.attributeEscaped + "</td>")
        // Chart labels are cut to 26 characters: the 25 of the script element, then an ellipsis.
        Self.expectIn(html, ">" + Self.scriptEscaped + "…</text>")
        Self.expectIn(html, "<code>data/" + Self.scriptEscaped + Self.attributeEscaped + ".csv</code>")
        #expect(HTMLEscaping.escape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&#39;f")
    }

    @Test func everyChartIsLabelled() {
        let html = HTMLReport.render(Self.bundle())
        for title in [
            SVGChart.Title.severity, SVGChart.Title.offTargetByState, SVGChart.Title.offTargetTrend,
            SVGChart.Title.victims,
        ] {
            Self.expectIn(html, "aria-label=\"" + HTMLEscaping.escape(title))
            Self.expectIn(html, "<title>" + HTMLEscaping.escape(title) + "</title>")
        }
        #expect(Self.occurrences(of: "role=\"img\"", in: html) == 4)
    }

    @Test func cellsAreFormattedAsPublished() {
        let html = HTMLReport.render(Self.bundle())
        Self.expectIn(html, "<td class=\"num suppressed\" title=\"suppressed: fewer than 10\">&lt;10</td>")
        Self.expectIn(html, "<td class=\"num withheld\" title=\"withheld\">—</td>")
        Self.expectIn(
            html,
            "<td class=\"num suppressed\" title=\"suppressed so that a small cell cannot be recovered by subtraction\">x</td>"
        )
        Self.expectIn(html, "<td class=\"num\">42.5%</td>")
        Self.expectIn(html, "<td class=\"num\">9,099</td>")
        Self.expectIn(html, "<td class=\"num\">+3.1 pp</td>")
        Self.expectIn(html, "<td class=\"num\">\u{2212}3.1 pp</td>")
        Self.expectIn(html, "<td class=\"flag-yes\">yes</td>")
        // A value the source cannot provide: `n/a` with the reason, and a note naming the columns.
        Self.expectIn(html, "<td class=\"not-available\" title=\"not available in this source\">n/a</td>")
        Self.expectIn(
            html, "<p class=\"table-note\">n/a — <code>victim_witness</code>: not available in this source.</p>")
        // Long column names may wrap after their underscores.
        Self.expectIn(html, ">off_<wbr>target_<wbr>share</th>")
        // Long tables are collapsible, short ones are not.
        Self.expectIn(html, "<details class=\"table\"><summary>Show the table (36 rows × 2 columns)</summary>")
        Self.expectNotIn(html, "(12 rows × 7 columns)")
        Self.expectNotIn(html, "(3 rows × 3 columns)")
    }

    @Test func numberFormats() {
        #expect(HTMLFormat.percent(0.4251) == "42.5%")
        #expect(HTMLFormat.percent(0) == "0.0%")
        #expect(HTMLFormat.percent(1) == "100.0%")
        #expect(HTMLFormat.percent(0.99999) == "100.0%")
        #expect(HTMLFormat.percentagePoints(0.031) == "+3.1 pp")
        #expect(HTMLFormat.percentagePoints(-0.0049) == "\u{2212}0.5 pp")
        #expect(HTMLFormat.percentagePoints(0.0004) == "0.0 pp")
        #expect(HTMLFormat.count(0) == "0")
        #expect(HTMLFormat.count(999) == "999")
        #expect(HTMLFormat.count(1_000) == "1,000")
        #expect(HTMLFormat.count(1_234_567) == "1,234,567")
        #expect(HTMLFormat.count(-45_000) == "-45,000")
        #expect(HTMLFormat.percentTick(0.1) == "10%")
        #expect(HTMLFormat.percentTick(0.025) == "2.5%")
    }

    @Test func summaryAndManifest() {
        let bundle = Self.bundle()
        let html = HTMLReport.render(bundle)
        // 29,100 records; pooled share (0.265·9099 + 0.281·9410 + 0.2402·10354) / 28863 = 26.1%; 2 of 3 ranked groups flagged; 1 of 4 states.
        Self.expectIn(html, "This run counted 29,100 records from 1 input file in 2012–2014")
        Self.expectIn(html, "26.1% of the records judged against the stated targets were off target")
        Self.expectIn(html, "Of the 3 most straying groups ranked below, 2 are flagged")
        Self.expectIn(html, "by state, 1 of 4 states are flagged")
        Self.expectIn(html, Self.pipelineHash)
        Self.expectIn(html, Self.inputHash)
        Self.expectIn(html, "5,123,456")
        Self.expectIn(html, "read 30,000 = counted 29,100 + duplicates 700 + rejected 200 rows")
        Self.expectIn(html, "<dt>Started</dt><dd>2025-03-01T10:00:00Z</dd>")
        Self.expectIn(html, "<dt>Finished</dt><dd>2025-03-01T10:00:09Z</dd>")
        Self.expectIn(html, "<dt>Status</dt><dd><strong>ok</strong></dd>")
        Self.expectIn(html, "<tr><td>offenses</td><td>2025.1</td><td class=\"num\">470</td>")
        Self.expectIn(html, "15 of 19 compared (78.9%)")
        // Eras with their rules and sources; method notes.
        Self.expectIn(html, "2011-06-17 – in force")
        Self.expectIn(html, "Source: Task Force on Secure Communities, Findings and Recommendations (2011), p. 26")
        Self.expectIn(html, "<p>Off-target shares carry 95% Wilson intervals.</p>")
        Self.expectIn(html, "<td class=\"num\">29,100</td><td class=\"num\">700</td><td class=\"num\">200</td>")
    }

    @Test func victimsNotAvailableIsSaidNotDrawn() {
        let html = HTMLReport.render(Self.bundle(victimsAvailable: false, possibleVictims: false))
        Self.expectIn(html, "victim / witness status: not available in this source")
        Self.expectIn(html, "dual-arrest heuristic off")
        Self.expectNotIn(html, "class=\"bar-victims\"")
        Self.expectNotIn(html, "class=\"bar-possible-victims\"")
        #expect(Self.occurrences(of: "class=\"bar-minor-traffic\"", in: html) == 3)

        let available = HTMLReport.render(Self.bundle(victimsAvailable: true, possibleVictims: true))
        Self.expectNotIn(available, "not available in this source</text>")
        Self.expectNotIn(available, "dual-arrest heuristic off")
        // 2012 and 2014 drawn, 2013 suppressed (marked *); possible victims: 2014 suppressed.
        #expect(Self.occurrences(of: "class=\"bar-victims\"", in: available) == 2)
        #expect(Self.occurrences(of: "class=\"bar-possible-victims\"", in: available) == 2)
        Self.expectIn(available, "* suppressed: fewer than 10 records, not drawn")
    }

    @Test func suppressedSeverityBarsAreMarked() {
        let svg = SVGChart.severityByYear(Self.bundle().charts, suppressionThreshold: 10)
        // 2013 and 2014 each have a suppressed segment: their totals carry a `*` and a footnote explains it.
        Self.expectIn(svg, "7,410*</text>")
        Self.expectIn(svg, HTMLFormat.count(1_512 + 2_605 + 3_777 + 2_460) + "*</text>")
        Self.expectIn(svg, HTMLFormat.count(1_204 + 2_310 + 3_150 + 2_020 + 415) + "</text>")
        Self.expectIn(svg, "* includes suppressed cells")
        #expect(Self.occurrences(of: "class=\"bar-severity\"", in: svg) == 5 + 4 + 4)
    }

    @Test func emptyChartsSayNoData() {
        var bundle = Self.bundle()
        bundle.charts = ChartData()
        let html = HTMLReport.render(bundle)
        #expect(Self.occurrences(of: "No data for this chart", in: html) == 4)
        Self.expectIn(html, "No off-target share can be shown")
        for title in [
            SVGChart.Title.severity, SVGChart.Title.offTargetByState, SVGChart.Title.offTargetTrend,
            SVGChart.Title.victims,
        ] {
            Self.expectIn(html, "aria-label=\"" + HTMLEscaping.escape(title))
        }
    }
}
