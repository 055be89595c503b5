import AuditCore
import Foundation
import PipelineTestSupport
import Runner
import Testing

/// Nightly operation: incremental runs give identical outputs, a corrupt cache is rebuilt, and the
/// change report shows a revised, a withdrawn and a new record between two versions of a release.
@Suite(.serialized) struct NightlyRunTests {
    init() { FileManager.default.changeCurrentDirectoryPath(TestPaths.packageRoot.path) }

    static func run(_ input: String, out: URL, cache: Bool = true) throws -> RunOutcome {
        var options = RunOptions(
            pipelinePath: "Pipelines/ice-detainers.yml", inputs: [input], outputFolder: out.path,
            fixedTime: "2026-01-01T00:00:00Z")
        options.useCache = cache
        options.quiet = true
        return try PipelineRun(options: options).execute()
    }

    /// Files that must be byte-identical between runs over the same inputs (the change reports and the
    /// manifest that summarises them differ by design: the first run has no previous run).
    static func comparable(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
            if isDirectory.boolValue || name.hasPrefix("changes") || name.hasPrefix("internal/changes")
                || name == "manifest.json"
            {
                continue
            }
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return files
    }

    @Test func secondRunSkipsParsingAndWritesIdenticalOutputs() throws {
        let folder = TestPaths.temporaryFolder("nightly")
        let input = folder.appendingPathComponent("release.csv").path
        try FileManager.default.copyItem(atPath: "Fixtures/sample/ice-detainers-sample.csv", toPath: input)
        let out = folder.appendingPathComponent("out")
        let first = try Self.run(input, out: out)
        #expect(first.cachedInputs.isEmpty)
        let firstFiles = try Self.comparable(out)

        let second = try Self.run(input, out: out)
        #expect(second.cachedInputs == [input])
        #expect(try Self.comparable(out) == firstFiles)
        #expect(second.manifest.changes?.groupValuesChanged == 0)
        #expect(second.manifest.changes?.filesUnchanged == 1)

        // A full run without the cache writes the same outputs.
        let fresh = folder.appendingPathComponent("fresh")
        _ = try Self.run(input, out: fresh, cache: false)
        #expect(try Self.comparable(fresh) == firstFiles)

        // A corrupt cache entry is detected and rebuilt, never trusted.
        let cacheFolder = folder.appendingPathComponent(".detention-audit/cache")
        let entry = try FileManager.default.contentsOfDirectory(atPath: cacheFolder.path).first { !$0.hasPrefix(".") }!
        let resultPath = cacheFolder.appendingPathComponent(entry).appendingPathComponent("result.json")
        var json = try String(contentsOf: resultPath, encoding: .utf8)
        json = json.replacingOccurrences(of: "\"rows_counted\":4875", with: "\"rows_counted\":4874")
        try json.write(to: resultPath, atomically: true, encoding: .utf8)
        let third = try Self.run(input, out: out)
        #expect(third.cachedInputs.isEmpty, "a tampered entry must be rebuilt")
        #expect(try Self.comparable(out) == firstFiles)
        try "not json".write(to: resultPath, atomically: true, encoding: .utf8)
        #expect(try Self.run(input, out: out).cachedInputs.isEmpty)
        #expect(try Self.run(input, out: out).cachedInputs == [input])

        // So is an entry whose listing part (kept beside result.json, streamed into the published
        // listing) was edited or lost: the published duplicates listing comes from a fresh read.
        let part = cacheFolder.appendingPathComponent(entry).appendingPathComponent("duplicates.csv")
        let rows = try String(contentsOf: part, encoding: .utf8)
        #expect(rows.components(separatedBy: "\r\n").count - 1 == 104, "the sample's 104 duplicates, no header")
        try rows.replacingOccurrences(of: "same_key", with: "exact_row").write(
            to: part, atomically: true, encoding: .utf8)
        #expect(try Self.run(input, out: out).cachedInputs.isEmpty, "an edited listing part must be rebuilt")
        #expect(try Self.comparable(out) == firstFiles)
        try FileManager.default.removeItem(at: part)
        #expect(try Self.run(input, out: out).cachedInputs.isEmpty, "a missing listing part must be rebuilt")
        #expect(try Self.comparable(out) == firstFiles)
        #expect(try Self.run(input, out: out).cachedInputs == [input])
        // No part folder is left in the published outputs.
        #expect(!FileManager.default.fileExists(atPath: fresh.appendingPathComponent(".parts").path))
    }

    @Test func changesShowRevisedWithdrawnAndNewRecords() throws {
        let folder = TestPaths.temporaryFolder("changes")
        let input = folder.appendingPathComponent("release.csv").path
        let out = folder.appendingPathComponent("out")
        try FileManager.default.copyItem(atPath: "Fixtures/nightly/release-v1.csv", toPath: input)
        let first = try Self.run(input, out: out)
        #expect(first.manifest.changes?.previousRunID == nil)

        try FileManager.default.removeItem(atPath: input)
        try FileManager.default.copyItem(atPath: "Fixtures/nightly/release-v2.csv", toPath: input)
        let second = try Self.run(input, out: out)
        let changes = try #require(second.manifest.changes)
        #expect(changes.previousRunID == 1)
        #expect(changes.filesChanged == 1)
        #expect(changes.recordsAdded == 1 && changes.recordsRemoved == 1 && changes.recordsRevised == 1)
        let records = try String(
            contentsOf: out.appendingPathComponent("internal/changes_records.csv"), encoding: .utf8)
        let lines = records.split(separator: "\r\n").map { $0.split(separator: ",").prefix(2).joined(separator: ",") }
        #expect(
            lines == [
                "change,key", "revised,person_id=p03; date=2012-01-07", "removed,person_id=p07; date=2012-03-04",
                "added,person_id=p09; date=2012-04-01",
            ])
        let table = try String(contentsOf: out.appendingPathComponent("changes.csv"), encoding: .utf8)
        // FY2012 lost a no-record detainer (p07) and gained a pending one (p09); p03 moved from minor
        // traffic to DUI. Every count that moved is hidden in one run or both (8 records, k = 10), so
        // changes.csv lists none of them: no previous value or difference of a hidden cell (issue 16).
        #expect(table == "report,group,measure,previous,current,change\r\n")
        #expect(changes.groupValuesChanged == 0)
        let files = try String(contentsOf: out.appendingPathComponent("changes_files.csv"), encoding: .utf8)
        #expect(files.contains("\(input),changed,"))

        let history = try RunHistory(path: folder.appendingPathComponent(".detention-audit/history.sqlite").path).runs(
            limit: 10)
        #expect(history.map(\.status) == ["ok", "ok"])
        #expect(history.map(\.rowsCounted) == [8, 8])
        #expect(history.map(\.inputs) == [1, 1])
    }

    /// Record indexes written by a version of the tool with another row fingerprint (no scheme line)
    /// are not compared: record-level changes are "not available" instead of every record revised.
    @Test func recordIndexesOfAnotherFingerprintSchemeAreNotCompared() throws {
        let folder = TestPaths.temporaryFolder("scheme")
        let input = folder.appendingPathComponent("release.csv").path
        let out = folder.appendingPathComponent("out")
        try FileManager.default.copyItem(atPath: "Fixtures/nightly/release-v1.csv", toPath: input)
        _ = try Self.run(input, out: out)
        // Make the first run's index look like an older version's: no scheme line.
        let cache = folder.appendingPathComponent(".detention-audit/cache")
        var rewritten = 0
        for case let name as String in FileManager.default.enumerator(atPath: cache.path)!
        where name.hasSuffix("records.tsv") {
            let path = cache.appendingPathComponent(name).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasPrefix("# detention-audit record index"))
            try String(text.drop { $0 != "\n" }.dropFirst()).write(toFile: path, atomically: true, encoding: .utf8)
            rewritten += 1
        }
        #expect(rewritten == 1)
        try FileManager.default.removeItem(atPath: input)
        try FileManager.default.copyItem(atPath: "Fixtures/nightly/release-v2.csv", toPath: input)
        let second = try Self.run(input, out: out)
        let changes = try #require(second.manifest.changes)
        #expect(changes.recordsRevised == nil)
        #expect(changes.recordLevelNote.contains("another version of the tool"))
    }

    @Test func failedRunsAreRecordedWithTheirExitCode() throws {
        let folder = TestPaths.temporaryFolder("failed")
        let out = folder.appendingPathComponent("out")
        #expect(throws: RunnerError.self) { try Self.run("Fixtures/ingest/ragged-rows/input.csv", out: out) }
        let runs = try RunHistory(path: folder.appendingPathComponent(".detention-audit/history.sqlite").path).runs(
            limit: 5)
        #expect(runs.map(\.status) == ["rejected"])
        #expect(runs.map(\.exitCode) == [3])
    }
}
