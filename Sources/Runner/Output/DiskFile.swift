import AuditCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Every file and folder the runner writes goes through here: each failure is a `RunnerError.disk`
/// naming the path and the system's reason (`strerror`), never a trap, and every write passes the
/// `WriteFaults` seam so tests can make any one of them fail with "No space left on device".
enum DiskFile {
    /// Creates (or truncates) `path` and writes `bytes` to it.
    static func write<Bytes: ContiguousBytes>(_ bytes: Bytes, to path: String, action: String = "write the file")
        throws(RunnerError)
    {
        let file = try AppendingFile(creating: path, action: action)
        do {
            try withBytes(bytes) { buffer throws(RunnerError) in try file.write(buffer) }
        } catch {
            file.abandon()
            throw error
        }
        try file.close()
    }

    /// `body` over the bytes, keeping its typed error (`withUnsafeBytes` rethrows untyped).
    static func withBytes<Bytes: ContiguousBytes>(
        _ bytes: Bytes, _ body: (UnsafeRawBufferPointer) throws(RunnerError) -> Void
    ) throws(RunnerError) {
        var failure: RunnerError?
        bytes.withUnsafeBytes { buffer in
            do throws(RunnerError) { try body(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Creates `path` and any missing parents.
    static func makeFolder(_ path: String, action: String = "create the folder") throws(RunnerError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        if WriteFaults.injected() { throw .disk(path: path, action: action, reason: WriteFaults.reason) }
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw .disk(path: path, action: action, reason: reason(of: error))
        }
    }

    /// The system's words for a Foundation error, without Foundation's framing.
    static func reason(of error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        return nsError.localizedDescription
    }
}

/// A file written from the start through POSIX calls, so that every failure carries `errno`.
final class AppendingFile {
    let path: String
    private let action: String
    private var descriptor: Int32

    /// Creates or truncates the file.
    init(creating path: String, action: String = "write the file") throws(RunnerError) {
        self.path = path
        self.action = action
        if WriteFaults.injected() { throw .disk(path: path, action: action, reason: WriteFaults.reason) }
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .disk(path: path, action: action, reason: Self.lastError) }
    }

    deinit { abandon() }

    func write(_ bytes: UnsafeRawBufferPointer) throws(RunnerError) {
        if let failure = WriteFaults.writeAll(descriptor, bytes) {
            throw .disk(path: path, action: action, reason: String(cString: strerror(failure)))
        }
    }

    func write(_ bytes: [UInt8]) throws(RunnerError) {
        try DiskFile.withBytes(bytes) { buffer throws(RunnerError) in try write(buffer) }
    }

    /// Closes the file; a failing close (delayed write errors on some file systems) is an error too.
    func close() throws(RunnerError) {
        guard descriptor >= 0 else { return }
        let result = Glibc.close(descriptor)
        descriptor = -1
        guard result == 0 else { throw .disk(path: path, action: action, reason: Self.lastError) }
    }

    /// Closes the file after a failure; the caller removes it with its folder.
    func abandon() {
        guard descriptor >= 0 else { return }
        _ = Glibc.close(descriptor)
        descriptor = -1
    }

    private static var lastError: String { String(cString: strerror(errno)) }
}
