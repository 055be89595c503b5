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

        public init(partitions: Int = 64, memoryRecords: Int = 1 << 16, bufferBytes: Int = 16 << 10, directory: String? = nil) {
            var power = 1
            while power < min(max(partitions, 2), 256) { power <<= 1 }
            self.partitions = power
            self.memoryRecords = max(1, memoryRecords)
            self.bufferBytes = max(Entry.headerBytes, bufferBytes)
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
    public func add(_ position: RecordPosition, fingerprint: RowFingerprint, key: DuplicateKey?, tag: UInt64, weight: Int) {
        count += 1
        guard failure == nil else { return }
        let entry = Entry(position: position, fingerprint: fingerprint, keyDigest: key?.digest, tag: tag, weight: weight)
        let partition = Self.partition(entry.hash, level: 0, of: settings.partitions)
        do throws(SpillError) {
            if files[partition] == nil { files[partition] = try SpillFile(directory: settings.directory, bufferBytes: settings.bufferBytes) }
            let file = files[partition]!
            var failed: SpillError?
            (key?.textBytes ?? []).withUnsafeBytes { text in
                do throws(SpillError) { try file.append(entry, text: text) } catch { failed = error }
            }
            if let failed { throw failed }
        } catch {
            failure = error
            files = []
        }
    }

    /// De-duplicates every file, one at a time: `onDuplicate` for each record that repeats an earlier
    /// one and `onDistinct` (with the row fingerprint and, when the key is complete, its text) for
    /// each other one — in file order within a file, in no particular order across files.
    public func finish(
        onDuplicate: (Duplicate) -> Void,
        onDistinct: (RowFingerprint, UnsafeRawBufferPointer?) -> Void
    ) throws(SpillError) {
        if let failure { throw failure }
        let files = self.files
        self.files = []
        for file in files.compactMap({ $0 }) {
            try process(file, level: 0, onDuplicate: onDuplicate, onDistinct: onDistinct)
        }
    }

    private func process(
        _ file: SpillFile, level: Int,
        onDuplicate: (Duplicate) -> Void, onDistinct: (RowFingerprint, UnsafeRawBufferPointer?) -> Void
    ) throws(SpillError) {
        let bitsPerLevel = settings.partitions.trailingZeroBitCount
        if file.count > settings.memoryRecords && (level + 2) * bitsPerLevel <= 64 {
            // Too many for memory: split by the next bits of the hash, keeping file order in each part.
            var parts = [SpillFile?](repeating: nil, count: settings.partitions)
            try file.forEach { entry, text throws(SpillError) in
                let part = Self.partition(entry.hash, level: level + 1, of: settings.partitions)
                if parts[part] == nil { parts[part] = try SpillFile(directory: settings.directory, bufferBytes: settings.bufferBytes) }
                try parts[part]!.append(entry, text: text)
            }
            file.close()
            for part in parts.compactMap({ $0 }) {
                try process(part, level: level + 1, onDuplicate: onDuplicate, onDistinct: onDistinct)
            }
            return
        }
        var deduplicator = Deduplicator(spec: spec)
        try file.forEach { entry, text throws(SpillError) in
            if let found = deduplicator.find(entry.position, fingerprint: entry.fingerprint, keyDigest: entry.keyDigest) {
                onDuplicate(Duplicate(
                    position: entry.position, original: found.original, kind: found.kind,
                    key: found.kind == .sameKey ? String(decoding: text, as: UTF8.self) : "", tag: entry.tag, weight: entry.weight))
            } else {
                onDistinct(entry.fingerprint, entry.keyDigest == nil ? nil : text)
            }
        }
        file.close()
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

/// One record as spilled: a fixed header, then the key's text.
struct Entry {
    static let headerBytes = 72
    var position: RecordPosition
    var fingerprint: RowFingerprint
    var keyDigest: RowFingerprint?
    var tag: UInt64
    var weight: Int

    /// What picks the record's file: its key, or its row when it has no complete key.
    var hash: UInt64 { keyDigest?.high ?? fingerprint.high }
}

/// An unlinked temporary file of entries: appended through a buffer, then read back in order.
private final class SpillFile {
    private let descriptor: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    private var used = 0
    private(set) var count = 0
    private var closed = false

    init(directory: String, bufferBytes: Int) throws(SpillError) {
        var template = Array((directory + "/detention-audit-spill-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw SpillError(description: "cannot create a temporary file in \(directory) (\(String(cString: strerror(errno)))); set TMPDIR to a writable folder")
        }
        // Gone from the folder at once: the space is freed when the file is closed, even by a crash.
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.descriptor = descriptor
        buffer = .allocate(byteCount: bufferBytes, alignment: 8)
    }

    deinit {
        close()
        buffer.deallocate()
    }

    func close() {
        guard !closed else { return }
        closed = true
        _ = Glibc.close(descriptor)
    }

    func append(_ entry: Entry, text: UnsafeRawBufferPointer) throws(SpillError) {
        let words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (
            UInt64(truncatingIfNeeded: entry.position.line), UInt64(truncatingIfNeeded: entry.position.record),
            entry.fingerprint.high, entry.fingerprint.low, entry.keyDigest?.high ?? 0, entry.keyDigest?.low ?? 0,
            entry.tag, UInt64(bitPattern: Int64(entry.weight)),
            // Text length, or all ones for no key.
            entry.keyDigest == nil ? UInt64.max : UInt64(text.count))
        try withUnsafeBytes(of: words) { header throws(SpillError) in
            if used + header.count + text.count > buffer.count { try flush() }
            if header.count + text.count > buffer.count {
                // A key longer than the buffer (a huge field): straight to the file.
                try write(header)
                try write(text)
            } else {
                UnsafeMutableRawBufferPointer(rebasing: buffer[used...]).copyMemory(from: header)
                if !text.isEmpty { UnsafeMutableRawBufferPointer(rebasing: buffer[(used + header.count)...]).copyMemory(from: text) }
                used += header.count + text.count
            }
        }
        count += 1
    }

    private func flush() throws(SpillError) {
        try write(UnsafeRawBufferPointer(rebasing: buffer[..<used]))
        used = 0
    }

    private func write(_ bytes: UnsafeRawBufferPointer) throws(SpillError) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                throw SpillError(description: "cannot write a temporary file (\(String(cString: strerror(errno)))); free space or set TMPDIR to another folder")
            }
            offset += written
        }
    }

    /// Every entry in the order appended, with its key text (valid only during the call).
    func forEach(_ body: (Entry, UnsafeRawBufferPointer) throws(SpillError) -> Void) throws(SpillError) {
        try flush()
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw SpillError(description: "cannot read back a temporary file (\(String(cString: strerror(errno))))") }
        var chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: max(buffer.count, 64 << 10), alignment: 8)
        defer { chunk.deallocate() }
        var start = 0
        var end = 0
        var seen = 0
        func word(_ index: Int) -> UInt64 { chunk.loadUnaligned(fromByteOffset: start + 8 * index, as: UInt64.self) }
        while seen < count {
            // One whole entry in [start, end), or read more.
            var need = Entry.headerBytes
            if end - start >= Entry.headerBytes, word(8) != UInt64.max { need += Int(word(8)) }
            if end - start < need {
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
                let got = read(descriptor, chunk.baseAddress! + end, chunk.count - end)
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else { throw SpillError(description: "a temporary file ended early (\(got < 0 ? String(cString: strerror(errno)) : "end of file"))") }
                end += got
                continue
            }
            let length = word(8)
            let entry = Entry(
                position: RecordPosition(line: Int(truncatingIfNeeded: word(0)), record: Int(truncatingIfNeeded: word(1))),
                fingerprint: RowFingerprint(high: word(2), low: word(3)),
                keyDigest: length == UInt64.max ? nil : RowFingerprint(high: word(4), low: word(5)),
                tag: word(6), weight: Int(truncatingIfNeeded: Int64(bitPattern: word(7))))
            try body(entry, UnsafeRawBufferPointer(rebasing: chunk[(start + Entry.headerBytes)..<(start + need)]))
            start += need
            seen += 1
        }
    }
}
