import AuditCore
import Foundation
import Ingest
import PipelineTestSupport
import Runner
import Testing

/// End-to-end runs of shipped pipelines, every output compared with `Fixtures/runs/<case>/expected/`.
///
/// The real files live in `../shared/data/real` (public data, never copied into the repository);
/// their expected outputs are this project's and are committed.
@Suite(.serialized) struct RunGoldenTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var pipeline: String
        var inputs: [String]
        var real = false
        var testDescription: String { name }
    }

    static let shared = "../shared/data/real/"

    static let cases: [Case] = [
        Case(
            name: "sample", pipeline: "Pipelines/ice-detainers.yml",
            inputs: ["Fixtures/sample/ice-detainers-sample.csv"]),
        Case(
            name: "sc-counts", pipeline: "Pipelines/sc-statistics-counts.yml",
            inputs: ["Fixtures/runs/sc-counts/input.csv"]),
        Case(
            name: "real-mn-st-cloud", pipeline: "Pipelines/ddp-detainers.yml",
            inputs: [shared + "ddp-detainers-mn-st-cloud.csv"], real: true),
        Case(
            name: "real-joined-wa", pipeline: "Pipelines/ddp-detainers-joined-wa.yml",
            inputs: [shared + "ddp-detainers-joined-wa.csv"], real: true),
        Case(
            name: "real-pa", pipeline: "Pipelines/pa-detainers.yml",
            inputs: [shared + "ice-detainers-pa-2007-2015.csv"], real: true),
    ]

    init() {
        // Paths in lineage and the manifest are shown relative to the working directory.
        FileManager.default.changeCurrentDirectoryPath(TestPaths.packageRoot.path)
    }

    @Test(arguments: cases)
    func run(_ testCase: Case) throws {
        try check(testCase)
    }

    /// The sample (2.3 MB: three 1 MiB blocks) on one thread, and on three parsing threads, gives
    /// exactly the goldens the default (one thread per core) gives.
    @Test(arguments: [1, 3])
    func sampleIsTheSameOnAnyNumberOfThreads(_ threads: Int) throws {
        try check(Self.cases[0], threads: threads)
    }

    /// Duplicates found in portions of 1, 3 and 50 records over 2 to 8 temporary files (recursing
    /// several levels deep) give exactly the goldens: the sample has 104 duplicates of both kinds,
    /// the joined WA file 188 (nightly record indexes are order-free, the listings sorted).
    @Test(arguments: [(0, 1, 2), (0, 3, 8), (0, 50, 4), (3, 1, 2)])
    func duplicatesFoundInSmallPortionsAreTheSame(_ caseIndex: Int, _ memoryRecords: Int, _ partitions: Int) throws {
        try check(
            Self.cases[caseIndex],
            spill: SpilledDeduplicator.Settings(partitions: partitions, memoryRecords: memoryRecords, bufferBytes: 100))
    }

    func check(_ testCase: Case, threads: Int? = nil, spill: SpilledDeduplicator.Settings? = nil) throws {
        if testCase.real && !TestPaths.sharedDataAvailable {
            Issue.record("../shared/data/real is missing; the real-file goldens need it")
            return
        }
        let out = TestPaths.temporaryFolder(testCase.name).appendingPathComponent("out")
        var options = RunOptions(
            pipelinePath: testCase.pipeline, inputs: testCase.inputs, outputFolder: out.path,
            fixedTime: "2026-01-01T00:00:00Z")
        options.threads = threads
        if let spill { options.spill = spill }
        let outcome = try PipelineRun(options: options).execute()
        let expected = TestPaths.fixtures.appendingPathComponent("runs/\(testCase.name)/expected")
        // The workbook is binary and the HTML page is layout: OutputConsistencyTests checks their
        // numbers against the CSV files instead.
        let produced = Self.files(in: out).filter { $0 != "report.xlsx" && $0 != "report.html" }
        for file in produced {
            var text = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
            if file == "manifest.json" { text = Self.maskingHTMLEntry(text) }
            if let diff = Golden.check(text, against: expected.appendingPathComponent(file)) {
                Issue.record(Comment(rawValue: diff))
            }
        }
        if !Golden.recording {
            #expect(Self.files(in: expected) == produced, "the run wrote a different set of files than the goldens")
        }
        // Every row is accounted for, per file.
        for input in outcome.manifest.inputs {
            #expect(input.rowsRead == input.rowsCounted + input.rowsDuplicate + input.rowsRejected)
        }
        #expect(!FileManager.default.fileExists(atPath: out.path + ".failed"))
    }

    /// The manifest lists report.html's size and hash; the page's layout is not a golden.
    static func maskingHTMLEntry(_ manifest: String) -> String {
        var lines = manifest.components(separatedBy: "\n")
        for index in lines.indices
        where lines[index].contains("\"path\" : \"report.html\"") && index > 0 && index + 1 < lines.count {
            lines[index - 1] = lines[index - 1].replacingOccurrences(
                of: #"[0-9]+"#, with: "(layout)", options: .regularExpression)
            lines[index + 1] = lines[index + 1].replacingOccurrences(
                of: #""[0-9a-f]{64}""#, with: "\"(layout)\"", options: .regularExpression)
        }
        return lines.joined(separator: "\n")
    }

    /// Every file under `folder`, as relative paths, sorted.
    static func files(in folder: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        var names: [String] = []
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            // The ownership marker is not an output (OwnershipTests check it).
            if name != ".detention-audit-output",
                FileManager.default.fileExists(
                    atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory), !isDirectory.boolValue
            {
                names.append(name)
            }
        }
        return names.sorted()
    }

    /// The joined Washington file is join fan-out: 235 rows, 47 distinct (person, detainer date).
    @Test func joinedWashingtonFileCountsEachDetainerOnce() throws {
        guard TestPaths.sharedDataAvailable else {
            Issue.record("../shared/data/real is missing")
            return
        }
        let out = TestPaths.temporaryFolder("wa").appendingPathComponent("out")
        let outcome = try PipelineRun(
            options: RunOptions(
                pipelinePath: "Pipelines/ddp-detainers-joined-wa.yml",
                inputs: [Self.shared + "ddp-detainers-joined-wa.csv"], outputFolder: out.path)
        ).execute()
        #expect(outcome.manifest.totals.rowsRead == 235)
        #expect(outcome.manifest.totals.rowsCounted == 47)
        #expect(outcome.manifest.totals.rowsDuplicate == 188)
    }

    /// The Pennsylvania file has no offense data: severity is unknown for every record, never guessed.
    @Test func pennsylvaniaSeverityIsUnknown() throws {
        guard TestPaths.sharedDataAvailable else {
            Issue.record("../shared/data/real is missing")
            return
        }
        let out = TestPaths.temporaryFolder("pa").appendingPathComponent("out")
        _ = try PipelineRun(
            options: RunOptions(
                pipelinePath: "Pipelines/pa-detainers.yml", inputs: [Self.shared + "ice-detainers-pa-2007-2015.csv"],
                outputFolder: out.path,
                unsuppressed: true)
        ).execute()
        // The unsuppressed internal copy: the check is about labels, not disclosure control.
        let table = try String(
            contentsOf: out.appendingPathComponent("internal/unsuppressed_by_fiscal_year.csv"), encoding: .utf8)
        let rows = table.split(separator: "\r\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = rows[0]
        for row in rows.dropFirst() {
            let value = { (name: String) in row[header.firstIndex(of: name)!] }
            #expect(value("records") == value("criminality_unknown"))
            #expect(value("records") == value("unclassified"))
            #expect(value("level_1") == "0" && value("level_2") == "0" && value("level_3") == "0")
        }
        #expect(rows.dropFirst().map { Int($0[1])! }.reduce(0, +) == 32_757)
    }
}
