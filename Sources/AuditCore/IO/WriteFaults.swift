import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A test seam that makes the Nth write of a process fail with `ENOSPC`, so that every write site's
/// error path — outputs, staging, cache, history, spill files, listings — can be proven to fail
/// cleanly without filling a real disk.
///
/// `DETENTION_AUDIT_FAIL_WRITE=N` (1-based) makes the Nth call of `injected()` report a failure;
/// every later call succeeds. A test sweeps N upwards until a run succeeds: then every write site
/// the run reaches has failed once. Unset (always, outside tests) it costs one comparison per write.
package enum WriteFaults {
    private static let failAt: Int? = ProcessInfo.processInfo.environment["DETENTION_AUDIT_FAIL_WRITE"].flatMap(
        Int.init)
    private static let counter = Counter()

    /// Whether this write is to fail; sets `errno` to `ENOSPC` when it is.
    package static func injected() -> Bool {
        guard failAt != nil else { return false }
        let number = counter.next()
        guard number == failAt else { return false }
        errno = ENOSPC
        return true
    }

    /// Writes all of `bytes` to `descriptor` (retrying short writes and `EINTR`), through the seam.
    /// - Returns: nil when everything was written, else the `errno` of the failing write.
    package static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var offset = 0
        while offset < bytes.count {
            let written = injected() ? -1 : write(descriptor, base + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return written == 0 ? EIO : errno }
            offset += written
        }
        return nil
    }

    /// The system's reason for an injected failure, as `strerror` words it.
    package static var reason: String { String(cString: strerror(ENOSPC)) }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0

        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            count += 1
            return count
        }
    }
}
