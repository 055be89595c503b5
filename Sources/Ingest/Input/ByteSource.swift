#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file in large chunks, decompressing gzip transparently, in constant memory.
///
/// Gzip is recognised by its magic bytes (`1f 8b`), not by the file name. `onRawChunk` sees the bytes
/// as stored on disk (for hashing); `sink` sees the decoded bytes. A UTF-8 byte order mark at the very
/// start of the decoded stream is dropped.
struct ByteSource {
    static let chunkSize = 1 << 20

    var path: String
    /// How errors name the file.
    var displayName: String
    var maxDecompressionRatio: Int = 200

    init(path: String, displayName: String? = nil) {
        self.path = path
        self.displayName = displayName ?? path
    }

    /// Opens a regular file for reading, or throws the error a user should see.
    static func openFile(_ path: String, displayName: String) throws(IngestError) -> Int32 {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadable(path: displayName, reason: String(cString: strerror(errno))) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            close(descriptor)
            throw .unreadable(path: displayName, reason: String(cString: strerror(errno)))
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw .unreadable(path: displayName, reason: "it is a directory, not a file")
        }
        return descriptor
    }

    /// Streams the whole file. Returns the file's size on disk.
    @discardableResult
    func stream(
        onRawChunk: (UnsafeRawBufferPointer) -> Void,
        sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int {
        let descriptor = try Self.openFile(path, displayName: displayName)
        defer { close(descriptor) }

        var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        var total = 0
        var inflater: GzipInflater?
        var first = true
        var bomChecked = false
        func decoded(_ original: UnsafeRawBufferPointer) throws {
            var chunk = original
            if !bomChecked, chunk.count > 0 {
                bomChecked = true
                if chunk.count >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF {
                    chunk = UnsafeRawBufferPointer(rebasing: chunk[3...])
                }
            }
            try sink(chunk)
        }
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, Self.chunkSize) }
            if count < 0 {
                if errno == EINTR { continue }
                throw IngestError.unreadable(path: displayName, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            total += count
            try buffer.withUnsafeBytes { whole in
                let chunk = UnsafeRawBufferPointer(rebasing: whole[0..<count])
                onRawChunk(chunk)
                if first {
                    first = false
                    if count >= 2, chunk[0] == 0x1F, chunk[1] == 0x8B {
                        inflater = try GzipInflater(maxRatio: maxDecompressionRatio)
                    }
                }
                if let inflater {
                    do { try inflater.inflate(chunk, sink: decoded) } catch let failure as GzipInflater.Failure {
                        throw IngestError(path: displayName, gzip: failure)
                    }
                } else {
                    try decoded(chunk)
                }
            }
        }
        if let inflater {
            do { try inflater.finish() } catch { throw IngestError(path: displayName, gzip: error) }
        }
        return total
    }
}
