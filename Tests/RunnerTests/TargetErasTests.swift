import Foundation
import PipelineTestSupport
import Runner
import Testing

/// The stated-targets file's eras since 2021: shares-only eras (`verdict: none`) and declared gaps are
/// validated like the rest of the file, before any data is read.
@Suite struct TargetErasTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var eras: String
        var gaps = ""
        /// Every problem line after `<file>: error: `, as the validator words it.
        var message: String
        var testDescription: String { name }
    }

    static let judged = """
          - id: a
            name: A
            from: "2020-01-01"
            to: "2020-12-31"
            off_target:
              - {id: r, description: d, source: s, when: {criminality: [no_criminal_record]}}
        """

    static let cases: [Case] = [
        Case(
            name: "a silent hole between eras",
            eras: judged + "\n  - {id: b, name: B, from: \"2021-02-01\", verdict: none, source: s, note: n}",
            message:
                "gaps: no era or declared gap covers the dates after 2020-12-31 (end of era 'a') until era 'b' starts on 2021-02-01; declare the gap with its reason"
        ),
        Case(
            name: "a shares-only era without its reason",
            eras: judged + "\n  - {id: b, name: B, from: \"2021-01-01\", verdict: none, source: s}",
            message: "eras[1].note: say why the era's targets cannot be judged"),
        Case(
            name: "a shares-only era with rules",
            eras: judged
                + "\n  - id: b\n    name: B\n    from: \"2021-01-01\"\n    verdict: none\n    source: s\n    note: n\n    off_target:\n      - {id: r, description: d, source: s, when: {criminality: [convicted]}}",
            message: "eras[1].off_target: an era with 'verdict: none' judges nobody; remove its rules"),
        Case(
            name: "a gap overlapping an era",
            eras: judged + "\n  - {id: b, name: B, from: \"2021-02-01\", verdict: none, source: s, note: n}",
            gaps: "gaps:\n  - {from: \"2020-12-01\", to: \"2021-01-31\", reason: r}",
            message: "gaps: gaps[0] overlaps era 'a'"),
        Case(
            name: "an unknown priority flag in unless_flags",
            eras: """
                  - id: a
                    name: A
                    from: "2020-01-01"
                    off_target:
                      - {id: r, description: d, source: s, when: {criminality: [no_criminal_record]}, unless_flags: [gang]}
                """,
            message:
                "unknown priority flag 'gang'; known flags: aggravated_felony_flag, prior_felony, multiple_prior_misd, violent_misdemeanor, criminal_street_gang, significant_risk, illegal_entry, illegal_reentry, immigration_fraud"
        ),
    ]

    func check(targets: String) throws -> String? {
        let folder = TestPaths.temporaryFolder("target-eras")
        let targetsPath = folder.appendingPathComponent("targets.yml").path
        try targets.write(toFile: targetsPath, atomically: true, encoding: .utf8)
        let pipeline = try MinimalPipeline.write(
            in: folder,
            reference: ["offenses: \(TestPaths.pipelines.path)/reference/offenses.meta.yml", "targets: \(targetsPath)"])
        do {
            _ = try PipelineCheck.check(path: pipeline)
            return nil
        } catch let error as RunnerError {
            return error.description.replacingOccurrences(of: targetsPath + ": error: ", with: "")
        }
    }

    @Test(arguments: cases)
    func refused(_ testCase: Case) throws {
        let message = try check(targets: "name: t\nversion: '1'\neras:\n\(testCase.eras)\n\(testCase.gaps)\n")
        #expect(message?.contains(testCase.message) == true, "\(message ?? "accepted")")
    }

    /// The same hole, declared with its reason, is accepted.
    @Test func aDeclaredGapIsAccepted() throws {
        let message = try check(
            targets: """
                name: t
                version: '1'
                eras:
                \(Self.judged)
                  - {id: b, name: B, from: "2021-02-01", verdict: none, source: s, note: n}
                gaps:
                  - {from: "2021-01-01", to: "2021-01-31", reason: r}
                """)
        #expect(message == nil)
    }

    /// The shipped file passes, and ends in an open era (2025-01-20 onwards).
    @Test func shippedTargetsAreValid() throws {
        let text = try String(
            contentsOf: TestPaths.pipelines.appendingPathComponent("targets/secure-communities.yml"), encoding: .utf8)
        #expect(try check(targets: text) == nil)
    }
}
