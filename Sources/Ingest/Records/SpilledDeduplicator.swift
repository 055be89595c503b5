public import AuditCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds duplicates exactly as `Deduplicator` does, in memory that does not grow with the input.
///
/// `add` takes every record in file order and appends it — position, row fingerprint, key digest,
/// key text and the caller's tag — to one of `partitions` temporary files, chosen by the key's
/// digest (the row's fingerprint for a record without a complete key). Everything that decides
/// whether a record repeats another lands in the same file: identical rows have identical keys.
/// `finish` then reads one file at a time, in file order, through a fresh `Deduplicator`; a file
/// holding more than `memoryRecords` records is first split again by other bits of the hash (the
/// grace hash join's recursion). The outcome is the in-memory one, record for record: the same
/// duplicates with the same originals and the same distinct records (tested against `Deduplicator`).
///
/// The files are unlinked as soon as they are created, so a killed run leaves nothing behind; they
/// live in `directory` (TMPDIR, else /tmp) and take about 72 bytes plus the key's text per record.
public final class SpilledDeduplicator {
    public struct Settings: Sendable, Equatable {
        /// Files the records are spread over, at each level (a power of two, at most 256).
        public var partitions: Int
        /// Records one file may hold and still be de-duplicated in memory; larger ones are split.
        public var memoryRecords: Int
        /// Bytes buffered per file before it is written.
        public var bufferBytes: Int
        public var directory: String

        public init(
            partitions: Int = 64, memoryRecords: Int = 1 << 16, bufferBytes: Int = 16 << 10, directory: String? = nil
        ) {
            var power = 1
            while power < min(max(partitions, 2), 256) { power <<= 1 }
            self.partitions = power
            self.memoryRecords = max(1, memoryRecords)
            self.bufferBytes = max(SpillFile.headerBytes, bufferBytes)
            let environment = getenv("TMPDIR").map { String(cString: $0) }
            self.directory = directory ?? (environment?.isEmpty == false ? environment! : "/tmp")
        }
    }

    /// What `finish` reports for a record that repeats an earlier one.
    public struct Duplicate {
        public var position: RecordPosition
        public var original: RecordPosition
        public var kind: DuplicateRecord.Kind
        /// The key's text for a `sameKey` duplicate, else empty.
        public var key: String
        public var tag: UInt64
        public var weight: Int
    }

    private let spec: DuplicateSpec
    private let settings: Settings
    private var files: [SpillFile?]
    /// Records added, in all.
    public private(set) var count = 0
    /// The first failure to write a temporary file; `finish` throws it.
    private var failure: SpillError?

    public init(spec: DuplicateSpec, settings: Settings = Settings()) {
        self.spec = spec
        self.settings = settings
        files = Array(repeating: nil, count: settings.partitions)
    }

    /// Takes the next record in file order. `tag` and `weight` come back with a duplicate.
    public func add(
        _ position: RecordPosition, fingerprint: RowFingerprint, key: DuplicateKey?, tag: UInt64, weight: Int
    ) {
        count += 1
        guard failure == nil else { return }
        let entry = Entry(
            position: position, fingerprint: fingerprint, keyDigest: key?.digest, tag: tag, weight: weight)
        let partition = Self.partition(entry.hash, level: 0, of: settings.partitions)
        do throws(SpillError) {
            if files[partition] == nil {
                files[partition] = try SpillFile(directory: settings.directory, bufferBytes: settings.bufferBytes)
            }
            let file = files[partition]!
            var failed: SpillError?
            (key?.textBytes ?? []).withUnsafeBytes { text in
                do throws(SpillError) { try file.append(entry.words, text: key == nil ? nil : text) } catch {
                    failed = error
                }
            }
            if let failed { throw failed }
        } catch {
            failure = error
            files = []
        }
    }

    /// De-duplicates every file, one at a time, then reports: `onDistinct` for each record that
    /// repeats none (with its row fingerprint and, when its key is complete, the key's text), in no
    /// particular order; `onDuplicate` for each record that repeats an earlier one, in file order
    /// (each file's duplicates are written in file order and the files merged by record number).
    public func finish(
        onDuplicate: (Duplicate) -> Void,
        onDistinct: (RowFingerprint, UnsafeRawBufferPointer?) -> Void
    ) throws(SpillError) {
        if let failure { throw failure }
        let files = self.files.compactMap { $0 }
        self.files = []
        var decisions: [SpillFile] = []
        for file in files {
            decisions.append(try process(file, level: 0, onDistinct: onDistinct))
        }
        try Self.merge(decisions) { cursor in
            let kind: DuplicateRecord.Kind = cursor.word(4) == 1 ? .sameKey : .exactRow
            onDuplicate(
                Duplicate(
                    position: RecordPosition(
                        line: Int(truncatingIfNeeded: cursor.word(0)), record: Int(truncatingIfNeeded: cursor.word(1))),
                    original: RecordPosition(
                        line: Int(truncatingIfNeeded: cursor.word(2)), record: Int(truncatingIfNeeded: cursor.word(3))),
                    kind: kind,
                    key: kind == .sameKey
                        ? String(decoding: cursor.text ?? UnsafeRawBufferPointer(start: nil, count: 0), as: UTF8.self)
                        : "",
                    tag: cursor.word(6), weight: Int(truncatingIfNeeded: Int64(bitPattern: cursor.word(7)))))
        }
    }

    /// De-duplicates one file of records (in file order); returns its duplicates, in file order, as
    /// a file of decisions: line, record, original line, original record, kind (1: same key), 0,
    /// tag, weight, then the key's text.
    private func process(_ file: SpillFile, level: Int, onDistinct: (RowFingerprint, UnsafeRawBufferPointer?) -> Void)
        throws(SpillError) -> SpillFile
    {
        let decisions = try SpillFile(directory: settings.directory, bufferBytes: settings.bufferBytes)
        let bitsPerLevel = settings.partitions.trailingZeroBitCount
        if file.count > settings.memoryRecords && (level + 2) * bitsPerLevel <= 64 {
            // Too many for memory: split by the next bits of the hash, keeping file order in each part.
            var parts = [SpillFile?](repeating: nil, count: settings.partitions)
            try file.forEach { cursor throws(SpillError) in
                let part = Self.partition(Entry(cursor).hash, level: level + 1, of: settings.partitions)
                if parts[part] == nil {
                    parts[part] = try SpillFile(directory: settings.directory, bufferBytes: settings.bufferBytes)
                }
                try parts[part]!.append(cursor.words, text: cursor.text)
            }
            file.close()
            var partDecisions: [SpillFile] = []
            for part in parts.compactMap({ $0 }) {
                partDecisions.append(try process(part, level: level + 1, onDistinct: onDistinct))
            }
            try Self.merge(partDecisions) { cursor throws(SpillError) in
                try decisions.append(cursor.words, text: cursor.text)
            }
            return decisions
        }
        var deduplicator = Deduplicator(spec: spec)
        try file.forEach { cursor throws(SpillError) in
            let entry = Entry(cursor)
            if let found = deduplicator.find(entry.position, fingerprint: entry.fingerprint, keyDigest: entry.keyDigest)
            {
                let words = (
                    UInt64(truncatingIfNeeded: entry.position.line), UInt64(truncatingIfNeeded: entry.position.record),
                    UInt64(truncatingIfNeeded: found.original.line), UInt64(truncatingIfNeeded: found.original.record),
                    UInt64(found.kind == .sameKey ? 1 : 0), UInt64(0), entry.tag,
                    UInt64(bitPattern: Int64(entry.weight))
                )
                try decisions.append(words, text: found.kind == .sameKey ? cursor.text : nil)
            } else {
                onDistinct(entry.fingerprint, cursor.text)
            }
        }
        file.close()
        return decisions
    }

    /// Calls `body` with every record of `files` — each in order of record number (word 1) — in
    /// order of record number. Files are few (one per partition), so the smallest is found by a scan.
    private static func merge(_ files: [SpillFile], _ body: (SpillCursor) throws(SpillError) -> Void) throws(SpillError)
    {
        var cursors: [SpillCursor] = []
        for file in files {
            let cursor = try file.cursor()
            if try cursor.next() { cursors.append(cursor) }
        }
        while !cursors.isEmpty {
            var smallest = 0
            for index in cursors.indices.dropFirst() where cursors[index].word(1) < cursors[smallest].word(1) {
                smallest = index
            }
            try body(cursors[smallest])
            if try !cursors[smallest].next() { cursors.remove(at: smallest) }
        }
        for file in files { file.close() }
    }

    /// Level 0 takes the hash's top bits, each further level the next ones below.
    private static func partition(_ hash: UInt64, level: Int, of partitions: Int) -> Int {
        let bits = partitions.trailingZeroBitCount
        return Int(truncatingIfNeeded: (hash >> UInt64(64 - bits * (level + 1))) & UInt64(partitions - 1))
    }
}

/// A temporary file could not be written or read back.
public struct SpillError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// One record as spilled: line, record, row fingerprint, key digest, tag, weight, then the key's
/// text (none: no complete key).
struct Entry {
    var position: RecordPosition
    var fingerprint: RowFingerprint
    var keyDigest: RowFingerprint?
    var tag: UInt64
    var weight: Int

    init(position: RecordPosition, fingerprint: RowFingerprint, keyDigest: RowFingerprint?, tag: UInt64, weight: Int) {
        self.position = position
        self.fingerprint = fingerprint
        self.keyDigest = keyDigest
        self.tag = tag
        self.weight = weight
    }

    init(_ cursor: SpillCursor) {
        position = RecordPosition(
            line: Int(truncatingIfNeeded: cursor.word(0)), record: Int(truncatingIfNeeded: cursor.word(1)))
        fingerprint = RowFingerprint(high: cursor.word(2), low: cursor.word(3))
        keyDigest = cursor.text == nil ? nil : RowFingerprint(high: cursor.word(4), low: cursor.word(5))
        tag = cursor.word(6)
        weight = Int(truncatingIfNeeded: Int64(bitPattern: cursor.word(7)))
    }

    var words: SpillFile.Words {
        (
            UInt64(truncatingIfNeeded: position.line), UInt64(truncatingIfNeeded: position.record), fingerprint.high,
            fingerprint.low,
            keyDigest?.high ?? 0, keyDigest?.low ?? 0, tag, UInt64(bitPattern: Int64(weight))
        )
    }

    /// What picks the record's file: its key, or its row when it has no complete key.
    var hash: UInt64 { keyDigest?.high ?? fingerprint.high }
}

/// An unlinked temporary file of records — eight 64-bit words, the length of a text (all ones:
/// none) and the text — appended through a buffer, then read back in order by cursors.
public final class SpillFile {
    public typealias Words = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    static let headerBytes = 72

    private let descriptor: Int32
    private let directory: String
    private let buffer: UnsafeMutableRawBufferPointer
    private var used = 0
    public private(set) var count = 0
    private var closed = false

    public init(directory: String, bufferBytes: Int = 64 << 10) throws(SpillError) {
        var template = Array((directory + "/detention-audit-spill-XXXXXX").utf8CString)
        let descriptor =
            WriteFaults.injected() ? -1 : template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw SpillError(
                description:
                    "cannot create a temporary file in \(directory) (\(String(cString: strerror(errno)))); set TMPDIR to a writable folder"
            )
        }
        // Gone from the folder at once: the space is freed when the file is closed, even by a crash.
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.descriptor = descriptor
        self.directory = directory
        buffer = .allocate(byteCount: max(bufferBytes, Self.headerBytes), alignment: 8)
    }

    deinit {
        close()
        buffer.deallocate()
    }

    public func close() {
        guard !closed else { return }
        closed = true
        _ = Glibc.close(descriptor)
    }

    public func append(_ words: Words, text: UnsafeRawBufferPointer?) throws(SpillError) {
        let textBytes = text?.count ?? 0
        let header = (words, text.map { UInt64($0.count) } ?? UInt64.max)
        try withUnsafeBytes(of: header) { header throws(SpillError) in
            precondition(header.count == Self.headerBytes)
            if used + header.count + textBytes > buffer.count { try flush() }
            if header.count + textBytes > buffer.count {
                // A text longer than the buffer (a huge key field): straight to the file.
                try write(header)
                if let text { try write(text) }
            } else {
                UnsafeMutableRawBufferPointer(rebasing: buffer[used...]).copyMemory(from: header)
                if let text, textBytes > 0 {
                    UnsafeMutableRawBufferPointer(rebasing: buffer[(used + header.count)...]).copyMemory(from: text)
                }
                used += header.count + textBytes
            }
        }
        count += 1
    }

    private func flush() throws(SpillError) {
        try write(UnsafeRawBufferPointer(rebasing: buffer[..<used]))
        used = 0
    }

    private func write(_ bytes: UnsafeRawBufferPointer) throws(SpillError) {
        if let failure = WriteFaults.writeAll(descriptor, bytes) {
            throw SpillError(
                description:
                    "cannot write a temporary file in \(directory) (\(String(cString: strerror(failure)))); free space there or set TMPDIR to another folder"
            )
        }
    }

    /// A cursor over every record in the order appended (the file takes no more appends).
    public func cursor() throws(SpillError) -> SpillCursor {
        try flush()
        return SpillCursor(descriptor: descriptor, count: count)
    }

    /// Every record in the order appended.
    public func forEach(_ body: (SpillCursor) throws(SpillError) -> Void) throws(SpillError) {
        let cursor = try cursor()
        while try cursor.next() { try body(cursor) }
    }
}

/// Reads a `SpillFile`'s records one at a time, through its own buffer, with `pread` (several
/// cursors of different files may be open at once).
public final class SpillCursor {
    private let descriptor: Int32
    private let count: Int
    private var chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 << 10, alignment: 8)
    private var fileOffset = 0
    private var start = 0
    private var end = 0
    /// Bytes of the current record, from `start`.
    private var current = 0
    private var seen = 0

    fileprivate init(descriptor: Int32, count: Int) {
        self.descriptor = descriptor
        self.count = count
    }

    deinit { chunk.deallocate() }

    /// Word `index` (0...7) of the current record.
    public func word(_ index: Int) -> UInt64 { chunk.loadUnaligned(fromByteOffset: start + 8 * index, as: UInt64.self) }

    public var words: SpillFile.Words { (word(0), word(1), word(2), word(3), word(4), word(5), word(6), word(7)) }

    /// The current record's text (nil: none); valid until `next`.
    public var text: UnsafeRawBufferPointer? {
        word(8) == UInt64.max
            ? nil : UnsafeRawBufferPointer(rebasing: chunk[(start + SpillFile.headerBytes)..<(start + current)])
    }

    /// Moves to the next record; false at the end.
    public func next() throws(SpillError) -> Bool {
        start += current
        current = 0
        guard seen < count else { return false }
        while true {
            var need = SpillFile.headerBytes
            if end - start >= need, word(8) != UInt64.max { need += Int(word(8)) }
            if end - start >= need {
                current = need
                seen += 1
                return true
            }
            // Keep the partial record, make room for all of it, read more.
            if start > 0 {
                chunk.baseAddress!.copyMemory(from: chunk.baseAddress! + start, byteCount: end - start)
                end -= start
                start = 0
            }
            if need > chunk.count {
                let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: need, alignment: 8)
                larger.baseAddress!.copyMemory(from: chunk.baseAddress!, byteCount: end)
                chunk.deallocate()
                chunk = larger
            }
            let got = pread(descriptor, chunk.baseAddress! + end, chunk.count - end, off_t(fileOffset))
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else {
                throw SpillError(
                    description:
                        "a temporary file ended early (\(got < 0 ? String(cString: strerror(errno)) : "end of file"))")
            }
            end += got
            fileOffset += got
        }
    }
}
