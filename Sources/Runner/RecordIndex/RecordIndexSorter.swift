#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Sorts record index lines by key in bounded memory (an external merge sort), for `records.tsv`.
///
/// Lines gather in memory up to `runLines`; each full batch is sorted and written as a run to a
/// temporary file in `directory` (TMPDIR, else /tmp), unlinked as soon as it is created, so neither an
/// error nor a killed run leaves one behind. `finish` merges the runs — first the earliest ones
/// together while there are more than `fanIn`, then all of them into the destination — so at most
/// `runLines` lines and `fanIn` read buffers are in memory at once. The sort is stable: equal keys
/// keep the order they were added in (ties go to the earlier run). Order: `RecordIndexFormat.compare`.
final class RecordIndexSorter {
    struct Settings: Sendable, Equatable {
        /// Lines sorted in memory at once: the length of a run.
        var runLines: Int
        /// Runs merged at once.
        var fanIn: Int
        var directory: String
        /// A write that must fail (tests only).
        var fault: WriteFault?

        init(runLines: Int = 1 << 16, fanIn: Int = 64, directory: String? = nil, fault: WriteFault? = nil) {
            self.runLines = max(1, runLines)
            self.fanIn = max(2, fanIn)
            self.directory = directory ?? Self.temporaryDirectory
            self.fault = fault
        }

        /// TMPDIR, else /tmp.
        static var temporaryDirectory: String {
            let environment = getenv("TMPDIR").map { String(cString: $0) }
            return environment?.isEmpty == false ? environment! : "/tmp"
        }
    }

    /// One line in memory: its fingerprint and key (unescaped) in `arena`, from `start`.
    private struct Entry {
        var start: Int
        var fingerprintCount: Int32
        var keyCount: Int32
        var keyIsASCII: Bool
    }

    private let settings: Settings
    private let faults: WriteFault.Counter
    private var arena: [UInt8] = []
    private var entries: [Entry] = []
    private var runs: [BufferedFileWriter] = []
    private var line: [UInt8] = []
    /// Lines added, in all.
    private(set) var count = 0

    init(settings: Settings = Settings()) {
        self.settings = settings
        faults = WriteFault.Counter(settings.fault)
    }

    /// Adds a record of the file being read: its row fingerprint and its key's text.
    func add(high: UInt64, low: UInt64, key: UnsafeRawBufferPointer) throws {
        let start = arena.count
        RecordIndexFormat.appendFingerprint(high: high, low: low, to: &arena)
        try append(start: start, fingerprintCount: arena.count - start, key: key)
    }

    /// Adds a line of an index already written (fingerprint as text).
    func add(fingerprint: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer) throws {
        let start = arena.count
        arena.append(contentsOf: fingerprint)
        try append(start: start, fingerprintCount: fingerprint.count, key: key)
    }

    private func append(start: Int, fingerprintCount: Int, key: UnsafeRawBufferPointer) throws {
        arena.append(contentsOf: key)
        entries.append(
            Entry(
                start: start, fingerprintCount: Int32(fingerprintCount), keyCount: Int32(key.count),
                keyIsASCII: RecordIndexFormat.isASCII(key)))
        count += 1
        if entries.count >= settings.runLines { try spillRun() }
    }

    /// Writes the index to `path`: the two header lines, then every line added, sorted by key.
    /// Returns the file's size; on failure the file is removed and the error names it.
    func finish(writingTo path: String) throws -> Int {
        let writer = try BufferedFileWriter(path: path, fault: (faults, .index))
        do {
            try writer.write(RecordIndexFormat.scheme + "\n" + RecordIndexFormat.sortedMarker + "\n")
            try writeSorted(to: writer)
            try writer.finish()
            return writer.bytesWritten
        } catch {
            writer.close()
            _ = unlink(path)
            throw error
        }
    }

    /// Every line added, sorted, without header, in a temporary file to read back.
    func finishTemporary() throws -> BufferedFileWriter {
        let writer = try BufferedFileWriter.temporary(in: settings.directory, fault: (faults, .temporaryRun))
        try writeSorted(to: writer)
        try writer.flush()
        return writer
    }

    private func writeSorted(to writer: BufferedFileWriter) throws {
        defer { runs.removeAll() }
        if runs.isEmpty { return try writeEntries(to: writer) }
        if !entries.isEmpty { try spillRun() }
        while runs.count > settings.fanIn {
            let take = min(settings.fanIn, runs.count - settings.fanIn + 1)
            let merged = try BufferedFileWriter.temporary(in: settings.directory, fault: (faults, .temporaryRun))
            try merge(Array(runs[..<take]), into: merged)
            try merged.flush()
            merged.releaseBuffer()
            runs.replaceSubrange(..<take, with: [merged])
        }
        try merge(runs, into: writer)
    }

    /// Sorts the lines in memory and writes them to a new run.
    private func spillRun() throws {
        let run = try BufferedFileWriter.temporary(in: settings.directory, fault: (faults, .temporaryRun))
        try writeEntries(to: run)
        try run.flush()
        run.releaseBuffer()
        runs.append(run)
    }

    private func writeEntries(to writer: BufferedFileWriter) throws {
        try arena.withUnsafeBytes { bytes in
            func key(_ entry: Entry) -> UnsafeRawBufferPointer {
                let from = entry.start + Int(entry.fingerprintCount)
                return UnsafeRawBufferPointer(rebasing: bytes[from..<(from + Int(entry.keyCount))])
            }
            entries.sort { a, b in
                let order = RecordIndexFormat.compare(key(a), asciiA: a.keyIsASCII, key(b), asciiB: b.keyIsASCII)
                return order < 0 || (order == 0 && a.start < b.start)
            }
            for entry in entries {
                let fingerprint = UnsafeRawBufferPointer(
                    rebasing: bytes[entry.start..<(entry.start + Int(entry.fingerprintCount))])
                try writeLine(fingerprint: fingerprint, key: key(entry), to: writer)
            }
        }
        arena.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
    }

    private func merge(_ runs: [BufferedFileWriter], into writer: BufferedFileWriter) throws {
        let merge = try IndexMerge(runs.map { IndexSource(reader: IndexLineReader(temporary: $0), checksOrder: false) })
        while try merge.next() {
            try writeLine(fingerprint: merge.current.fingerprint, key: merge.current.key, to: writer)
        }
    }

    private func writeLine(
        fingerprint: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer, to writer: BufferedFileWriter
    ) throws {
        line.removeAll(keepingCapacity: true)
        RecordIndexFormat.appendLine(fingerprint: fingerprint, key: key, to: &line)
        try line.withUnsafeBytes { try writer.write($0) }
    }
}
