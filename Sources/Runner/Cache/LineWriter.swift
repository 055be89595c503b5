import Foundation

/// Appends text lines to a file through a 1 MiB buffer, so per-record side files cost no memory.
///
/// A failed write is kept and thrown by `close()`, so the per-record callers stay simple and no
/// failure is lost.
final class LineWriter {
    private let file: AppendingFile
    private var buffer: [UInt8] = []
    private var failure: RunnerError?

    init(path: String) throws(RunnerError) {
        file = try AppendingFile(creating: path, action: "write a record index")
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(10)
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        if failure == nil {
            do { try file.write(buffer) } catch { failure = error }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and closes the file; throws the first write that failed.
    func close() throws(RunnerError) {
        flush()
        if let failure {
            file.abandon()
            throw failure
        }
        try file.close()
    }

    /// Closes the file after a failure elsewhere (it is removed with its folder).
    func abandon() { file.abandon() }
}
