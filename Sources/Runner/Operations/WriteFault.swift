#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A named write a test makes fail, to prove that a failed write (out of space, permission denied)
/// is an error naming the file and the system's reason and leaves nothing behind.
///
/// Set on `RecordIndexSorter.Settings` by tests; nil (always, outside tests) costs one comparison per
/// buffered write. Like `CrashPoint`, each point is one place in the code.
struct WriteFault: Sendable, Equatable {
    enum Point: Sendable, Equatable {
        /// A sorted run or an intermediate merge, in a temporary file.
        case temporaryRun
        /// The sorted record index itself (`records.tsv` in the cache entry).
        case index
    }

    var point: Point
    /// Which write at that point fails, counting across files (1: the first).
    var failing: Int
    /// The system's error the failing write reports.
    var errorNumber: Int32 = ENOSPC

    /// Counts the writes at each point and says when one must fail.
    final class Counter {
        private let fault: WriteFault?
        private var writes = 0

        init(_ fault: WriteFault?) { self.fault = fault }

        /// The error number the next write at `point` must fail with, or nil to let it through.
        func check(_ point: Point) -> Int32? {
            guard let fault, fault.point == point else { return nil }
            writes += 1
            return writes == fault.failing ? fault.errorNumber : nil
        }
    }
}
