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

    init(destination: String) throws {
        let url = URL(fileURLWithPath: destination).standardizedFileURL
        self.destination = url.path
        let parent = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        staging = parent + "/.\(name).staging-\(ProcessInfo.processInfo.processIdentifier)"
        Self.removeAbandonedStaging(parent: parent, name: name)
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: staging) { try FileManager.default.removeItem(atPath: staging) }
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            throw RunnerError.outputFolder(path: destination, reason: error.localizedDescription)
        }
    }

    /// The staged path of an output file: a plain name, or one inside `internal/` (row-level and
    /// unsuppressed outputs). Names are the tool's own or validated report names, never data.
    func path(_ name: String) -> String {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        precondition(parts.count == 1 || (parts.count == 2 && parts[0] == "internal"), "output names are plain file names")
        precondition(!parts.contains { $0.isEmpty || $0.hasPrefix(".") }, "output names are plain file names")
        if parts.count == 2 {
            try? FileManager.default.createDirectory(atPath: staging + "/internal", withIntermediateDirectories: true)
        }
        return staging + "/" + name
    }

    /// Every file written so far, as paths relative to the folder, sorted.
    func files() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: staging)
        var names: [String] = []
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: staging + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue { names.append(name) }
        }
        return names.sorted()
    }

    func write(_ bytes: [UInt8], to name: String) throws {
        guard FileManager.default.createFile(atPath: path(name), contents: Data(bytes)) else {
            throw RunnerError.outputFolder(path: path(name), reason: "cannot create the file")
        }
    }

    /// Makes the staged outputs the current ones, atomically.
    func publish() throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: destination) {
            guard audit_rename_exchange(staging, destination) == 0 else {
                throw RunnerError.outputFolder(path: destination, reason: "cannot swap in the new outputs: \(String(cString: strerror(errno)))")
            }
            CrashPoint.swapped.reach()
            try? manager.removeItem(atPath: staging)
        } else {
            guard rename(staging, destination) == 0 else {
                throw RunnerError.outputFolder(path: destination, reason: "cannot move the new outputs into place: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Staging folders left by runs that died (their pid no longer exists).
    private static func removeAbandonedStaging(parent: String, name: String) {
        let prefix = ".\(name).staging-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(prefix) {
            guard let pid = Int32(entry.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { try? FileManager.default.removeItem(atPath: parent + "/" + entry) }
        }
    }

    /// Keeps the staged outputs as `<destination>.failed` and returns that path.
    func keepAsFailed() -> String {
        let failed = destination + ".failed"
        try? FileManager.default.removeItem(atPath: failed)
        if (try? FileManager.default.moveItem(atPath: staging, toPath: failed)) == nil { return staging }
        return failed
    }

    func discard() { try? FileManager.default.removeItem(atPath: staging) }
}
