import AuditCore
import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Per-input-file partial results, keyed by everything that could change them.
///
/// Key: SHA-256 of the tool version, the executable's identity (path, size, modification time), the
/// pipeline file's hash, every reference table's hashes and the
/// input file's hash. An entry is a folder `<key>/` with `result.json` (the `FileResult`, its key
/// fields repeated, and the SHA-256 of its payload), the file's listing parts (`rejects.csv`,
/// `duplicates.csv`, `findings.csv`: data rows, each with its size and SHA-256 in the result) and,
/// when the pipeline declares a duplicate key, `records.tsv` (one line per counted record with a
/// complete key, sorted by key, for the change report: `RecordIndexFormat`). Entries are written to a
/// temporary folder and renamed into place, so a crash never leaves half an entry. An entry that does
/// not decode, whose key fields or checksum do not match, is reported and rebuilt — never trusted.
struct ResultCache {
    let folder: String
    /// Held shared while this run may use entries; pruning needs it exclusively (no other live run).
    private let use: CacheUseLock

    struct Entry: Codable {
        var key: String
        var toolVersion: String
        var inputSHA256: String
        var payloadSHA256: String
        var result: FileResult
    }

    enum Lookup {
        case hit(FileResult)
        case miss
        /// An entry existed but could not be trusted; the reason is logged.
        case invalid(String)
    }

    init(folder: String) throws(RunnerError) {
        self.folder = folder
        try DiskFile.makeFolder(folder, action: "create the cache folder")
        use = try CacheUseLock(folder: folder)
        removeAbandonedTemporaries()
    }

    /// The running executable's size and modification time: a rebuilt binary (rules changed without a
    /// version bump) never reuses results an older build cached.
    static let buildIdentity: String = {
        let path =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "unknown-build" }
        let size = (attributes[.size] as? Int) ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path)|\(size)|\(modified)"
    }()

    static func key(inputSHA256: String, pipelineSHA256: String, references: [RunManifest.ReferenceTable]) -> String {
        var hasher = SHA256()
        for part in [ToolInfo.version, buildIdentity, pipelineSHA256, inputSHA256]
            + references.flatMap({ $0.files.map(\.sha256) })
        {
            hasher.update(data: Data((part + "\n").utf8))
        }
        return FileDigest.hex(hasher.finalize())
    }

    func entryFolder(_ key: String) -> String { folder + "/" + key }
    func recordIndexPath(_ key: String) -> String { recordIndexPath(inFolder: entryFolder(key)) }
    func recordIndexPath(inFolder folder: String) -> String { folder + "/records.tsv" }

    func load(key: String, inputSHA256: String) -> Lookup {
        let path = entryFolder(key) + "/result.json"
        guard let data = FileManager.default.contents(atPath: path) else { return .miss }
        guard let entry = try? JSONDecoder().decode(Entry.self, from: data) else {
            return .invalid("\(path) does not decode")
        }
        guard entry.key == key, entry.toolVersion == ToolInfo.version, entry.inputSHA256 == inputSHA256 else {
            return .invalid("\(path) was written for other inputs")
        }
        guard let payload = try? Self.payloadHash(entry.result), payload == entry.payloadSHA256 else {
            return .invalid("\(path) fails its checksum")
        }
        for part in [entry.result.rejects, entry.result.duplicates, entry.result.findings]
        where !part.verify(in: entryFolder(key)) {
            return .invalid("\(entryFolder(key))/\(part.name) is missing or fails its checksum")
        }
        // The record index is only checked by its size here (reading it would cost a rerun time in
        // proportion to the records); the change report checks its header and order as it reads it.
        if let index = entry.result.recordIndex {
            let size = (try? FileManager.default.attributesOfItem(atPath: recordIndexPath(key)))?[.size] as? Int
            guard size == index.bytes else {
                return .invalid("\(recordIndexPath(key)) is missing or not the size it was written with")
            }
        }
        CacheEntries.markUsed(entryFolder(key))
        return .hit(entry.result)
    }

    static let temporaryPrefix = ".tmp-"

    /// A fresh temporary entry folder to write into; `commit` moves it into place.
    func begin(key: String) throws(RunnerError) -> String {
        let temporary = folder + "/\(Self.temporaryPrefix)\(key)-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: temporary)
        try DiskFile.makeFolder(temporary, action: "create a cache entry")
        return temporary
    }

    /// Writes the entry's result into `temporary` and moves it into place; on failure the temporary
    /// folder is removed and the error thrown.
    func commit(key: String, temporary: String, inputSHA256: String, result: FileResult) throws(RunnerError) {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let entry = Entry(
                key: key, toolVersion: ToolInfo.version, inputSHA256: inputSHA256,
                payloadSHA256: try Self.payloadHash(result), result: result)
            let bytes = try encoder.encode(entry)
            try DiskFile.write(bytes, to: temporary + "/result.json", action: "write a cache entry")
        } catch let error as RunnerError {
            discard(temporary: temporary)
            throw error
        } catch {
            discard(temporary: temporary)
            throw .disk(path: temporary + "/result.json", action: "encode a cache entry", reason: "\(error)")
        }
        let destination = entryFolder(key)
        try? FileManager.default.removeItem(atPath: destination)
        guard rename(temporary, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            discard(temporary: temporary)
            throw .disk(path: destination, action: "move a cache entry into place", reason: reason)
        }
    }

    /// Temporary entries of runs that died (their pid no longer exists) — a run killed while it
    /// wrote the cache leaves one.
    private func removeAbandonedTemporaries() {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        where name.hasPrefix(Self.temporaryPrefix) {
            guard let pid = name.split(separator: "-").last.flatMap({ Int32($0) }), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { try? FileManager.default.removeItem(atPath: folder + "/" + name) }
        }
    }

    /// Removes entries beyond `limitBytes`, least recently used first, keeping `keep` (the keys of
    /// this run and of the last run into each output folder). Skipped while another run uses the
    /// cache: it may be about to read any entry.
    /// - Returns: how many entries were removed, or nil when another run was using the cache.
    @discardableResult
    func prune(keep: Set<String>, limitBytes: Int) -> Int? {
        guard use.tryExclusive() else { return nil }
        defer { use.shared() }
        return CacheEntries(folder: folder).prune(keep: keep, limitBytes: limitBytes)
    }

    func discard(temporary: String) { try? FileManager.default.removeItem(atPath: temporary) }

    func remove(key: String) { try? FileManager.default.removeItem(atPath: entryFolder(key)) }

    private static func payloadHash(_ result: FileResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return FileDigest.hex(SHA256.hash(data: try encoder.encode(result)))
    }
}
