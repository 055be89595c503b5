package import AuditCore

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
package final class SpilledDeduplicator {
    package struct Settings: Sendable, Equatable {
        /// Files the records are spread over, at each level (a power of two, at most 256).
        package var partitions: Int
        /// Records one file may hold and still be de-duplicated in memory; larger ones are split.
        package var memoryRecords: Int
        /// Bytes buffered per file before it is written.
        package var bufferBytes: Int
        package var directory: String

        package init(
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
    package struct Duplicate {
        package var position: RecordPosition
        package var original: RecordPosition
        package var kind: DuplicateRecord.Kind
        /// The key's text for a `sameKey` duplicate, else empty.
        package var key: String
        package var tag: UInt64
        package var weight: Int
    }

    private let spec: DuplicateSpec
    private let settings: Settings
    private var files: [SpillFile?]
    /// Records added, in all.
    package private(set) var count = 0
    /// The first failure to write a temporary file; `finish` throws it.
    private var failure: SpillError?

    package init(spec: DuplicateSpec, settings: Settings = Settings()) {
        self.spec = spec
        self.settings = settings
        files = Array(repeating: nil, count: settings.partitions)
    }

    /// Takes the next record in file order. `tag` and `weight` come back with a duplicate.
    package func add(
        _ position: RecordPosition, fingerprint: RowFingerprint, key: DuplicateKey?, tag: UInt64, weight: Int
    ) {
        count += 1
        guard failure == nil else { return }
        let entry = SpilledRecord(
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
    package func finish(
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
            let decision = SpilledDecision(cursor)
            onDuplicate(
                Duplicate(
                    position: decision.position, original: decision.original, kind: decision.kind,
                    key: decision.kind == .sameKey
                        ? String(decoding: cursor.text ?? UnsafeRawBufferPointer(start: nil, count: 0), as: UTF8.self)
                        : "",
                    tag: decision.tag, weight: decision.weight))
        }
    }

    /// De-duplicates one file of records (in file order); returns its duplicates, in file order, as
    /// a file of `SpilledDecision`s.
    private func process(_ file: SpillFile, level: Int, onDistinct: (RowFingerprint, UnsafeRawBufferPointer?) -> Void)
        throws(SpillError) -> SpillFile
    {
        let decisions = try SpillFile(directory: settings.directory, bufferBytes: settings.bufferBytes)
        let bitsPerLevel = settings.partitions.trailingZeroBitCount
        if file.count > settings.memoryRecords && (level + 2) * bitsPerLevel <= 64 {
            // Too many for memory: split by the next bits of the hash, keeping file order in each part.
            var parts = [SpillFile?](repeating: nil, count: settings.partitions)
            try file.forEach { cursor throws(SpillError) in
                let part = Self.partition(SpilledRecord(cursor).hash, level: level + 1, of: settings.partitions)
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
            let entry = SpilledRecord(cursor)
            if let found = deduplicator.find(entry.position, fingerprint: entry.fingerprint, keyDigest: entry.keyDigest)
            {
                let words = SpilledDecision(
                    position: entry.position, original: found.original, kind: found.kind, tag: entry.tag,
                    weight: entry.weight
                ).words
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
