import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The cache's entries on disk, for keeping it within its bound.
///
/// An entry's last use is its folder's modification time, set when it is written and each time a run
/// reuses it (`markUsed`). Pruning removes the least recently used entries until the cache fits its
/// limit, never one in `keep`.
struct CacheEntries {
    let folder: String

    struct Entry {
        var key: String
        var bytes: Int
        var lastUsed: Date
    }

    static func markUsed(_ entryFolder: String) {
        try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: entryFolder)
    }

    /// Committed entries (temporaries and the lock file excluded).
    func entries() -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") }.compactMap { name in
            let path = folder + "/" + name
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                attributes[.type] as? FileAttributeType == .typeDirectory
            else { return nil }
            return Entry(
                key: name, bytes: Self.size(of: path), lastUsed: attributes[.modificationDate] as? Date ?? .distantPast)
        }
    }

    /// Removes least recently used entries outside `keep` until the total is at most `limitBytes`.
    func prune(keep: Set<String>, limitBytes: Int) -> Int {
        let all = entries()
        var total = all.reduce(0) { $0 + $1.bytes }
        var removed = 0
        for entry in all.sorted(by: { ($0.lastUsed, $0.key) < ($1.lastUsed, $1.key) })
        where total > limitBytes && !keep.contains(entry.key) {
            guard (try? FileManager.default.removeItem(atPath: folder + "/" + entry.key)) != nil else { continue }
            total -= entry.bytes
            removed += 1
        }
        return removed
    }

    private static func size(of folder: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.reduce(0) { total, name in
            total + ((try? FileManager.default.attributesOfItem(atPath: folder + "/" + name))?[.size] as? Int ?? 0)
        }
    }
}

/// A `flock` on `<cache>/.lock`: every run holds it shared while it may read or write entries;
/// pruning takes it exclusively, so it happens only when no other run is live. The kernel releases
/// it however the process ends.
final class CacheUseLock {
    private let descriptor: Int32

    init(folder: String) throws(RunnerError) {
        let path = folder + "/.lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .disk(path: path, action: "open the cache's lock file", reason: String(cString: strerror(errno)))
        }
        flock(descriptor, LOCK_SH)
    }

    deinit { close(descriptor) }

    /// Trades the shared lock for an exclusive one if no other run holds the cache.
    func tryExclusive() -> Bool { flock(descriptor, LOCK_EX | LOCK_NB) == 0 }

    func shared() { flock(descriptor, LOCK_SH) }
}
