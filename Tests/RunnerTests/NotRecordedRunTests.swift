import AuditCore
import Foundation
import PipelineTestSupport
import Runner
import Testing

/// "Not recorded" is not "no conviction" (issue 13 item 3), end to end on invented files
/// (`Fixtures/coverage/README.md`): the run finds that FY2018 left the MSC fields empty while FY2019
/// filled 4 of 5, classifies FY2018 as if the file had no MSC columns, warns, publishes
/// `coverage.csv`, and computes no period-over-period change across the boundary. Expected values
/// are worked out by hand from the fixtures and read back with Python's csv module.
@Suite(.serialized) struct NotRecordedRunTests {
    private func run(
        _ fixture: String, name: String, pipeline: String = "Pipelines/ddp-detainers.yml"
    ) throws -> (RunOutcome, URL) {
        FileManager.default.changeCurrentDirectoryPath(TestPaths.packageRoot.path)
        let folder = TestPaths.temporaryFolder(name)
        var options = RunOptions(
            pipelinePath: pipeline, inputs: ["Fixtures/coverage/" + fixture],
            outputFolder: folder.appendingPathComponent("out").path, fixedTime: "2026-01-01T00:00:00Z")
        options.stateFolder = folder.appendingPathComponent("state").path
        options.minCount = 1
        return (try PipelineRun(options: options).execute(), folder.appendingPathComponent("out"))
    }

    /// The named columns of every row of a CSV output, as Python's csv module reads them.
    private func rows(_ file: URL, _ columns: [String]) throws -> [[String]] {
        let program = """
            import csv, json, sys
            rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
            print(json.dumps([[row[c] for c in sys.argv[2:]] for row in rows]))
            """
        let result = try Python.run(program, [file.path] + columns)
        #expect(result.status == 0)
        return try JSONDecoder().decode([[String]].self, from: Data(result.stdout.utf8))
    }

    @Test func yearsWithoutTheMSCFieldsAreUnknownNotWithoutConviction() throws {
        let (outcome, out) = try run("msc-recorded-from-fy2019.csv", name: "not-recorded-msc")
        // Without a criminality column, criminality comes from the MSC fields: FY2018's six records
        // would be no_conviction_recorded (and count as "no conviction"); not recorded, they are unknown.
        let counts = try rows(
            out.appendingPathComponent("by_fiscal_year.csv"),
            [
                "fiscal_year", "records", "convicted", "no_conviction_recorded", "criminality_unknown", "unclassified",
                "on_target", "target_undetermined",
            ])
        #expect(counts == [["2018", "6", "0", "0", "6", "6", "0", "6"], ["2019", "5", "4", "1", "0", "1", "4", "1"]])
        let coverage = try rows(
            out.appendingPathComponent("coverage.csv"),
            ["fiscal_year", "field", "column", "filled_share", "missing_share", "redacted_share", "status", "basis"])
        #expect(
            coverage.filter { $0[1] == "msc_code" } == [
                [
                    "FY2018", "msc_code", "msc_charge_code", "0", "1", "0", "not recorded",
                    "found by the run: no record of FY2018 has it, while 80% of the records of the years that have it do",
                ],
                ["FY2019", "msc_code", "msc_charge_code", "0.8", "0.2", "0", "recorded", ""],
            ])
        #expect(coverage.filter { $0[1] == "state" }.map { $0[6] } == ["recorded", "recorded"])
        let input = outcome.manifest.inputs[0]
        #expect(input.notRecorded == ["msc_code": "FY2018", "msc_name": "FY2018"])
        #expect(input.redactedCells == [:])
        #expect(
            outcome.manifest.warnings.contains(
                "\(input.file.path): 'msc_code' (column 'msc_charge_code') not recorded in FY2018: no record of those years has it, while 80% of the records of the years that have it do; labels depending on it are unknown there, not none (coverage.csv)"
            ))
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<li><code>\(input.file.path)</code>: <code>msc_code</code> not recorded in FY2018</li>"))
        let sheet = try Python.run(
            """
            import openpyxl, sys
            ws = openpyxl.load_workbook(sys.argv[1])['coverage']
            print([[c.value for c in row] for row in ws.iter_rows(min_row=2) if row[2].value == 'msc_name'][0][7])
            """, [out.appendingPathComponent("report.xlsx").path])
        #expect(sheet.stdout == "not recorded\n")
        let counted = try rows(
            out.appendingPathComponent("internal/coverage_counts.csv"),
            ["fiscal_year", "field", "records", "filled", "missing"])
        #expect(
            counted.filter { $0[1] == "msc_name" } == [
                ["FY2018", "msc_name", "6", "0", "6"], ["FY2019", "msc_name", "5", "4", "1"],
            ])
    }

    @Test func noPeriodChangeCrossesAFoundBoundary() throws {
        let (_, out) = try run("criminality-with-msc-from-fy2019.csv", name: "not-recorded-change")
        // Off target (2017 era: neither convicted nor charged): 2 of 6 in FY2018, 1 of 5 in FY2019 — a
        // change of −0.133 that is not computed, since the MSC fields appear between the two years.
        let targets = try rows(
            out.appendingPathComponent("by_fiscal_year_targets.csv"),
            ["fiscal_year", "on_target", "off_target", "off_target_share", "previous_period", "off_target_change"])
        #expect(
            targets == [
                ["2018", "4", "2", "0.333333", "", ""],
                [
                    "2019", "4", "1", "0.2", "2018",
                    "not computed: an era or recorded-period boundary lies between the periods",
                ],
            ])
    }

    /// A charge list (I-213 `criminal_charges`) empty for all of FY2018 and filled for 4 of 5 FY2019
    /// forms: FY2018 is not recorded for `charge_count`, the field the list gives, so its six forms
    /// are decided by `criminality.not_recorded_then`, not by "no list on the form".
    @Test func aChargeListNotRecordedForAYearIsFoundToo() throws {
        let (outcome, out) = try run(
            "i213-charges-recorded-from-fy2019.csv", name: "not-recorded-charges",
            pipeline: "Pipelines/i213-arrests.yml")
        #expect(outcome.manifest.inputs[0].notRecorded == ["charge_count": "FY2018"])
        let rules = try rows(out.appendingPathComponent("rules.csv"), ["label", "rule", "records"])
        #expect(rules.contains(["criminality", "criminality.not_recorded_then", "6"]))
        // FY2019: one convicted, one pending, an empty list and a dismissed-only list (no criminal
        // record), and one form without a list (unknown).
        let counts = try rows(
            out.appendingPathComponent("by_fiscal_year.csv"),
            ["fiscal_year", "convicted", "pending_charges", "no_criminal_record", "criminality_unknown"])
        #expect(counts == [["2018", "0", "0", "0", "6"], ["2019", "1", "1", "2", "1"]])
    }
}
