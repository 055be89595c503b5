import AuditCore
import Foundation
import PipelineTestSupport
import Runner
import Testing

/// A run warns when more than 1% of convicted records carry an MSC value no offense table row
/// matches (issue 13 item 1: 7.5% went unmapped on real releases without a word). The warning goes
/// to the manifest's warnings, which the command line prints under `--quiet` too.
///
/// Inputs are invented: the DDP detainer layout with `convicted` convictions, `unmapped` of them
/// under a name no table holds ("Invented Offense Nobody Codes") and the rest "Traffic Offense".
@Suite(.serialized) struct UnmappedOffenseWarningTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var convicted: Int
        var unmapped: Int
        var warning: String?
        var testDescription: String { "\(unmapped) of \(convicted)" }
    }

    static let cases: [Case] = [
        Case(
            convicted: 3, unmapped: 1,
            warning:
                "1 of 3 convicted records (33.33%) have an offense (MSC code or name, or the most serious convicted charge) that no offense table row matches, above 1%: their level is unclassified and they count as neither minor traffic nor immigration only; add the values in internal/unmapped.csv to the offense table"
        ),
        Case(
            convicted: 150, unmapped: 2,
            warning:
                "2 of 150 convicted records (1.33%) have an offense (MSC code or name, or the most serious convicted charge) that no offense table row matches, above 1%: their level is unclassified and they count as neither minor traffic nor immigration only; add the values in internal/unmapped.csv to the offense table"
        ),
        // Exactly 1% is not above the threshold.
        Case(convicted: 100, unmapped: 1, warning: nil),
        Case(convicted: 5, unmapped: 0, warning: nil),
    ]

    @Test(arguments: cases)
    func warnsAboveOnePercent(_ testCase: Case) throws {
        FileManager.default.changeCurrentDirectoryPath(TestPaths.packageRoot.path)
        let folder = TestPaths.temporaryFolder("unmapped")
        var lines = [
            "detainer_prepare_date,detainer_prepared_criminality,msc_charge_code,most_serious_conviction_charge"
        ]
        for index in 0..<testCase.convicted {
            // One record per day from 2020-01-01, so no two rows are alike.
            let date = Calendar(identifier: .gregorian).date(
                byAdding: .day, value: index, to: Date(timeIntervalSince1970: 1_577_836_800))!
            let day = ISO8601DateFormatter.string(
                from: date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            let offense = index < testCase.unmapped ? ",Invented Offense Nobody Codes" : "5499,Traffic Offense"
            lines.append("\(day),1 Convicted Criminal,\(offense)")
        }
        let input = folder.appendingPathComponent("invented.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: input, atomically: true, encoding: .utf8)
        var options = RunOptions(
            pipelinePath: "Pipelines/ddp-detainers.yml", inputs: [input.path],
            outputFolder: folder.appendingPathComponent("out").path,
            fixedTime: "2026-01-01T00:00:00Z")
        options.stateFolder = folder.appendingPathComponent("state").path
        // The warning does not depend on k; k = 1 spares the disclosure audit of 150 one-day groups.
        options.minCount = 1
        let outcome = try PipelineRun(options: options).execute()
        let found = outcome.manifest.warnings.filter { $0.contains("no offense table row matches") }
        #expect(found == (testCase.warning.map { [$0] } ?? []))
    }
}
