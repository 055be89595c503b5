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
    func run(_ table: String, into folder: URL? = nil) throws -> (
        RunManifest.Input, (String) throws -> [String: [String: String]]
    ) {
        let out = folder ?? TestPaths.temporaryFolder("layout-\(table)").appendingPathComponent("out")
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
        // The count columns partition records by apprehension type. By hand from the fixture:
        // Minnesota Targeted a001, a004, a009, a016, a021 (a024's date is unusable), Collateral a002,
        // a003, a010, a015, NA a017; Texas Targeted a005, a008, a018, a020, Collateral a006, a019,
        // NA a007; Colorado Targeted a011, a013, a014, Collateral a012.
        let columns = ["targeted", "collateral", "apprehension_type_unknown"]
        #expect(columns.map { byState["MINNESOTA"]?[$0] } == ["5", "4", "1"])
        #expect(columns.map { byState["TEXAS"]?[$0] } == ["4", "2", "1"])
        #expect(columns.map { byState["COLORADO"]?[$0] } == ["3", "1", "0"])
        #expect(columns.map { byType["(missing)"]?[$0] } == ["0", "0", "2"])
        // collateral / (targeted + collateral) with its 95% Wilson interval: Minnesota 4 / 9 =
        // 0.444444 [0.188779, 0.733349], Colorado 1 / 4 = 0.25 [0.045587, 0.699358] (p ± z√(p(1−p)/n
        // + z²/4n²) over 1 + z²/n, z = 1.959964, computed apart from the tool).
        let shares = ["collateral_share", "collateral_lower", "collateral_upper"]
        let targets = try table("by_state_targets")
        #expect(shares.map { targets["MINNESOTA"]?[$0] } == ["0.444444", "0.188779", "0.733349"])
        #expect(shares.map { targets["COLORADO"]?[$0] } == ["0.25", "0.045587", "0.699358"])
        // A group whose every arrest lacks the type has no share (no denominator), not 0.
        #expect(try table("by_apprehension_type_targets")["(missing)"]?["collateral_share"] == "")
    }

    /// Detainers, with ICE's priority flags (`*_yes_no`, the March 2026 headers listed in
    /// deportationdata/ice `code/detainers-historical.R`). By hand from the fixture: FY2025 level 1 =
    /// d001 (1399 with a 2-year sentence) and d006 (felon `Drugs`), level 2 = d009 (Larceny,
    /// `prior_felony_yes_no` YES: `L2.prior_felony`), level 3 = d002 (5404) and d005 (5499, which
    /// `violent_misdemeanor_yes_no` YES keeps from being minor traffic); FY2026 level 1 = d011 (felon
    /// `Other`) and d014 (5404 with `aggravated_felony_yes_no` YES: the flag decides), level 2 = d015
    /// (1313 with `multiple_prior_misd_yes_no` YES).
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
        for (year, counts) in [("2025", ["2", "1", "2", "0"]), ("2026", ["2", "1", "0", "0"])] {
            #expect(
                ["level_1", "level_2", "level_3", "minor_traffic"].map { byYear[year]?[$0] } == counts, "FY\(year)")
        }
        let byState = try table("by_state")
        #expect(byState["TEXAS"]?["records"] == "10")
        #expect(byState["MINNESOTA"]?["records"] == "7")
        // d001 and d005 say YES, d002 says NO; the other 14 rows' flag is empty: unknown, not NO.
        // Detainers carry no apprehension type: not available, never 0; the unknown column counts all.
        #expect(byYear["2025"]?["targeted"] == "not available in this source")
        #expect(byYear["2025"]?["collateral"] == "not available in this source")
        #expect(byYear["2025"]?["apprehension_type_unknown"] == "10")
        #expect(
            try table("by_fiscal_year_targets")["2025"]?["collateral_share"]
                == "not available in this source: no apprehension type")
        let byFlag = try table("by_violent_misdemeanor")
        #expect(byFlag.mapValues { $0["records"] } == ["YES": "2", "NO": "1", "(missing)": "14"])
        let rules = try table("rules")
        #expect(rules["derived_level|L1.aggravated_felony_flag|2026.12.0"]?["records"] == "1")
        #expect(rules["derived_level|L2.three_or_more_misdemeanors|2026.12.0"]?["records"] == "1")
        #expect(rules["minor_traffic|minor_traffic.priority_flag|2026.12.0"]?["records"] == "1")
    }

    /// Where a flag contradicts the labels, a finding names the row (the fixture's lines 5, 6, 13).
    @Test func detainerFlagContradictionsAreFindings() throws {
        let out = TestPaths.temporaryFolder("layout-detainers").appendingPathComponent("out")
        _ = try run("detainers", into: out)
        let findings = try String(
            contentsOf: out.appendingPathComponent("internal/findings.csv"), encoding: .utf8
        ).split(separator: "\r\n").filter {
            $0.contains("flag_without_conviction") || $0.contains("minor_traffic_flag")
        }
        #expect(
            findings == [
                "warning,conflict.flag_without_conviction,Fixtures/layouts/detainers/input.csv,5,4,,prior_felony says YES but criminality is no_criminal_record; the criminality decides",
                "warning,conflict.minor_traffic_flag,Fixtures/layouts/detainers/input.csv,6,5,,the most serious conviction is a minor traffic offense but violent_misdemeanor says YES; not counted as minor traffic",
                "warning,conflict.flag_without_conviction,Fixtures/layouts/detainers/input.csv,13,12,,aggravated_felony_flag says YES but criminality is pending_charges; the criminality decides",
            ])
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
