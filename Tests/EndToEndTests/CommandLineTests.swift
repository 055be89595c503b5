import Foundation
import PipelineTestSupport
import Testing

/// Runs the built `detention-audit` executable as a user would and checks output and exit codes.
@Suite(.serialized) struct CommandLineTests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable sits beside the test bundle in the build products folder.
    static let executable: URL = {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [products, TestPaths.packageRoot.appendingPathComponent(".build/debug")]
        for folder in candidates {
            let url = folder.appendingPathComponent("detention-audit")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return TestPaths.packageRoot.appendingPathComponent(".build/debug/detention-audit")
    }()

    static func run(_ arguments: [String], environment: [String: String] = [:], directory: URL = TestPaths.packageRoot)
        throws -> Result
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func defaultRunUsesTheBundledSample() throws {
        let out = TestPaths.temporaryFolder("cli").appendingPathComponent("out")
        let result = try Self.run(["run", "--out", out.path])
        #expect(result.status == 0)
        #expect(
            result.stdout.contains(
                "Fixtures/sample/ice-detainers-sample.csv: read 5000 = counted 4875 + duplicates 104 + rejected 21"))
        #expect(
            result.stdout.contains(
                "warning: Fixtures/sample/ice-detainers-sample.csv: 21 of 5000 rows rejected (0.42%), above the warn threshold 0.1%"
            ))
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(
            files == [
                ".detention-audit-output", "agreement.csv", "by_apprehension_method.csv",
                "by_apprehension_method_targets.csv", "by_fiscal_year.csv",
                "by_fiscal_year_state.csv", "by_fiscal_year_state_targets.csv", "by_fiscal_year_targets.csv",
                "changes.csv", "changes_files.csv",
                "claims.csv", "codebook.csv", "coverage.csv", "eras.csv", "internal",
                "manifest.json", "ranking.csv", "report.html", "report.xlsx", "rules.csv", "summary.json",
            ])
        let internalFiles = try FileManager.default.contentsOfDirectory(
            atPath: out.appendingPathComponent("internal").path
        ).sorted()
        #expect(
            internalFiles == ["coverage_counts.csv", "duplicates.csv", "findings.csv", "rejects.csv", "unmapped.csv"])
    }

    @Test func quietRunPrintsOnlyProblems() throws {
        let out = TestPaths.temporaryFolder("cli").appendingPathComponent("out")
        let result = try Self.run([
            "run", "--quiet", "--pipeline", "Pipelines/ddp-detainers.yml", "--out", out.path,
            "Fixtures/ingest/ddp-aliases/input.csv",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        // The fixture has no lift-reason column: grouping by it is a problem, shown under --quiet.
        #expect(
            result.stderr
                == "warning: Fixtures/ingest/ddp-aliases/input.csv: report 'by_lift_reason' groups by 'lift_reason', which has no column in this file: every record of it falls in one (missing) group\n"
        )
    }

    /// Two releases whose dates overlap, neither declared authoritative (`inputs`): `--quiet` still
    /// prints the warning naming both files and the overlapping dates.
    @Test func quietRunPrintsTheOverlapWarning() throws {
        let folder = TestPaths.temporaryFolder("cli-overlaps")
        let pipeline = folder.appendingPathComponent("p.yml").path
        try """
        name: overlaps
        columns:
          date: {names: ["detainer_prepare_date"], required: true}
          state: ["facility_state"]
          criminality: ["detainer_prepared_criminality"]
          person_id: ["unique_identifier"]
        duplicates: {key: [person_id, date]}
        thresholds: {warn: 0.2, stop: 0.5}
        reference:
          offenses: "\(TestPaths.pipelines.appendingPathComponent("reference/offenses.meta.yml").path)"
          targets: "\(TestPaths.pipelines.appendingPathComponent("targets/secure-communities.yml").path)"
        reports: [{name: by_state, group_by: [state]}]
        """.write(toFile: pipeline, atomically: true, encoding: .utf8)
        let result = try Self.run([
            "run", "--quiet", "--pipeline", pipeline, "--out", folder.appendingPathComponent("out").path,
            "--state", folder.appendingPathComponent("state").path,
            "Fixtures/overlaps/release-2024.csv", "Fixtures/overlaps/release-2025.csv",
        ])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr
                == "warning: Fixtures/overlaps/release-2024.csv (2023-10-05 to 2024-11-15) and Fixtures/overlaps/release-2025.csv "
                + "(2024-09-30 to 2025-03-04) overlap from 2024-09-30 to 2024-11-15; records in both are counted twice unless the pipeline "
                + "declares each file's dates under 'inputs'\n")
    }

    @Test func rejectsAboveTheStopThresholdPublishNothing() throws {
        let out = TestPaths.temporaryFolder("cli").appendingPathComponent("out")
        let result = try Self.run([
            "run", "--pipeline", "Pipelines/ice-detainers.yml", "--out", out.path,
            "Fixtures/ingest/ragged-rows/input.csv",
        ])
        #expect(result.status == 3)
        #expect(
            result.stderr.contains(
                "error: Fixtures/ingest/ragged-rows/input.csv: 5 of 7 rows rejected (71.42%), above the stop threshold 5%; see internal/rejects.csv"
            ))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let failed = try String(contentsOfFile: out.path + ".failed/internal/rejects.csv", encoding: .utf8)
        #expect(
            failed.contains(
                "Fixtures/ingest/ragged-rows/input.csv,3,2,,the row has 3 fields; the header has 6 (a ragged or cut-off row)"
            ))
    }

    @Test func unreadableInputExitsWithTwo() throws {
        let out = TestPaths.temporaryFolder("cli").appendingPathComponent("out")
        let result = try Self.run(["run", "--out", out.path, "Fixtures/no-such-file.csv"])
        #expect(result.status == 2)
        #expect(result.stderr == "Fixtures/no-such-file.csv: error: cannot read the file: No such file or directory\n")
        let directory = try Self.run(["run", "--out", out.path, "Fixtures"])
        #expect(directory.status == 2)
        #expect(directory.stderr == "Fixtures: error: cannot read the file: it is a directory, not a file\n")
    }

    @Test func validateChecksWithoutData() throws {
        let good = try Self.run(["validate", "Pipelines/ice-detainers.yml"])
        #expect(good.status == 0)
        #expect(
            good.stdout
                == "Pipelines/ice-detainers.yml: ok (pipeline 'ice-detainers', 25 mapped fields, 3 reports, offense table 2026.12.0 with 470 codes)\n"
        )
        let folder = TestPaths.temporaryFolder("cli")
        let bad = folder.appendingPathComponent("bad.yml").path
        try "name: x\ncolumns: {date: [D]}\nreports: [{name: r, group_by: [state]}]\n".write(
            toFile: bad, atomically: true, encoding: .utf8)
        let result = try Self.run(["validate", bad])
        #expect(result.status == 2)
        #expect(result.stderr == "\(bad): error: reports[0].group_by[0]: 'state' has no column in 'columns'\n")
    }

    @Test func inspectProfilesARelease() throws {
        let result = try Self.run(["inspect", "--top", "2", "Fixtures/sample/ice-detainers-sample.csv"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines[0...3] == [
                "file: Fixtures/sample/ice-detainers-sample.csv", "delimiter: comma",
                "header: line 7 (3 rows above it)", "records: 5000",
            ])
        #expect(lines.contains { $0.hasPrefix("16. Birth Date: filled 0.0%, missing 0.0%, redacted 100.0%") })
    }

    @Test func usageErrorsExitWith64() throws {
        let result = try Self.run(["run", "--no-such-option"])
        #expect(result.status == 64)
    }

    /// k = 0 would be "suppress nothing" by accident; the CLI refuses it before reading anything.
    @Test func minCountBelowOneIsAUsageError() throws {
        let out = TestPaths.temporaryFolder("cli").appendingPathComponent("out")
        let result = try Self.run(["run", "--min-count", "0", "--out", out.path])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: --min-count must be at least 1 (1 publishes every count), got 0\n"))
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func generatedSampleIsReproducible() throws {
        let folder = TestPaths.temporaryFolder("cli")
        let path = folder.appendingPathComponent("sample.csv").path
        let result = try Self.run(["generate-sample", "--rows", "5000", "-o", path])
        #expect(result.status == 0)
        let generated = try Data(contentsOf: URL(fileURLWithPath: path))
        let bundled = try Data(contentsOf: TestPaths.fixtures.appendingPathComponent("sample/ice-detainers-sample.csv"))
        #expect(generated == bundled, "the bundled sample must be exactly what the seeded generator writes")
    }
}
