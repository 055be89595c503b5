import AuditCore
import Foundation
import PipelineTestSupport
import Testing

@testable import Runner

/// The merge walk of the record-level change report over hand-written record indexes, and the
/// cheap rerun that reads none.
@Suite struct RecordChangesTests {
    init() { FileManager.default.changeCurrentDirectoryPath(TestPaths.packageRoot.path) }

    static let header = RecordIndexSorterTests.header
    static let listingHeader = "change,key,previous_fingerprint,current_fingerprint\r\n"

    static func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func compare(_ previous: [String], _ current: [String], in folder: URL, unchanged: Bool = false) throws -> (
        RecordChanges.Outcome, String?
    ) {
        let listing = folder.appendingPathComponent("changes_records.csv").path
        let outcome = try RecordChanges.compare(
            previous: previous, current: current, unchanged: unchanged, writingTo: listing,
            settings: .init(runLines: 3, fanIn: 2, directory: folder.path))
        return (outcome, try? String(contentsOfFile: listing, encoding: .utf8))
    }

    /// Keys spanning files count once with the first file's spelling and the last file's fingerprint;
    /// the previous run's second index is an unsorted one of an earlier version (no marker line).
    @Test func addedRemovedAndRevisedAcrossFilesInKeyOrder() throws {
        let folder = TestPaths.temporaryFolder("record-changes")
        let previous = [
            try Self.write(Self.header + "1-1\ta\n2-2\tc\n3-3\te\n", "old1.tsv", in: folder),
            try Self.write(
                "# detention-audit record index, row fingerprint v4 (XXH3-128, quoted spaces kept)\n9-9\tg\n4-4\tc\nbroken line\n5-5\tb\n",
                "old2.tsv", in: folder),
        ]
        let current = [
            try Self.write(Self.header + "1-1\ta\n4-4\tc\n7-7\tf\n", "new1.tsv", in: folder),
            try Self.write(Self.header + "6-6\tb\n8-8\tf\n9-9\tg\n", "new2.tsv", in: folder),
        ]
        let (outcome, listing) = try Self.compare(previous, current, in: folder)
        #expect(outcome.added == 1 && outcome.removed == 1 && outcome.revised == 1)
        #expect(outcome.note == "compared by the duplicate key; revised = same key, different row content")
        #expect(listing == Self.listingHeader + "revised,b,5-5,6-6\r\n" + "removed,e,3-3,\r\n" + "added,f,,8-8\r\n")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                == ["changes_records.csv", "new1.tsv", "new2.tsv", "old1.tsv", "old2.tsv"])
    }

    @Test func equalKeysAsSwiftStringsAreOneRecord() throws {
        let folder = TestPaths.temporaryFolder("record-changes-nfc")
        let previous = [try Self.write(Self.header + "2-2\tid==x\n1-1\tid=\u{E9}\n", "old.tsv", in: folder)]
        let current = [try Self.write(Self.header + "3-3\tid==x\n1-1\tid=e\u{301}\n", "new.tsv", in: folder)]
        let (outcome, listing) = try Self.compare(previous, current, in: folder)
        #expect(outcome.added == 0 && outcome.removed == 0 && outcome.revised == 1)
        #expect(listing == Self.listingHeader + "revised,id==x,2-2,3-3\r\n")
    }

    @Test func aPreviousIndexThatCannotBeUsedIsNotAvailableWithItsPathAndReason() throws {
        let folder = TestPaths.temporaryFolder("record-changes-bad")
        let current = [try Self.write(Self.header + "1-1\ta\n", "new.tsv", in: folder)]
        let unsorted = try Self.write(Self.header + "1-1\tb\n2-2\ta\n", "unsorted.tsv", in: folder)
        var (outcome, listing) = try Self.compare([unsorted], current, in: folder)
        #expect(
            outcome.note
                == "not available: the previous run's record index \(unsorted): line 4: not sorted by key, the index is damaged"
        )
        #expect(outcome.added == nil && listing == nil)
        let other = try Self.write("1-1\ta\n", "other.tsv", in: folder)
        (outcome, listing) = try Self.compare([other], current, in: folder)
        #expect(
            outcome.note
                == "not available: the previous run's record index \(other): written by another version of the tool (another row fingerprint), or not a record index"
        )
        #expect(listing == nil)
        let missing = folder.appendingPathComponent("missing.tsv").path
        (outcome, _) = try Self.compare([missing], current, in: folder)
        #expect(
            outcome.note
                == "not available: the previous run's record index \(missing): cannot open the file: No such file or directory"
        )
    }

    @Test func aDamagedCurrentIndexIsAnError() throws {
        let folder = TestPaths.temporaryFolder("record-changes-current")
        let previous = [try Self.write(Self.header + "1-1\ta\n", "old.tsv", in: folder)]
        let current = try Self.write(Self.header + "1-1 a\n", "new.tsv", in: folder)
        #expect(
            throws: RunnerError.recordIndex(
                path: current, problem: "line 3: no tab between the fingerprint and the key")
        ) {
            _ = try Self.compare(previous, [current], in: folder)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("changes_records.csv").path))
    }

    @Test func unchangedInputsAreComparedWithoutReadingAnIndex() throws {
        let folder = TestPaths.temporaryFolder("record-changes-unchanged")
        let absent = folder.appendingPathComponent("absent.tsv").path
        let (outcome, listing) = try Self.compare([absent], [absent], in: folder, unchanged: true)
        #expect(outcome.added == 0 && outcome.removed == 0 && outcome.revised == 0)
        #expect(listing == Self.listingHeader)
    }

    /// End to end: the second run over an unchanged release reuses the very cache entry, so its
    /// record index is not read — a damaged one of the same size goes unnoticed there — and a
    /// missing index makes the entry invalid and rebuilt.
    @Test func aRerunOnTheSameCacheEntriesReadsNoIndex() throws {
        let folder = TestPaths.temporaryFolder("record-changes-rerun")
        let input = folder.appendingPathComponent("release.csv").path
        try FileManager.default.copyItem(
            atPath: TestPaths.fixtures.appendingPathComponent("nightly/release-v1.csv").path, toPath: input)
        let out = folder.appendingPathComponent("out")
        _ = try NightlyRunTests.run(input, out: out)
        let cache = folder.appendingPathComponent(".detention-audit/cache")
        let entry = try #require(
            try FileManager.default.contentsOfDirectory(atPath: cache.path).first { !$0.hasPrefix(".") })
        let index = cache.appendingPathComponent(entry).appendingPathComponent("records.tsv")
        let text = try String(contentsOf: index, encoding: .utf8)
        let keys = text.split(separator: "\n").dropFirst(2).map { $0.split(separator: "\t")[1] }
        #expect(keys.first == "person_id=p01; date=2012-01-05" && keys == keys.sorted(), "sorted by key")
        try String(repeating: "x", count: text.utf8.count).write(to: index, atomically: true, encoding: .utf8)
        let second = try NightlyRunTests.run(input, out: out)
        #expect(second.cachedInputs == [input])
        #expect(second.manifest.changes?.recordsAdded == 0 && second.manifest.changes?.recordsRevised == 0)
        #expect(
            try String(contentsOf: out.appendingPathComponent("internal/changes_records.csv"), encoding: .utf8)
                == Self.listingHeader)

        try FileManager.default.removeItem(at: index)
        let third = try NightlyRunTests.run(input, out: out)
        #expect(third.cachedInputs.isEmpty, "an entry without its record index is rebuilt")
        #expect(try String(contentsOf: index, encoding: .utf8) == text)
    }
}
