import AuditCore
import Foundation
import PipelineTestSupport
import Runner
import SampleData
import Testing

/// The independent attacker (`Tests/python/attacker.py`: SciPy's HiGHS over the published files and
/// the identities the README documents) against whole runs: no hidden cell whose true value is
/// 1…k−1 — shown `<k` or `x` — may have an interval narrower than [1, k−1], and every interval the
/// attacker computes must hold the true value (read from `--unsuppressed`'s internal copies).
@Suite(.serialized) struct DisclosureAttackerTests {
    struct Verdict: Decodable {
        var k: Int
        var audited: Int
        var narrowedPrimary: Int
        var narrowedSmallHidden: Int
        var smallHiddenAudited: Int
        var soundnessChecked: Int
        var unsound: Int

        enum CodingKeys: String, CodingKey {
            case k, audited, unsound
            case narrowedPrimary = "narrowed_primary"
            case narrowedSmallHidden = "narrowed_small_hidden"
            case smallHiddenAudited = "small_hidden_audited"
            case soundnessChecked = "soundness_checked"
        }
    }

    static func attack(_ out: URL) throws -> Verdict {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", TestPaths.packageRoot.appendingPathComponent("Tests/python/attacker.py").path, out.path,
            "--unsuppressed", "--small-hidden",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "attacker failed: \(String(decoding: data, as: UTF8.self))")
        return try JSONDecoder().decode(Verdict.self, from: data)
    }

    static func run(pipeline: String, inputs: [String], out: URL, state: URL) throws -> RunManifest {
        var options = RunOptions(
            pipelinePath: pipeline, inputs: inputs, outputFolder: out.path, fixedTime: "2026-01-01T00:00:00Z",
            unsuppressed: true)
        options.stateFolder = state.path
        options.quiet = true
        return try PipelineRun(options: options).execute().manifest
    }

    /// The bundled sample with the default pipeline.
    @Test func defaultSampleRunSurvivesTheAttacker() throws {
        FileManager.default.changeCurrentDirectoryPath(TestPaths.packageRoot.path)
        let folder = TestPaths.temporaryFolder("attacker-default")
        let out = folder.appendingPathComponent("out")
        let manifest = try Self.run(
            pipeline: "Pipelines/ice-detainers.yml", inputs: ["Fixtures/sample/ice-detainers-sample.csv"], out: out,
            state: folder.appendingPathComponent("state"))
        let record = try #require(manifest.disclosure)
        #expect(record.primaryNarrowed == 0 && record.primaryNotAudited == 0)
        #expect(record.intervalsChecked == 2 * record.cellsPrimary)
        let verdict = try Self.attack(out)
        #expect(verdict.k == 10)
        #expect(verdict.smallHiddenAudited > 3000)
        #expect(verdict.narrowedPrimary == 0 && verdict.narrowedSmallHidden == 0)
        #expect(verdict.soundnessChecked == verdict.audited && verdict.unsound == 0)
    }

    /// Finer reports (fiscal year × state × method, state, month, citizenship) on a generated
    /// sample, run twice into one folder with a revised release the second time, so changes.csv is
    /// populated and the attacker reads it with everything else.
    @Test func finerReportsAndASecondRunSurviveTheAttacker() throws {
        FileManager.default.changeCurrentDirectoryPath(TestPaths.packageRoot.path)
        let folder = TestPaths.temporaryFolder("attacker-finer")
        let pipeline = folder.appendingPathComponent("finer.yml")
        let base = try String(contentsOfFile: "Pipelines/ice-detainers.yml", encoding: .utf8)
        let head = try #require(base.components(separatedBy: "\nreports:\n").first)
        try
            (head.replacingOccurrences(
                of: "offenses: reference/offenses.meta.yml",
                with:
                    "offenses: \(TestPaths.pipelines.path)/reference/offenses.meta.yml\n  targets: \(TestPaths.pipelines.path)/targets/secure-communities.yml"
            )
                + """

                reports:
                  - name: by_fiscal_year_state_method
                    group_by: [fiscal_year, state, apprehension_method]
                  - name: by_state
                    group_by: [state]
                  - name: by_month
                    group_by: [month]
                  - name: by_citizenship
                    group_by: [citizenship]

                """).write(to: pipeline, atomically: true, encoding: .utf8)
        let input = folder.appendingPathComponent("release.csv").path
        let out = folder.appendingPathComponent("out")
        let state = folder.appendingPathComponent("state")
        for rows in [300, 330] {
            var options = SampleGenerator.Options()
            options.rows = rows
            try SampleGenerator(options: options).write(toPath: input)
            let manifest = try Self.run(pipeline: pipeline.path, inputs: [input], out: out, state: state)
            #expect(manifest.disclosure?.primaryNarrowed == 0)
        }
        let changes = try String(contentsOf: out.appendingPathComponent("changes.csv"), encoding: .utf8)
        #expect(changes.split(separator: "\r\n").count > 10)
        #expect(!changes.contains("<") && !changes.contains(",x,"))
        let verdict = try Self.attack(out)
        #expect(verdict.smallHiddenAudited > 1000)
        #expect(verdict.narrowedPrimary == 0 && verdict.narrowedSmallHidden == 0)
        #expect(verdict.soundnessChecked == verdict.audited && verdict.unsound == 0)
    }
}
