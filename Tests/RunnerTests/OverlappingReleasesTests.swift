import AuditCore
import Foundation
import PipelineTestSupport
import Runner
import Testing

/// Overlapping releases counted once (issue 14): `inputs` declares the dates each file is
/// authoritative for; records outside are `superseded` — listed, not counted, not de-duplicated —
/// and without ranges the run warns about files whose dates overlap.
///
/// Fixtures: `Fixtures/overlaps/` (invented; its README counts every row by hand).
@Suite(.serialized) struct OverlappingReleasesTests {
    init() {
        FileManager.default.changeCurrentDirectoryPath(TestPaths.packageRoot.path)
    }

    static let inputs = ["Fixtures/overlaps/release-2024.csv", "Fixtures/overlaps/release-2025.csv"]

    /// A small DDP detainers pipeline; references by absolute path (the pipeline is written to a
    /// temporary folder).
    static func pipeline(ranges: String) -> String {
        let reference = TestPaths.pipelines.appendingPathComponent("reference/offenses.meta.yml").path
        let targets = TestPaths.pipelines.appendingPathComponent("targets/secure-communities.yml").path
        return """
            name: overlaps
            source: {date_formats: [iso]}
            columns:
              date: {names: ["detainer_prepare_date"], required: true}
              state: ["facility_state"]
              criminality: ["detainer_prepared_criminality"]
              person_id: ["unique_identifier"]
            duplicates:
              key: [person_id, date]
            thresholds: {warn: 0.2, stop: 0.5}
            reference: {offenses: "\(reference)", targets: "\(targets)"}
            reports:
              - name: by_fiscal_year
                group_by: [fiscal_year]
            \(ranges)
            """
    }

    static let ranges = """
        inputs:
          - {pattern: "*-2024.csv", from: 2023-10-01, to: 2024-09-30}
          - {pattern: "*-2025.csv", from: 2024-10-01}
        """

    func run(_ name: String, yaml: String) throws -> (RunOutcome, URL) {
        let folder = TestPaths.temporaryFolder("overlaps-\(name)")
        let path = folder.appendingPathComponent("p.yml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        var options = RunOptions(
            pipelinePath: path, inputs: Self.inputs, outputFolder: out.path, fixedTime: "2026-01-01T00:00:00Z",
            unsuppressed: true)
        options.stateFolder = folder.appendingPathComponent("state").path
        options.historyPath = folder.appendingPathComponent("history.sqlite").path
        return (try PipelineRun(options: options).execute(), out)
    }

    func lines(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\r\n").map(String.init)
    }

    @Test func declaredRangesCountEachRecordOnce() throws {
        let (outcome, out) = try run("ranged", yaml: Self.pipeline(ranges: Self.ranges))
        let manifest = outcome.manifest
        let accounting = outcome.summary.split(separator: "\n").prefix(3).map(String.init)
        #expect(
            accounting == [
                "Fixtures/overlaps/release-2024.csv: read 9 = counted 5 + duplicates 1 + rejected 1 + superseded 2",
                "Fixtures/overlaps/release-2025.csv: read 6 = counted 4 + duplicates 1 + rejected 0 + superseded 1",
                "total: read 15 = counted 9 + duplicates 2 + rejected 1 + superseded 3",
            ])
        #expect(manifest.inputs.map(\.rowsSuperseded) == [2, 1])
        #expect(manifest.totals.rowsSuperseded == 3)
        #expect(manifest.inputs.map(\.authoritativeFrom) == ["2023-10-01", "2024-10-01"])
        #expect(manifest.inputs.map(\.authoritativeTo) == ["2024-09-30", nil])
        // Dates of the records read and not superseded.
        #expect(manifest.inputs.map(\.firstDate) == ["2023-10-05", "2024-10-03"])
        #expect(manifest.inputs.map(\.lastDate) == ["2024-09-30", "2025-03-04"])
        #expect(manifest.warnings.isEmpty)
        // The 9 distinct people p01–p07, p09, p10, each counted once: FY2024 p01–p05, FY2025 p06, p07, p09, p10.
        #expect(manifest.totals.recordsCounted == 9)
        let byYear = try lines(out.appendingPathComponent("internal/unsuppressed_by_fiscal_year.csv"))
        #expect(byYear.count == 3)
        #expect(byYear[1].hasPrefix("2024,5,"))
        #expect(byYear[2].hasPrefix("2025,4,"))
        // The HTML report and summary.json carry the same accounting.
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(
            html.contains(
                "<dt>Totals</dt><dd>read 15 = counted 9 + duplicates 2 + rejected 1 + superseded 3 rows; 9 records counted</dd>"
            ))
        let summary =
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
            as? [String: Any]
        let totals = summary?["totals"] as? [String: Any]
        #expect(totals?["rows_superseded"] as? Int == 3)
        #expect(totals?["rows_read"] as? Int == 15)
        // Each file's superseded rows, in file order, then its duplicates.
        #expect(
            try lines(out.appendingPathComponent("internal/duplicates.csv")) == [
                "file,line,record,kind,original_file,original_line,original_record,key",
                "Fixtures/overlaps/release-2024.csv,8,7,superseded,,,,date=2024-10-03; authoritative 2023-10-01 to 2024-09-30",
                "Fixtures/overlaps/release-2024.csv,9,8,superseded,,,,date=2024-11-15; authoritative 2023-10-01 to 2024-09-30",
                "Fixtures/overlaps/release-2024.csv,7,6,exact_row,Fixtures/overlaps/release-2024.csv,6,5,",
                "Fixtures/overlaps/release-2025.csv,2,1,superseded,,,,date=2024-09-30; authoritative from 2024-10-01",
                "Fixtures/overlaps/release-2025.csv,7,6,same_key,Fixtures/overlaps/release-2025.csv,6,5,person_id=p10; date=2025-03-04",
            ])
    }

    /// A second run reads both files from the cache: the superseded counts come back with them.
    @Test func cachedResultsKeepTheSupersededCount() throws {
        let yaml = Self.pipeline(ranges: Self.ranges)
        let folder = TestPaths.temporaryFolder("overlaps-cached")
        let path = folder.appendingPathComponent("p.yml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        var options = RunOptions(
            pipelinePath: path, inputs: Self.inputs, outputFolder: folder.appendingPathComponent("out").path,
            fixedTime: "2026-01-01T00:00:00Z", unsuppressed: true)
        options.stateFolder = folder.appendingPathComponent("state").path
        options.historyPath = folder.appendingPathComponent("history.sqlite").path
        let first = try PipelineRun(options: options).execute()
        let second = try PipelineRun(options: options).execute()
        #expect(second.manifest.inputs == first.manifest.inputs)
        #expect(second.manifest.totals.rowsSuperseded == 3)
    }

    /// The run history records the superseded rows per run and per input (migration
    /// `v4-rows-superseded`); a history written before the migration keeps NULL for its old runs,
    /// shown as `-`, never 0. Read back with Python's sqlite3, not with the tool's own reader.
    @Test func historyRecordsSupersededRows() throws {
        let folder = TestPaths.temporaryFolder("overlaps-history")
        let history = folder.appendingPathComponent("history.sqlite").path
        // A history as the v3 schema left it, with one old run (Python's sqlite3 builds it).
        let v3 = try Python.run(
            """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.executescript('''
            CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
            INSERT INTO grdb_migrations VALUES ('v1'), ('v2-group-counts'), ('v3-run-pid');
            CREATE TABLE run (id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL,
              finished_at TEXT NOT NULL, duration_seconds DOUBLE NOT NULL, status TEXT NOT NULL,
              exit_code INTEGER NOT NULL, output_folder TEXT NOT NULL, tool_version TEXT NOT NULL,
              pipeline_name TEXT, pipeline_path TEXT, pipeline_sha256 TEXT, rows_read INTEGER,
              rows_counted INTEGER, rows_duplicate INTEGER, rows_rejected INTEGER, message TEXT, pid INTEGER);
            CREATE TABLE run_input (run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
              path TEXT NOT NULL, bytes INTEGER NOT NULL, sha256 TEXT NOT NULL, cache_key TEXT,
              from_cache BOOLEAN NOT NULL, rows_read INTEGER NOT NULL, rows_counted INTEGER NOT NULL,
              rows_duplicate INTEGER NOT NULL, rows_rejected INTEGER NOT NULL);
            CREATE TABLE run_reference (run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
              name TEXT NOT NULL, version TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL);
            CREATE TABLE run_group (run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
              report TEXT NOT NULL, group_key TEXT NOT NULL, counts TEXT NOT NULL);
            INSERT INTO run VALUES (1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:01Z', 1, 'ok', 0, '/old',
              'old', 'old', NULL, NULL, 4, 4, 0, 0, NULL, NULL);
            ''')
            db.commit()
            """, [history])
        #expect(v3.status == 0)
        let path = folder.appendingPathComponent("p.yml").path
        try Self.pipeline(ranges: Self.ranges).write(toFile: path, atomically: true, encoding: .utf8)
        var options = RunOptions(
            pipelinePath: path, inputs: Self.inputs, outputFolder: folder.appendingPathComponent("out").path,
            fixedTime: "2026-01-01T00:00:00Z")
        options.historyPath = history
        _ = try PipelineRun(options: options).execute()
        let rows = try Python.run(
            """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            for row in db.execute('SELECT id, rows_read, rows_superseded FROM run ORDER BY id'): print(row)
            for row in db.execute('SELECT path, rows_read, rows_superseded FROM run_input ORDER BY rowid'): print(row)
            """, [history])
        #expect(
            rows.stdout.split(separator: "\n") == [
                "(1, 4, None)", "(2, 15, 3)", "('Fixtures/overlaps/release-2024.csv', 9, 2)",
                "('Fixtures/overlaps/release-2025.csv', 6, 1)",
            ])
        let runs = try HistoryQuery(outputFolder: nil, stateFolder: nil, historyPath: history).runs(limit: 5)
        #expect(runs.map(\.rowsSuperseded) == [3, nil])
    }

    @Test func overlapWithoutRangesIsAWarning() throws {
        let (outcome, _) = try run("unranged", yaml: Self.pipeline(ranges: ""))
        let accounting = outcome.summary.split(separator: "\n").prefix(3).map(String.init)
        // p05, p06 and p07 are in both files and counted twice: 12, not 9.
        #expect(
            accounting == [
                "Fixtures/overlaps/release-2024.csv: read 9 = counted 7 + duplicates 1 + rejected 1",
                "Fixtures/overlaps/release-2025.csv: read 6 = counted 5 + duplicates 1 + rejected 0",
                "total: read 15 = counted 12 + duplicates 2 + rejected 1",
            ])
        #expect(outcome.manifest.inputs.map(\.rowsSuperseded) == [0, 0])
        #expect(outcome.manifest.inputs.map(\.firstDate) == ["2023-10-05", "2024-09-30"])
        #expect(outcome.manifest.inputs.map(\.lastDate) == ["2024-11-15", "2025-03-04"])
        #expect(
            outcome.manifest.warnings == [
                "Fixtures/overlaps/release-2024.csv (2023-10-05 to 2024-11-15) and Fixtures/overlaps/release-2025.csv (2024-09-30 to 2025-03-04) "
                    + "overlap from 2024-09-30 to 2024-11-15; records in both are counted twice unless the pipeline declares each file's dates under 'inputs'"
            ])
        #expect(outcome.summary.hasSuffix("\nwarning: " + outcome.manifest.warnings[0]))
    }

    /// A range declared for one file only: no warning, since that file's dates are settled.
    @Test func oneDeclaredRangeSilencesTheWarning() throws {
        let (outcome, _) = try run(
            "one-range",
            yaml: Self.pipeline(
                ranges: """
                    inputs:
                      - {pattern: "release-2024.csv", to: 2024-09-30}
                    """))
        #expect(outcome.manifest.warnings.isEmpty)
        let accounting = outcome.summary.split(separator: "\n").prefix(3).map(String.init)
        #expect(
            accounting == [
                "Fixtures/overlaps/release-2024.csv: read 9 = counted 5 + duplicates 1 + rejected 1 + superseded 2",
                "Fixtures/overlaps/release-2025.csv: read 6 = counted 5 + duplicates 1 + rejected 0 + superseded 0",
                "total: read 15 = counted 10 + duplicates 2 + rejected 1 + superseded 2",
            ])
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var inputs: String
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "unknown key", inputs: "inputs:\n  - {pattern: \"*.csv\", form: 2024-10-01}",
            message: "inputs[0].form: unknown key 'form'; expected one of: from, pattern, to"),
        Case(
            name: "not a date", inputs: "inputs:\n  - {pattern: \"*.csv\", from: 2024-13-01}",
            message: "inputs[0].from: not a date (YYYY-MM-DD)"),
        Case(
            name: "ends before it starts",
            inputs: "inputs:\n  - {pattern: \"*.csv\", from: 2024-10-01, to: 2024-09-30}",
            message: "inputs[0]: ends (2024-09-30) before it starts (2024-10-01)"),
        Case(
            name: "no bound", inputs: "inputs:\n  - {pattern: \"*.csv\"}",
            message: "inputs[0]: declare 'from', 'to' or both"),
        Case(
            name: "pattern twice",
            inputs: "inputs:\n  - {pattern: \"*.csv\", to: 2024-09-30}\n  - {pattern: \"*.csv\", from: 2024-10-01}",
            message: "inputs[1].pattern: '*.csv' is declared twice"),
        Case(
            name: "missing pattern", inputs: "inputs:\n  - {from: 2024-10-01}",
            message: "inputs[0]: missing required key 'pattern'"),
    ]

    @Test(arguments: cases)
    func refused(_ testCase: Case) throws {
        let folder = TestPaths.temporaryFolder("overlaps-invalid")
        let path = folder.appendingPathComponent("p.yml").path
        try Self.pipeline(ranges: testCase.inputs).write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try PipelineCheck.check(path: path)
            Issue.record("expected the pipeline to be refused")
        } catch let error as RunnerError {
            #expect(error.description == "\(path): error: \(testCase.message)")
        }
    }
}
