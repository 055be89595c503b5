import AuditCore
import Foundation
import PipelineTestSupport
import Runner
import Testing

/// `Pipelines/i213-arrests.yml` end to end on its invented fixture (`Fixtures/layouts/i213/`): 26
/// pipe-delimited rows whose `criminal_charges` cells are JSON arrays — convicted beside pending,
/// pending only, dismissed, overturned, `[]`, `IIDS ETL NULL` as the cell and inside an object, an
/// unknown status, several convictions of different grades, category-only charges, one cut-off JSON
/// cell and one exact copy of a row. The counts were worked out by hand from the rows.
@Suite(.serialized) struct ChargeListPipelineTests {
    init() {
        FileManager.default.changeCurrentDirectoryPath(TestPaths.packageRoot.path)
    }

    @Test func i213() throws {
        let out = TestPaths.temporaryFolder("layout-i213").appendingPathComponent("out")
        let outcome = try PipelineRun(
            options: RunOptions(
                pipelinePath: "Pipelines/i213-arrests.yml", inputs: ["Fixtures/layouts/i213/input.csv"],
                outputFolder: out.path, fixedTime: "2026-01-01T00:00:00Z", unsuppressed: true)
        ).execute()
        let input = try #require(outcome.manifest.inputs.first)
        #expect(input.rowsRead == 26)
        #expect(input.rowsCounted == 24)
        #expect(input.rowsDuplicate == 1)
        #expect(input.rowsRejected == 1)
        #expect(input.columnsUsed["charge_count"] == "criminal_charges")

        let table = { (name: String) in
            try LayoutPipelineTests.table(out.appendingPathComponent("internal/unsuppressed_\(name).csv"))
        }
        let byCount = try table("by_charge_count")
        #expect(byCount.keys.sorted() == ["(missing)", "0", "1", "2", "3"])
        let expected: [String: [String: String]] = [
            "0": ["records": "2", "no_criminal_record": "2"],
            "1": [
                "records": "9", "convicted": "4", "pending_charges": "1", "no_criminal_record": "2",
                "criminality_unknown": "2", "level_3": "1", "unclassified": "5", "immigration_only": "1",
            ],
            "2": [
                "records": "9", "convicted": "7", "pending_charges": "1", "no_criminal_record": "1", "level_2": "3",
                "unclassified": "4", "not_convicted": "2",
            ],
            "3": ["records": "2", "convicted": "2", "level_2": "1", "unclassified": "1"],
            "(missing)": ["records": "2", "criminality_unknown": "2", "unclassified": "2"],
        ]
        for (group, cells) in expected {
            for (column, value) in cells { #expect(byCount[group]?[column] == value, "\(group) \(column)") }
            #expect(byCount[group]?["no_conviction_recorded"] == "0", "\(group)")
            #expect(byCount[group]?["minor_traffic"] == "0", "\(group)")
        }
        let byYear = try table("by_fiscal_year")
        #expect(byYear["2019"]?["records"] == "20")
        #expect(byYear["2020"]?["records"] == "4")
        #expect(byYear["2020"]?["convicted"] == "3")

        let rejects = try String(contentsOf: out.appendingPathComponent("internal/rejects.csv"), encoding: .utf8)
        let lines = rejects.split(separator: "\r\n")
        #expect(lines.count == 2)
        #expect(
            lines.last?.hasPrefix(
                #"Fixtures/layouts/i213/input.csv,10,9,criminal_charges,"the charge list is not valid JSON; expected an array of objects such as [{""NCIC_CATEGORY"":""…"",""CHARGE_STATUS"":""Convicted"",""CHARGE_DATE"":""2015-09-29""}], [] for no charges or 'IIDS ETL NULL' (check for a cut-off cell or unescaped quotes)","#
            ) == true)
        let unmapped = try String(contentsOf: out.appendingPathComponent("internal/unmapped.csv"), encoding: .utf8)
        #expect(unmapped == "field,value,records\r\ncharges.category,General Crimes,1\r\ncharges.status,Deferred,1\r\n")
    }
}
