import CAuditSystem
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a run's outputs into a staging folder beside the destination and swaps it in only when
/// complete, so readers never see half-written outputs.
///
/// The staging folder is `.<name>.staging-<pid>` in the destination's parent. On success it is
/// swapped with the previous outputs in one atomic `renameat2(RENAME_EXCHANGE)` (or renamed into
/// place when there were none), then the old outputs, now at the staging path, are removed. A run
/// killed at any moment leaves the destination holding one complete run's outputs; leftover staging
/// folders of dead runs are removed by the next run. On failure the staged folder is kept as
/// `<name>.failed` for inspection, and the previous outputs stay as they were.
struct OutputFolder {
    let destination: String
    let staging: String

    /// - Parameter destination: the canonical folder, already checked by `OutputDestination`.
    init(destination: String) throws(RunnerError) {
        self.destination = destination
        let url = URL(fileURLWithPath: destination)
        let parent = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        staging = parent + "/.\(name).staging-\(ProcessInfo.processInfo.processIdentifier)"
        Self.removeAbandonedStaging(parent: parent, name: name)
        try DiskFile.makeFolder(parent, action: "create the folder for the outputs")
        if FileManager.default.fileExists(atPath: staging) { try Self.remove(staging) }
        do {
            try DiskFile.makeFolder(staging + "/internal", action: "create the staging folder for the outputs")
            try DiskFile.write(
                Array(OutputDestination.markerText.utf8), to: staging + "/" + OutputDestination.markerName)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
    }

    /// The staged path of an output file: a plain name, or one inside `internal/` (row-level and
    /// unsuppressed outputs). Names are the tool's own or validated report names, never data.
    func path(_ name: String) -> String {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        precondition(
            parts.count == 1 || (parts.count == 2 && parts[0] == "internal"), "output names are plain file names")
        precondition(!parts.contains { $0.isEmpty || $0.hasPrefix(".") }, "output names are plain file names")
        return staging + "/" + name
    }

    /// Every output file written so far, as paths relative to the folder, sorted (the ownership
    /// marker is not an output).
    func files() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: staging)
        var names: [String] = []
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard name != OutputDestination.markerName else { continue }
            if FileManager.default.fileExists(atPath: staging + "/" + name, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                names.append(name)
            }
        }
        return names.sorted()
    }

    func write(_ bytes: [UInt8], to name: String) throws(RunnerError) {
        try DiskFile.write(bytes, to: path(name), action: "write an output file")
    }

    /// Makes the staged outputs the current ones, atomically — only over a folder this tool wrote.
    func publish() throws(RunnerError) {
        if FileManager.default.fileExists(atPath: destination) {
            guard OutputDestination.isReplaceable(destination) else {
                throw .outputRefused(
                    path: destination,
                    reason: "it changed during the run and now holds files detention-audit did not write")
            }
            guard audit_rename_exchange(staging, destination) == 0 else {
                throw .disk(
                    path: destination, action: "swap in the new outputs", reason: String(cString: strerror(errno)))
            }
            CrashPoint.swapped.reach()
            try? FileManager.default.removeItem(atPath: staging)
        } else {
            guard rename(staging, destination) == 0 else {
                throw .disk(
                    path: destination, action: "move the new outputs into place",
                    reason: String(cString: strerror(errno)))
            }
        }
    }

    /// Staging folders left by runs that died (their pid no longer exists) — only ones this tool
    /// made (marked, or empty: a run killed before it wrote the marker).
    private static func removeAbandonedStaging(parent: String, name: String) {
        let prefix = ".\(name).staging-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(prefix)
        {
            guard let pid = Int32(entry.dropFirst(prefix.count)), pid != getpid() else { continue }
            let path = parent + "/" + entry
            if kill(pid, 0) != 0 && errno == ESRCH && OutputDestination.isReplaceable(path) {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
    }

    /// Keeps the staged outputs as `<destination>.failed` and returns that path; an existing
    /// `.failed` that this tool did not write is left alone and the staging folder kept instead.
    func keepAsFailed() -> String {
        let failed = destination + ".failed"
        if FileManager.default.fileExists(atPath: failed) {
            guard OutputDestination.isReplaceable(failed), (try? FileManager.default.removeItem(atPath: failed)) != nil
            else { return staging }
        }
        if (try? FileManager.default.moveItem(atPath: staging, toPath: failed)) == nil { return staging }
        return failed
    }

    func discard() { try? FileManager.default.removeItem(atPath: staging) }

    private static func remove(_ path: String) throws(RunnerError) {
        do { try FileManager.default.removeItem(atPath: path) } catch {
            throw .disk(path: path, action: "remove a leftover staging folder", reason: DiskFile.reason(of: error))
        }
    }
}
