import AuditCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Appends bytes to one file through a 1 MiB buffer with POSIX `write`; every failure is thrown
/// with the file's path and the system's reason (never ignored). Each write passes the
/// process-wide `WriteFaults` seam (swept by the end-to-end tests) and this writer's own
/// `WriteFault` point (set by the sorter's unit tests).
///
/// A temporary file (`temporary(in:)`) is unlinked as soon as it is created: it lives only as long
/// as this object's descriptor, so neither an error nor a killed run leaves it behind. Read it back
/// with `IndexLineReader(temporary:)`.
final class BufferedFileWriter {
    let path: String
    let descriptor: Int32
    private var buffer: [UInt8] = []
    private let capacity: Int
    private let fault: (counter: WriteFault.Counter, point: WriteFault.Point)?
    private var closed = false
    private(set) var bytesWritten = 0

    private init(
        path: String, descriptor: Int32, capacity: Int, fault: (counter: WriteFault.Counter, point: WriteFault.Point)?
    ) {
        self.path = path
        self.descriptor = descriptor
        self.capacity = capacity
        self.fault = fault
        buffer.reserveCapacity(capacity)
    }

    /// Creates (or empties) the file at `path`.
    convenience init(
        path: String, capacity: Int = 1 << 20, fault: (counter: WriteFault.Counter, point: WriteFault.Point)? = nil
    ) throws {
        let descriptor = WriteFaults.injected() ? -1 : open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw RunnerError.disk(path: path, action: "create the file", reason: Self.reason(errno))
        }
        self.init(path: path, descriptor: descriptor, capacity: capacity, fault: fault)
    }

    /// A new temporary file in `directory`, already unlinked.
    static func temporary(
        in directory: String, capacity: Int = 256 << 10,
        fault: (counter: WriteFault.Counter, point: WriteFault.Point)? = nil
    ) throws -> BufferedFileWriter {
        var template = Array((directory + "/detention-audit-sort-XXXXXX").utf8CString)
        let descriptor =
            WriteFaults.injected() ? -1 : template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw RunnerError.disk(path: directory, action: "create a temporary file", reason: reason(errno))
        }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        _ = unlink(path)
        return BufferedFileWriter(path: path, descriptor: descriptor, capacity: capacity, fault: fault)
    }

    deinit { close() }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if buffer.count + bytes.count > capacity { try flush() }
        if bytes.count > capacity { try writeThrough(bytes) } else { buffer.append(contentsOf: bytes) }
    }

    func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

    func write(_ text: String) throws { try write(Array(text.utf8)) }

    /// Writes what is buffered.
    func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeThrough($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Gives the buffer's memory back once the file is written (a run waiting to be merged).
    func releaseBuffer() { buffer = [] }

    /// Flushes and closes the file (a temporary one is then gone).
    func finish() throws {
        try flush()
        close()
    }

    /// Closes without flushing (after a failure; the caller removes a named file).
    func close() {
        guard !closed else { return }
        closed = true
        _ = Glibc.close(descriptor)
    }

    private func writeThrough(_ bytes: UnsafeRawBufferPointer) throws {
        if let fault, let injected = fault.counter.check(fault.point) {
            throw RunnerError.disk(path: path, action: "write the file", reason: Self.reason(injected))
        }
        if let failure = WriteFaults.writeAll(descriptor, bytes) {
            throw RunnerError.disk(path: path, action: "write the file", reason: Self.reason(failure))
        }
        bytesWritten += bytes.count
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
