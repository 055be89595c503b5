import Foundation
import PipelineTestSupport
import Testing

@testable import Runner

/// The external sort behind the record indexes and the merge walk of the record-level change
/// report, in runs of three lines so that several runs and merge levels occur. Every expectation is
/// written out by hand.
@Suite struct RecordIndexSorterTests {
    static let header =
        "# detention-audit record index, row fingerprint v4 (XXH3-128, quoted spaces kept)\n# sorted by key; key text escaped (\\\\, \\n, \\r)\n"

    static func sorter(_ folder: URL, runLines: Int = 3, fanIn: Int = 2, fault: WriteFault? = nil) -> RecordIndexSorter
    {
        RecordIndexSorter(settings: .init(runLines: runLines, fanIn: fanIn, directory: folder.path, fault: fault))
    }

    static func add(_ sorter: RecordIndexSorter, _ fingerprint: String, _ key: String) throws {
        try Array(fingerprint.utf8).withUnsafeBytes { f in
            try Array(key.utf8).withUnsafeBytes { try sorter.add(fingerprint: f, key: $0) }
        }
    }

    static func leftovers(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
    }

    @Test func tenLinesInRunsOfThreeMergeTwoAtATimeStably() throws {
        let folder = TestPaths.temporaryFolder("sort")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("tmp"), withIntermediateDirectories: true)
        let sorter = Self.sorter(folder.appendingPathComponent("tmp"))
        // Four runs (3, 3, 3, 1 lines); fan-in 2: the first two runs are merged, then two again, then the last two.
        for (fingerprint, key) in [
            ("1-1", "k"), ("2-2", "c"), ("3-3", "h"), ("4-4", "a"), ("5-5", "c"), ("6-6", "j"),
            ("7-7", "b"), ("8-8", "c"), ("9-9", "aa"), ("a-a", ""),
        ] {
            try Self.add(sorter, fingerprint, key)
        }
        let index = folder.appendingPathComponent("records.tsv")
        let bytes = try sorter.finish(writingTo: index.path)
        let expected = Self.header + "a-a\t\n4-4\ta\n9-9\taa\n7-7\tb\n2-2\tc\n5-5\tc\n8-8\tc\n3-3\th\n6-6\tj\n1-1\tk\n"
        #expect(try String(contentsOf: index, encoding: .utf8) == expected)
        #expect(bytes == expected.utf8.count)
        #expect(sorter.count == 10)
        #expect(try Self.leftovers(folder.appendingPathComponent("tmp")).isEmpty, "runs are unlinked when created")
    }

    @Test func fingerprintsAreWrittenAsTheIndexAlwaysSpelledThem() throws {
        let folder = TestPaths.temporaryFolder("sort-hex")
        let sorter = Self.sorter(folder)
        try Array("b".utf8).withUnsafeBytes { try sorter.add(high: 0xab, low: 0x1, key: $0) }
        try Array("a".utf8).withUnsafeBytes { try sorter.add(high: 0, low: 0xffff_0000_0000_0000, key: $0) }
        let index = folder.appendingPathComponent("records.tsv")
        _ = try sorter.finish(writingTo: index.path)
        #expect(try String(contentsOf: index, encoding: .utf8) == Self.header + "0-ffff000000000000\ta\nab-1\tb\n")
    }

    /// Tabs stay (the first tab ends the fingerprint); backslash, LF and CR are escaped; order is
    /// Swift's string order (byte order for ASCII, "z" before "é").
    @Test func keysWithTabsLineBreaksBackslashesAndAccentsRoundTrip() throws {
        let folder = TestPaths.temporaryFolder("sort-odd")
        let sorter = Self.sorter(folder)
        let keys = [
            "person_id=\u{E9}", "person_id=a\tb", "person_id=a\nb", "person_id=a\\n", "person_id=z", "person_id=a\r\nb",
        ]
        for (number, key) in keys.enumerated() { try Self.add(sorter, "\(number)-0", key) }
        let index = folder.appendingPathComponent("records.tsv")
        _ = try sorter.finish(writingTo: index.path)
        let expected =
            Self.header
            + "1-0\tperson_id=a\tb\n" + "2-0\tperson_id=a\\nb\n" + "5-0\tperson_id=a\\r\\nb\n"
            + "3-0\tperson_id=a\\\\n\n"
            + "4-0\tperson_id=z\n" + "0-0\tperson_id=\u{E9}\n"
        #expect(try String(contentsOf: index, encoding: .utf8) == expected)

        let reader = try IndexLineReader(path: index.path)
        _ = try reader.next()
        _ = try reader.next()
        let source = IndexSource(reader: reader, checksOrder: true)
        var read: [String] = []
        while try source.advance() { read.append(String(decoding: source.key, as: UTF8.self)) }
        #expect(
            read == [
                "person_id=a\tb", "person_id=a\nb", "person_id=a\r\nb", "person_id=a\\n", "person_id=z",
                "person_id=\u{E9}",
            ])
    }

    @Test func aFailedRunWriteNamesTheFileAndLeavesNothing() throws {
        let folder = TestPaths.temporaryFolder("sort-fault")
        let temporary = folder.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let sorter = Self.sorter(temporary, fault: WriteFault(point: .temporaryRun, failing: 2))
        try Self.add(sorter, "1-1", "c")
        try Self.add(sorter, "2-2", "b")
        try Self.add(sorter, "3-3", "a")
        let error = try #require(throws: RunnerError.self) {
            for key in ["f", "e", "d"] { try Self.add(sorter, "4-4", key) }
        }
        guard case .disk(let path, let action, let reason) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(path.hasPrefix(temporary.path + "/detention-audit-sort-"))
        #expect(action == "write the file" && reason == "No space left on device")
        #expect(
            error.description
                == "\(path): error: cannot write the file: No space left on device\nhint: free space on that disk, or choose a folder on another one (--out, --state, --history, TMPDIR)"
        )
        #expect(try Self.leftovers(temporary).isEmpty)
    }

    @Test func aFailedIndexWriteRemovesTheIndexAndEveryRun() throws {
        let folder = TestPaths.temporaryFolder("sort-fault-index")
        let temporary = folder.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let sorter = Self.sorter(temporary, fault: WriteFault(point: .index, failing: 1, errorNumber: EACCES))
        for key in ["g", "f", "e", "d", "c", "b", "a"] { try Self.add(sorter, "1-1", key) }
        let index = folder.appendingPathComponent("records.tsv")
        #expect(throws: RunnerError.disk(path: index.path, action: "write the file", reason: "Permission denied")) {
            _ = try sorter.finish(writingTo: index.path)
        }
        #expect(!FileManager.default.fileExists(atPath: index.path))
        #expect(try Self.leftovers(temporary).isEmpty)
    }

    @Test func anUnwritableTemporaryFolderIsAnErrorNamingIt() throws {
        let missing = TestPaths.temporaryFolder("sort-missing").appendingPathComponent("absent").path
        let sorter = RecordIndexSorter(settings: .init(runLines: 1, directory: missing))
        #expect(
            throws: RunnerError.disk(
                path: missing, action: "create a temporary file", reason: "No such file or directory")
        ) {
            try Self.add(sorter, "1-1", "a")
        }
    }
}
