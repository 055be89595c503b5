#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file's lines (each ended by LF; the last one may lack it) through a 64 KiB buffer that
/// grows only for a longer line; every failure is thrown with the file's path and the system's reason.
final class IndexLineReader {
    let path: String
    private let descriptor: Int32
    /// A temporary file's writer, which owns the descriptor; nil when this reader opened the file.
    private let owner: BufferedFileWriter?
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var fileOffset = 0
    private var endOfFile = false
    /// Lines returned so far (the current line's number, from 1).
    private(set) var lineNumber = 0

    init(path: String, bufferBytes: Int = 64 << 10) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw RunnerError.disk(path: path, action: "open the file", reason: BufferedFileWriter.reason(errno))
        }
        self.path = path
        self.descriptor = descriptor
        owner = nil
        buffer = .allocate(byteCount: max(bufferBytes, 16), alignment: 8)
    }

    /// Reads back a finished temporary file from its start.
    init(temporary: BufferedFileWriter, bufferBytes: Int = 64 << 10) {
        path = temporary.path
        descriptor = temporary.descriptor
        owner = temporary
        buffer = .allocate(byteCount: max(bufferBytes, 16), alignment: 8)
    }

    deinit {
        if owner == nil { _ = close(descriptor) }
        buffer.deallocate()
    }

    /// The next line without its LF, valid until the next call; nil at the end of the file.
    func next() throws -> UnsafeRawBufferPointer? {
        var searched = start
        while true {
            if let newline = memchr(buffer.baseAddress! + searched, 10, end - searched) {
                let lineEnd = buffer.baseAddress!.distance(to: newline)
                defer { start = lineEnd + 1 }
                lineNumber += 1
                return UnsafeRawBufferPointer(rebasing: buffer[start..<lineEnd])
            }
            if endOfFile {
                guard start < end else { return nil }
                defer { start = end }
                lineNumber += 1
                return UnsafeRawBufferPointer(rebasing: buffer[start..<end])
            }
            searched = end - start
            try fill()
        }
    }

    /// Keeps the partial line at the buffer's start, makes room and reads more.
    private func fill() throws {
        if start > 0 {
            buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: end - start)
            end -= start
            start = 0
        }
        if end == buffer.count {
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 8)
            larger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: end)
            buffer.deallocate()
            buffer = larger
        }
        while true {
            let got = pread(descriptor, buffer.baseAddress! + end, buffer.count - end, off_t(fileOffset))
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else {
                throw RunnerError.disk(path: path, action: "read the file", reason: BufferedFileWriter.reason(errno))
            }
            if got == 0 { endOfFile = true }
            end += got
            fileOffset += got
            return
        }
    }
}
