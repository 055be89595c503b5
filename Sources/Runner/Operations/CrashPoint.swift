import Foundation

/// Named points in a run where a test can stop the process to prove that outputs survive a crash.
///
/// When the environment variable `DETENTION_AUDIT_PAUSE_AT` names a point, the run prints
/// `paused at <point>` to standard error and sleeps there, so a test can send SIGKILL at exactly that
/// moment. Unset (always, outside tests), a point costs one dictionary lookup.
enum CrashPoint: String {
    /// The lock is held, nothing written yet.
    case locked
    /// One input file has been read into a temporary cache entry, not yet committed.
    case caching
    /// One input file has been read and cached.
    case fileDone = "file-done"
    /// Every output is staged, nothing published.
    case staged
    /// The new outputs are in place, the old ones not yet removed, history not yet written.
    case swapped

    func reach() {
        guard ProcessInfo.processInfo.environment["DETENTION_AUDIT_PAUSE_AT"] == rawValue else { return }
        FileHandle.standardError.write(Data("paused at \(rawValue)\n".utf8))
        Thread.sleep(forTimeInterval: 60)
    }
}
