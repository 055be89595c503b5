import AuditCore
import Foundation
import PipelineTestSupport
import Runner
import Testing

/// Every name a run writes on its own — files, the internal folder, workbook sheets — is one a
/// report may not take, so a new built-in output cannot be added without reserving its name.
@Suite(.serialized) struct BuiltInOutputNamesTests {
    /// The sample pipeline's own reports; everything else in the output is the tool's.
    static let declared: Set<String> = [
        "by_fiscal_year", "by_fiscal_year_targets", "by_fiscal_year_state", "by_fiscal_year_state_targets",
        "by_apprehension_method", "by_apprehension_method_targets",
    ]

    @Test func everyBuiltInNameOfASampleRunIsReserved() throws {
        _ = FileManager.default.changeCurrentDirectoryPath(TestPaths.packageRoot.path)
        let out = TestPaths.temporaryFolder("builtin-names").appendingPathComponent("out")
        _ = try PipelineRun(
            options: RunOptions(
                pipelinePath: "Pipelines/ice-detainers.yml", inputs: ["Fixtures/sample/ice-detainers-sample.csv"],
                outputFolder: out.path, fixedTime: "2026-01-01T00:00:00Z")
        ).execute()
        let builtIn = Set(try Self.writtenNames(out) + Self.sheetNames(out.appendingPathComponent("report.xlsx")))
            .subtracting(Self.declared)
        #expect(
            builtIn == [
                "agreement", "changes", "changes_files", "claims", "codebook", "coverage", "coverage_counts",
                "duplicates", "eras", "findings", "internal", "manifest", "ranking",
                "readme", "rejects", "report", "rules", "summary", "unmapped",
            ])
        for name in builtIn {
            #expect(BuiltInOutputs.reservation(of: name) != nil, "'\(name)' is written by the tool but not reserved")
        }
    }

    /// File and folder names under `out`, without extensions.
    static func writtenNames(_ out: URL) throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: out.path) else { throw CocoaError(.fileReadUnknown) }
        // The ownership marker starts with a dot, which no report name may.
        return walker.compactMap {
            ($0 as? String).map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension }
        }
        .filter { $0 != BuiltInOutputs.ownershipMarker }
    }

    /// The workbook's sheet names, lowercased (Excel compares them ignoring case).
    static func sheetNames(_ workbook: URL) throws -> [String] {
        let script =
            "import re,sys,zipfile; print('\\n'.join(re.findall(r'<sheet name=\"([^\"]*)\"', zipfile.ZipFile(sys.argv[1]).read('xl/workbook.xml').decode())))"
        let result = try Python.run(script, [workbook.path])
        #expect(result.status == 0)
        let text = result.stdout
        return text.split(separator: "\n").map { $0.lowercased() }
    }
}
