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

    /// Issue 13 item 7: a pipeline that leaves the aggravated-felony flag and the sentence unmapped
    /// lost level-1 records without a word. Invented file; a pipeline mapping only date and MSC code.
    @Test func aColumnSpelledLikeAnUnmappedEvidenceFieldWarns() throws {
        FileManager.default.changeCurrentDirectoryPath(TestPaths.packageRoot.path)
        let folder = TestPaths.temporaryFolder("known-columns")
        let input = folder.appendingPathComponent("invented.csv")
        try """
        Detainer Prepare Date,MSC Charge Code,Aggravated Felony Yes No,msc_sentence_days,Gender
        2020-01-01,1313,YES,400,F

        """.write(to: input, atomically: true, encoding: .utf8)
        let pipeline = folder.appendingPathComponent("p.yml")
        try """
        name: t
        columns:
          date: {names: ["Detainer Prepare Date"], required: true}
          msc_code: ["MSC Charge Code"]
        reference:
          offenses: \(TestPaths.packageRoot.path)/Pipelines/reference/offenses.meta.yml
          targets: \(TestPaths.packageRoot.path)/Pipelines/targets/secure-communities.yml
        reports:
          - name: by_year
            group_by: [fiscal_year]
        """.write(to: pipeline, atomically: true, encoding: .utf8)
        var options = RunOptions(
            pipelinePath: pipeline.path, inputs: [input.path], outputFolder: folder.appendingPathComponent("out").path,
            fixedTime: "2026-01-01T00:00:00Z")
        options.stateFolder = folder.appendingPathComponent("state").path
        let outcome = try PipelineRun(options: options).execute()
        let display = outcome.manifest.inputs[0].file.path
        #expect(
            outcome.manifest.inputs[0].unmappedKnownColumns == [
                "aggravated_felony_flag": "Aggravated Felony Yes No", "msc_sentence_days": "msc_sentence_days",
            ])
        #expect(
            outcome.manifest.warnings.filter { $0.contains("looks like ICE's") } == [
                "\(display): column 'Aggravated Felony Yes No' looks like ICE's 'aggravated_felony_flag', which the pipeline reads from no column of this file: rules that use it go without (add 'Aggravated Felony Yes No' to columns.aggravated_felony_flag in the pipeline)",
                "\(display): column 'msc_sentence_days' looks like ICE's 'msc_sentence_days', which the pipeline reads from no column of this file: rules that use it go without (add 'msc_sentence_days' to columns.msc_sentence_days in the pipeline)",
            ])
    }
}
