import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive, non-blocking lock per output folder, so two runs never write the same outputs.
///
/// `flock(2)` on `<parent>/.<name>.lock`: the kernel releases it when the process ends, however it
/// ends (SIGKILL included), so a crashed run never leaves a stale lock. The file holds the owner's pid
/// for the message a refused run prints.
final class RunLock {
    private let descriptor: Int32
    let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// - Parameter outputFolder: the canonical folder (`CanonicalPath`), so every spelling of it —
    ///   a symbolic link included — takes the same lock.
    /// - Throws: `RunnerError.locked` when another run holds the lock.
    static func acquire(outputFolder: String) throws -> RunLock {
        let url = URL(fileURLWithPath: outputFolder).standardizedFileURL
        let parent = url.deletingLastPathComponent().path
        try DiskFile.makeFolder(parent, action: "create the folder for the outputs")
        let path = parent + "/.\(url.lastPathComponent).lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw RunnerError.disk(path: path, action: "open the lock file", reason: String(cString: strerror(errno)))
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = read(descriptor, &buffer, 31)
            close(descriptor)
            let owner =
                count > 0
                ? String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                : "?"
            throw RunnerError.locked(outputFolder: url.path, pid: owner)
        }
        ftruncate(descriptor, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(descriptor, $0, strlen($0)) }
        return RunLock(descriptor: descriptor, path: path)
    }
}
