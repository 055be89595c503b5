import AuditCore
import Foundation
import PipelineTestSupport
import Runner
import Testing

/// The Deportation Data Project's 2025 / March 2026 table layouts (`Pipelines/ddp-2026-*.yml`), each
/// run end to end on an invented fixture in exactly that layout (`Fixtures/layouts/<table>/`).
///
/// Every fixture holds 17 distinct records, one exact copy of a row, one row repeating a record's
/// key (same person, same day) and one row whose date is unusable; the expected counts below were
/// counted by hand from the fixture rows.
@Suite(.serialized) struct LayoutPipelineTests {
    init() {
        FileManager.default.changeCurrentDirectoryPath(TestPaths.packageRoot.path)
    }

    /// Runs `table`'s pipeline on its fixture; returns the manifest's one input and a reader of the
    /// unsuppressed tables.
    func run(_ table: String) throws -> (RunManifest.Input, (String) throws -> [String: [String: String]]) {
        let out = TestPaths.temporaryFolder("layout-\(table)").appendingPathComponent("out")
        let outcome = try PipelineRun(
            options: RunOptions(
                pipelinePath: "Pipelines/ddp-2026-\(table).yml", inputs: ["Fixtures/layouts/\(table)/input.csv"],
                outputFolder: out.path, fixedTime: "2026-01-01T00:00:00Z", unsuppressed: true)
        ).execute()
        #expect(outcome.manifest.inputs.count == 1)
        return (
            outcome.manifest.inputs[0],
            { report in try Self.table(out.appendingPathComponent("internal/unsuppressed_\(report).csv")) }
        )
    }

    /// An unsuppressed report as group (the group columns joined by `|`) → column → cell.
    static func table(_ url: URL) throws -> [String: [String: String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        let rows = text.split(separator: "\r\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = rows[0]
        let groups = header.firstIndex(of: "records") ?? 0
        var result: [String: [String: String]] = [:]
        for row in rows.dropFirst() {
            result[row[..<groups].joined(separator: "|")] = Dictionary(uniqueKeysWithValues: zip(header, row))
        }
        return result
    }

    func expectAccounting(_ input: RunManifest.Input, read: Int, counted: Int, duplicates: Int, rejected: Int) {
        #expect(input.rowsRead == read)
        #expect(input.rowsCounted == counted)
        #expect(input.rowsDuplicate == duplicates)
        #expect(input.rowsRejected == rejected)
    }

    /// Arrests: `apprehension_type` groups Targeted / Collateral / missing; the collateral share of
    /// the fixture is 7 / (12 + 7).
    @Test func arrests() throws {
        let (input, table) = try run("arrests")
        expectAccounting(input, read: 24, counted: 21, duplicates: 2, rejected: 1)
        #expect(input.columnsUsed["apprehension_type"] == "apprehension_type")
        let byType = try table("by_apprehension_type")
        #expect(byType.keys.sorted() == ["(missing)", "Collateral", "Targeted"])
        #expect(byType["Collateral"]?["records"] == "7")
        #expect(byType["Collateral"]?["no_criminal_record"] == "7")
        #expect(byType["Targeted"]?["records"] == "12")
        #expect(byType["Targeted"]?["convicted"] == "8")
        #expect(byType["Targeted"]?["pending_charges"] == "3")
        #expect(byType["Targeted"]?["no_criminal_record"] == "1")
        #expect(byType["(missing)"]?["records"] == "2")
        let byYear = try table("by_fiscal_year_apprehension_type")
        #expect(byYear["2026|Targeted"]?["records"] == "4")
        #expect(byYear["2026|Collateral"]?["records"] == "1")
        #expect(byYear["2025|Collateral"]?["records"] == "6")
        let byState = try table("by_state")
        #expect(byState["MINNESOTA"]?["records"] == "10")
        #expect(byState["TEXAS"]?["records"] == "7")
        #expect(byState["COLORADO"]?["records"] == "4")
    }

    @Test func detainers() throws {
        let (input, table) = try run("detainers")
        expectAccounting(input, read: 20, counted: 17, duplicates: 2, rejected: 1)
        let byYear = try table("by_fiscal_year")
        #expect(byYear["2025"]?["records"] == "10")
        #expect(byYear["2025"]?["convicted"] == "5")
        #expect(byYear["2025"]?["pending_charges"] == "2")
        #expect(byYear["2025"]?["no_criminal_record"] == "2")
        #expect(byYear["2025"]?["criminality_unknown"] == "1")
        #expect(byYear["2026"]?["records"] == "7")
        #expect(byYear["2026"]?["convicted"] == "3")
        let byState = try table("by_state")
        #expect(byState["TEXAS"]?["records"] == "10")
        #expect(byState["MINNESOTA"]?["records"] == "7")
    }

    @Test func encounters() throws {
        let (input, table) = try run("encounters")
        expectAccounting(input, read: 20, counted: 17, duplicates: 2, rejected: 1)
        let byYear = try table("by_fiscal_year")
        #expect(byYear["2025"]?["records"] == "8")
        #expect(byYear["2026"]?["records"] == "9")
        let byAOR = try table("by_aor")
        #expect(byAOR["Houston Area of Responsibility"]?["records"] == "9")
        #expect(byAOR["St. Paul Area of Responsibility"]?["records"] == "7")
        #expect(byAOR["(missing)"]?["records"] == "1")
        #expect(try table("by_event_type")["CAP Local"]?["records"] == "7")
    }

    /// Stints: book-in criminality and how the stay ended (`removal_reason`), redacted apart from missing.
    @Test func stints() throws {
        let (input, table) = try run("stints")
        expectAccounting(input, read: 20, counted: 17, duplicates: 2, rejected: 1)
        let byReason = try table("by_release_reason")
        #expect(byReason["Removed"]?["records"] == "9")
        #expect(byReason["Paroled"]?["records"] == "2")
        #expect(byReason["Bonded Out"]?["records"] == "2")
        #expect(byReason["Order of Recognizance"]?["records"] == "1")
        #expect(byReason["(missing)"]?["records"] == "2")
        #expect(byReason["(redacted)"]?["records"] == "1")
        let byYear = try table("by_fiscal_year")
        #expect(byYear["2025"]?["records"] == "8")
        #expect(byYear["2025"]?["convicted"] == "4")
        #expect(byYear["2025"]?["pending_charges"] == "1")
        #expect(byYear["2025"]?["no_criminal_record"] == "3")
        #expect(try table("by_facility")["MONTGOMERY PROCESSING CENTER"]?["records"] == "10")
    }

    @Test func removals() throws {
        let (input, table) = try run("removals")
        expectAccounting(input, read: 20, counted: 17, duplicates: 2, rejected: 1)
        let byReason = try table("by_removal_reason")
        #expect(byReason["REINSTATEMENT OF DEPORT ORDER I-871"]?["records"] == "6")
        #expect(byReason["EXPEDITED REMOVAL"]?["records"] == "5")
        #expect(byReason["IJ ORDER OF REMOVAL"]?["records"] == "4")
        #expect(byReason["(redacted)"]?["records"] == "1")
        #expect(byReason["(missing)"]?["records"] == "1")
        let byState = try table("by_state")
        #expect(byState["TEXAS"]?["records"] == "9")
        #expect(byState["MINNESOTA"]?["records"] == "7")
        #expect(byState["(missing)"]?["records"] == "1")
    }
}
