import AuditCore
import Foundation
import PipelineTestSupport
import Runner
import Testing

/// No silent loss of meaning (issue 13 item 7): grouping by a field the file lacks, and folding
/// byte-identical rows of a file without an identifier, are warnings (the manifest's warnings,
/// printed under `--quiet` too).
///
/// Input invented: the DDP detainer layout without `unique_identifier` (the duplicate key's column)
/// and without `detention_facility` (a `by_facility` grouping field), four rows of which one repeats
/// another byte for byte.
@Suite(.serialized) struct MeaningWarningsTests {
    @Test func groupingByAnAbsentFieldAndFoldingWithoutAnIdentifierWarn() throws {
        FileManager.default.changeCurrentDirectoryPath(TestPaths.packageRoot.path)
        let folder = TestPaths.temporaryFolder("meaning")
        let input = folder.appendingPathComponent("invented.csv")
        try """
        detainer_prepare_date,detainer_prepared_criminality,msc_charge_code
        2020-01-01,1 Convicted Criminal,5499
        2020-01-02,1 Convicted Criminal,5499
        2020-01-02,1 Convicted Criminal,5499
        2020-01-03,3 Other Immigration Violator,

        """.write(to: input, atomically: true, encoding: .utf8)
        var options = RunOptions(
            pipelinePath: "Pipelines/ddp-detainers.yml", inputs: [input.path],
            outputFolder: folder.appendingPathComponent("out").path,
            fixedTime: "2026-01-01T00:00:00Z")
        options.stateFolder = folder.appendingPathComponent("state").path
        let outcome = try PipelineRun(options: options).execute()
        let display = outcome.manifest.inputs[0].file.path
        #expect(
            outcome.manifest.warnings == [
                "\(display): report 'by_facility' groups by 'facility', which has no column in this file: every record of it falls in one (missing) group",
                "\(display): report 'by_lift_reason' groups by 'lift_reason', which has no column in this file: every record of it falls in one (missing) group",
                "\(display): 1 of 4 rows folded as byte-identical copies of earlier rows; the file has no identifier, so they may be distinct events that look alike (internal/duplicates.csv lists them; duplicates.exact_rows: false counts them)",
            ])
    }
}
