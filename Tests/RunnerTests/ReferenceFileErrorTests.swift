import Foundation
import PipelineTestSupport
import Runner
import Testing

/// A pipeline may point a reference at any absolute path; what the file holds never appears in an
/// error — only its path, a line, a column and what was expected.
@Suite struct ReferenceFileErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// `targets` or `offenses`.
        var reference: String
        var content: String
        /// The message after `<file>: error: `.
        var message: String
        var testDescription: String { name }
    }

    static let secret = "root:$6$S3CRET-hash-do-not-print:19000:0:99999:7:::"

    static let cases: [Case] = [
        Case(
            name: "a password file as targets", reference: "targets",
            content: secret + "\ndaemon:*:19000:0:99999:7:::\n",
            message:
                "line 1, column 1: unknown key; expected one of: description, eras, gaps, name, stray_threshold, version (a stated-targets file)"
        ),
        Case(
            name: "broken YAML as targets", reference: "targets", content: "name: x\nkey: \"S3CRET unterminated\n",
            message: "line 3, column 1: not valid YAML; expected a stated-targets file"),
        Case(
            name: "a bare line as targets", reference: "targets", content: "S3CRET-token\n",
            message: "line 1, column 1: expected a mapping"),
        Case(
            name: "a list where eras belong", reference: "targets",
            content: "name: x\nversion: '1'\neras: {S3CRET: 1}\n",
            message: "line 3, column 1: expected a list (eras)"),
        Case(
            name: "a bad date in an era", reference: "targets",
            content: "name: x\nversion: '1'\neras:\n  - id: a\n    name: b\n    from: S3CRET\n    off_target: []\n",
            message: "line 6, column 5: not a date (YYYY-MM-DD) (eras[0].from)"),
        Case(
            name: "a password file as offense metadata", reference: "offenses", content: secret + "\n",
            message:
                "line 1, column 1: missing required key 'table'; expected an offense table's metadata (table, version, file)"
        ),
        Case(
            name: "broken YAML as offense metadata", reference: "offenses", content: "table: [S3CRET\n",
            message: "line 2, column 1: not valid YAML; expected an offense table's metadata (table, version, file)"),
    ]

    @Test(arguments: cases)
    func errorNamesThePlaceNotTheContent(_ testCase: Case) throws {
        let folder = TestPaths.temporaryFolder("reference-errors")
        let file = folder.appendingPathComponent("shadow").path
        try testCase.content.write(toFile: file, atomically: true, encoding: .utf8)
        let other =
            testCase.reference == "targets"
            ? "offenses: \(TestPaths.pipelines.path)/reference/offenses.meta.yml"
            : "targets: \(TestPaths.pipelines.path)/targets/secure-communities.yml"
        let pipeline = try MinimalPipeline.write(in: folder, reference: ["\(testCase.reference): \(file)", other])
        do {
            _ = try PipelineCheck.check(path: pipeline)
            Issue.record("expected the reference file to be refused")
        } catch let error as RunnerError {
            #expect(error.description == "\(file): error: \(testCase.message)")
            #expect(!error.description.contains("S3CRET"))
            #expect(error.exitCode == 2)
        }
    }

    /// An offense table CSV that is not one: the header message names the expected columns only.
    @Test func foreignCSVAsOffenseTable() throws {
        let folder = TestPaths.temporaryFolder("reference-errors")
        try "table: t\nversion: '1'\nfile: table.csv\n".write(
            to: folder.appendingPathComponent("meta.yml"), atomically: true, encoding: .utf8)
        try "\(Self.secret),x\n\"S3CRET unterminated\n".write(
            to: folder.appendingPathComponent("table.csv"), atomically: true, encoding: .utf8)
        let pipeline = try MinimalPipeline.write(in: folder, reference: ["offenses: meta.yml"])
        do {
            _ = try PipelineCheck.check(path: pipeline)
            Issue.record("expected the offense table to be refused")
        } catch let error as RunnerError {
            #expect(!error.description.contains("S3CRET"))
            #expect(error.description.hasPrefix(folder.appendingPathComponent("table.csv").path + ": error: "))
        }
    }
}
