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

    /// Why a file of this kind is not read, or nil for a regular file.
    static func notRegular(_ status: stat) -> String? {
        let kind: String
        switch status.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "it is a directory, not a file"
        case S_IFIFO: kind = "a FIFO (named pipe)"
        case S_IFCHR: kind = "a character device"
        case S_IFBLK: kind = "a block device"
        case S_IFSOCK: kind = "a socket"
        default: kind = "not a regular file"
        }
        return "it is \(kind), not a regular file; only regular files are read (save the data to a file first)"
    }

    /// Opens a regular file for reading, or throws the error a user should see.
    ///
    /// Only regular files (or links to them) are read: a FIFO would block `open` until a writer
    /// comes, and a device such as `/dev/zero` never ends. Both are refused before they are opened.
    static func openFile(_ path: String, displayName: String) throws(IngestError) -> Int32 {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw .unreadable(path: displayName, reason: String(cString: strerror(errno)))
        }
        if let kind = notRegular(status) { throw .unreadable(path: displayName, reason: kind) }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: displayName, reason: String(cString: strerror(errno))) }
        guard fstat(descriptor, &status) == 0 else {
            close(descriptor)
            throw .unreadable(path: displayName, reason: String(cString: strerror(errno)))
        }
        if let kind = notRegular(status) {
            close(descriptor)
            throw .unreadable(path: displayName, reason: kind)
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
        try Self.decode(displayName: displayName, maxDecompressionRatio: maxDecompressionRatio, sink: sink) { raw in
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, Self.chunkSize) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw IngestError.unreadable(path: displayName, reason: String(cString: strerror(errno)))
                }
                if count == 0 { return }
                total += count
                try buffer.withUnsafeBytes { whole in
                    let chunk = UnsafeRawBufferPointer(rebasing: whole[0..<count])
                    onRawChunk(chunk)
                    try raw(chunk)
                }
            }
        }
        return total
    }

    /// Turns raw chunks (as stored) into decoded chunks: gzip recognised by its first two bytes and
    /// inflated, then a UTF-8 byte order mark at the very start dropped — held back until three
    /// decoded bytes are seen, so it is found whatever the chunk sizes. File and in-memory readers
    /// share it, so both read the same bytes the same way.
    /// - Parameter produce: calls its argument with every raw chunk, in order.
    static func decode(
        displayName: String, maxDecompressionRatio: Int, sink: (UnsafeRawBufferPointer) throws -> Void,
        produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws {
        // `sink` is only called while this function runs; the helpers below just need to name it.
        try withoutActuallyEscaping(sink) { sink in
            try decode(
                displayName: displayName, maxDecompressionRatio: maxDecompressionRatio, escapingSink: sink,
                produce: produce)
        }
    }

    private static func decode(
        displayName: String, maxDecompressionRatio: Int,
        escapingSink sink: @escaping (UnsafeRawBufferPointer) throws -> Void,
        produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws {
        var pending: [UInt8] = []
        var bomChecked = false
        func decoded(_ chunk: UnsafeRawBufferPointer) throws {
            guard chunk.count > 0 else { return }
            if bomChecked {
                try sink(chunk)
                return
            }
            pending.append(contentsOf: chunk)
            guard pending.count >= 3 else { return }
            bomChecked = true
            let start = pending[0] == 0xEF && pending[1] == 0xBB && pending[2] == 0xBF ? 3 : 0
            try pending[start...].withUnsafeBytes { try sink($0) }
            pending = []
        }
        var inflater: GzipInflater?
        func feed(_ chunk: UnsafeRawBufferPointer) throws {
            if let inflater {
                do { try inflater.inflate(chunk, sink: decoded) } catch let failure as GzipInflater.Failure {
                    throw IngestError(path: displayName, gzip: failure)
                }
            } else {
                try decoded(chunk)
            }
        }
        // Raw bytes held back until two are seen: the gzip magic may straddle the first chunks.
        var heldBack: [UInt8] = []
        var decided = false
        func decide() throws {
            decided = true
            if heldBack.count >= 2, heldBack[0] == 0x1F, heldBack[1] == 0x8B {
                inflater = try GzipInflater(maxRatio: maxDecompressionRatio)
            }
            let held = heldBack
            heldBack = []
            try held.withUnsafeBytes { try feed($0) }
        }
        func raw(_ chunk: UnsafeRawBufferPointer) throws {
            if decided { return try feed(chunk) }
            heldBack.append(contentsOf: chunk)
            if heldBack.count >= 2 { try decide() }
        }
        try produce(raw)
        if !decided { try decide() }  // fewer than two bytes in all: not gzip
        if let inflater {
            do { try inflater.finish() } catch { throw IngestError(path: displayName, gzip: error) }
        }
        // Fewer than three decoded bytes in all: no room for a byte order mark.
        if !bomChecked, !pending.isEmpty { try pending.withUnsafeBytes { try sink($0) } }
    }
}
