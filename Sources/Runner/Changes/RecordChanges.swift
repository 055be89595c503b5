import Foundation
import Reports

#if canImport(Glibc)
    import Glibc
#endif

/// The record-level part of the change report, `internal/changes_records.csv`: each record added,
/// removed or revised (same duplicate key, different row fingerprint) between the previous
/// successful run into the output folder and this one, in key order.
///
/// Both runs' record indexes are sorted by key (`RecordIndexSorter`, stored sorted in each input's
/// cache entry), so one merge walk over the two streams finds every change with a few read buffers
/// in memory, whatever the number of records. A run's inputs are merged file by file; a key found
/// in several files (or twice in one) counts once, with the first spelling and the last
/// fingerprint — what one dictionary over all the files gave before.
enum RecordChanges {
    /// What the manifest says about the record-level comparison.
    struct Outcome {
        var added: Int?
        var removed: Int?
        var revised: Int?
        var note: String
    }

    static let comparedNote = "compared by the duplicate key; revised = same key, different row content"
    static let notCachedNote = "not available: the previous run's per-file record index is no longer in the cache"

    /// The previous run's index files, one per input in order (nil with a note when there are none),
    /// or nil and the note to record.
    static func previousIndexes(
        previous: [RunHistory.Input]?, cache: ResultCache?, keyDeclared: Bool
    ) -> (paths: [String]?, note: String) {
        guard let previous else { return (nil, "no earlier successful run into this output folder") }
        guard keyDeclared else {
            return (nil, "not available: the pipeline declares no duplicate key to identify records")
        }
        let keys = previous.compactMap(\.cacheKey)
        guard let cache, keys.count == previous.count else { return (nil, notCachedNote) }
        let paths = keys.map { cache.recordIndexPath($0) }
        if let missing = paths.first(where: { !FileManager.default.fileExists(atPath: $0) }) {
            return (nil, "not available: the previous run's record index \(missing) is no longer in the cache")
        }
        return (paths, comparedNote)
    }

    /// Writes `internal/changes_records.csv` to `path` comparing the previous run's indexes with
    /// this run's. `unchanged`: every input was a cache hit on the very entries the previous run
    /// used, so nothing can differ and no index is read. A previous index that cannot be read (or is
    /// of another version) makes the comparison "not available", naming the file and the reason, and
    /// leaves no listing; a failure on this run's side is thrown.
    static func compare(
        previous: [String], current: [String], unchanged: Bool, writingTo path: String,
        settings: RecordIndexSorter.Settings
    ) throws -> Outcome {
        let listing = try ChangeListing(path: path)
        do {
            let tally =
                unchanged
                ? (0, 0, 0) : try walk(previous: previous, current: current, settings: settings, listing: listing)
            try listing.finish()
            return Outcome(added: tally.0, removed: tally.1, revised: tally.2, note: comparedNote)
        } catch let error as RunnerError where error.concernsOneOf(previous) {
            try listing.discard()
            return Outcome(note: "not available: the previous run's record index \(error.problemText)")
        } catch {
            try? listing.discard()  // the staging folder goes with the failed run anyway
            throw error
        }
    }

    /// One merge walk over both runs' records in key order; returns (added, removed, revised).
    private static func walk(
        previous: [String], current: [String], settings: RecordIndexSorter.Settings, listing: ChangeListing
    ) throws -> (Int, Int, Int) {
        let old = try RunIndex(paths: previous, settings: settings)
        let new = try RunIndex(paths: current, settings: settings)
        var (hasOld, hasNew) = (try old.next(), try new.next())
        var tally = (0, 0, 0)
        while hasOld || hasNew {
            let order = !hasOld ? 1 : !hasNew ? -1 : old.compareKey(with: new)
            if order < 0 {
                tally.1 += 1
                try listing.append("removed", key: old.key, previous: old.fingerprint, current: nil)
                hasOld = try old.next()
            } else if order > 0 {
                tally.0 += 1
                try listing.append("added", key: new.key, previous: nil, current: new.fingerprint)
                hasNew = try new.next()
            } else {
                if old.fingerprint != new.fingerprint {
                    tally.2 += 1
                    try listing.append("revised", key: old.key, previous: old.fingerprint, current: new.fingerprint)
                }
                (hasOld, hasNew) = (try old.next(), try new.next())
            }
        }
        return tally
    }
}

/// One run's records across its input files, in key order, each key once: its first spelling and
/// its last fingerprint (files in input order, lines in file order).
final class RunIndex {
    private let merge: IndexMerge
    /// Temporary sorted copies of indexes an earlier version wrote unsorted; kept open while read.
    private let sortedCopies: [BufferedFileWriter]
    private var pending = false
    private var started = false
    private(set) var key: [UInt8] = []
    private(set) var keyIsASCII = true
    private(set) var fingerprint: [UInt8] = []

    init(paths: [String], settings: RecordIndexSorter.Settings) throws {
        var sources: [IndexSource] = []
        var copies: [BufferedFileWriter] = []
        for path in paths {
            let reader = try IndexLineReader(path: path)
            let first = try reader.next().map { String(decoding: $0, as: UTF8.self) }
            guard first == RecordIndexFormat.scheme else {
                throw RunnerError.recordIndex(
                    path: path,
                    problem: "written by another version of the tool (another row fingerprint), or not a record index")
            }
            guard let second = try reader.next() else { continue }
            if String(decoding: second, as: UTF8.self) == RecordIndexFormat.sortedMarker {
                sources.append(IndexSource(reader: reader, checksOrder: true))
            } else {
                let copy = try Self.sortedCopy(of: reader, firstLine: second, settings: settings)
                copies.append(copy)
                sources.append(IndexSource(reader: IndexLineReader(temporary: copy), checksOrder: false))
            }
        }
        merge = try IndexMerge(sources)
        sortedCopies = copies
    }

    /// An index an earlier version wrote in record order, keys not escaped, sorted into a temporary
    /// file (lines without a tab skipped, as that version's reader did).
    private static func sortedCopy(
        of reader: IndexLineReader, firstLine: UnsafeRawBufferPointer, settings: RecordIndexSorter.Settings
    ) throws -> BufferedFileWriter {
        let sorter = RecordIndexSorter(settings: settings)
        var scratch: [UInt8] = []
        var line: UnsafeRawBufferPointer? = firstLine
        while let current = line {
            if let parts = RecordIndexFormat.split(current, escaped: false, scratch: &scratch) {
                try sorter.add(fingerprint: parts.fingerprint, key: parts.key)
            }
            line = try reader.next()
        }
        return try sorter.finishTemporary()
    }

    /// Moves to the next key; false at the end.
    func next() throws -> Bool {
        if !started {
            started = true
            pending = try merge.next()
        }
        guard pending else { return false }
        let first = merge.current
        key.removeAll(keepingCapacity: true)
        key.append(contentsOf: first.key)
        keyIsASCII = first.keyIsASCII
        fingerprint.removeAll(keepingCapacity: true)
        fingerprint.append(contentsOf: first.fingerprint)
        while true {
            pending = try merge.next()
            guard pending, compareKey(merge.current.key, merge.current.keyIsASCII) == 0 else { return true }
            fingerprint.removeAll(keepingCapacity: true)
            fingerprint.append(contentsOf: merge.current.fingerprint)
        }
    }

    func compareKey(with other: RunIndex) -> Int {
        other.key.withUnsafeBytes { compareKey($0, other.keyIsASCII) }
    }

    private func compareKey(_ other: UnsafeRawBufferPointer, _ otherIsASCII: Bool) -> Int {
        key.withUnsafeBytes { RecordIndexFormat.compare($0, asciiA: keyIsASCII, other, asciiB: otherIsASCII) }
    }
}

/// `internal/changes_records.csv` streamed to the staging folder 64 KiB at a time.
private final class ChangeListing {
    private let writer: BufferedFileWriter
    private var document = CSVDocument(header: ["change", "key", "previous_fingerprint", "current_fingerprint"])

    init(path: String) throws { writer = try BufferedFileWriter(path: path) }

    func append(_ change: String, key: [UInt8], previous: [UInt8]?, current: [UInt8]?) throws {
        func cell(_ bytes: [UInt8]?) -> CSVDocument.Cell {
            bytes.map { .text(String(decoding: $0, as: UTF8.self)) } ?? .empty
        }
        document.append([.text(change), cell(key), cell(previous), cell(current)])
        if document.data.count >= 64 << 10 { try flush() }
    }

    private func flush() throws {
        try writer.write(document.data)
        document.removeAll()
    }

    func finish() throws {
        try flush()
        try writer.finish()
    }

    /// Removes the partial listing: a comparison that is not available leaves none.
    func discard() throws {
        writer.close()
        guard unlink(writer.path) == 0 || errno == ENOENT else {
            throw RunnerError.disk(
                path: writer.path, action: "remove a partial listing", reason: BufferedFileWriter.reason(errno))
        }
    }
}

extension RunnerError {
    /// A record index problem or a disk failure on one of `paths`.
    fileprivate func concernsOneOf(_ paths: [String]) -> Bool {
        switch self {
        case .recordIndex(let path, _), .disk(let path, _, _): paths.contains(path)
        default: false
        }
    }

    /// `path: problem` (or `path: cannot action: reason`), for a note.
    fileprivate var problemText: String {
        switch self {
        case .recordIndex(let path, let problem): "\(path): \(problem)"
        case .disk(let path, let action, let reason): "\(path): cannot \(action): \(reason)"
        default: description
        }
    }
}
