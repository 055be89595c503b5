private import CAuditZlib

/// Streams the decompressed bytes of a gzip file (one or more concatenated members).
///
/// The only file that touches zlib. A stream that ends before its trailer is `truncated`; bad data is
/// `corrupt`; output beyond `maxRatio` times the compressed input zlib has consumed so far (plus 1 MiB
/// of slack) is refused as a probable decompression bomb. Consumed, not handed over: a 1 MiB chunk of
/// a bomb would otherwise allow 200 MiB of output at once, and the parser's 64 MiB field limit would
/// stop the file first with a misleading "unbalanced quote".
final class GzipInflater {
    enum Failure: Error, Equatable {
        case corrupt(String)
        case truncated
        case ratioExceeded(Int)
    }

    private var stream = z_stream()
    private var output: [UInt8]
    private var finishedMember = false
    private var compressedIn = 0
    private var decompressedOut = 0
    private let maxRatio: Int

    init(maxRatio: Int, outputChunk: Int = 1 << 20) throws(Failure) {
        self.maxRatio = maxRatio
        output = [UInt8](repeating: 0, count: outputChunk)
        // 15 + 16: a gzip wrapper with the largest window.
        let status = inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw .corrupt("zlib could not start (status \(status))") }
    }

    deinit { inflateEnd(&stream) }

    /// Inflates one compressed chunk, calling `sink` with each run of decompressed bytes.
    func inflate(_ input: UnsafeRawBufferPointer, sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let base = input.baseAddress, input.count > 0 else { return }
        stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        while stream.avail_in > 0 {
            if finishedMember {
                // Zero padding after the last member (tape or block padding) is not another member;
                // `gzip -t` accepts it too.
                let rest = UnsafeRawBufferPointer(start: stream.next_in, count: Int(stream.avail_in))
                if rest.allSatisfy({ $0 == 0 }) {
                    stream.avail_in = 0
                    break
                }
                // Another gzip member follows the one that just ended.
                guard inflateReset(&stream) == Z_OK else { throw Failure.corrupt("cannot start the next gzip member") }
                finishedMember = false
            }
            let capacity = output.count
            let available = Int(stream.avail_in)
            let (status, produced): (Int32, Int) = output.withUnsafeMutableBytes { buffer in
                stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(capacity)
                let status = CAuditZlib.inflate(&stream, Z_NO_FLUSH)
                return (status, capacity - Int(stream.avail_out))
            }
            compressedIn += available - Int(stream.avail_in)
            if produced > 0 {
                decompressedOut += produced
                if decompressedOut > compressedIn * maxRatio + (1 << 20) { throw Failure.ratioExceeded(maxRatio) }
                try output.withUnsafeBytes { try sink(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) }
            }
            switch status {
            case Z_STREAM_END: finishedMember = true
            case Z_OK: continue
            case Z_BUF_ERROR where produced > 0: continue
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                throw Failure.corrupt(message)
            }
        }
    }

    /// Checks that the last member ended with its trailer.
    func finish() throws(Failure) {
        if !finishedMember { throw .truncated }
    }
}
