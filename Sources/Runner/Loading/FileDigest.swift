import AuditCore
import Crypto
import Foundation
import Ingest

#if canImport(Glibc)
    import Glibc
#endif

/// SHA-256 of files, streamed, for the manifest.
enum FileDigest {
    static func of(path: String, display: String) throws -> RunManifest.HashedFile {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw RunnerError.ingest(.unreadable(path: display, reason: String(cString: strerror(errno))))
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var hasher = SHA256()
        var size = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += chunk.count
        }
        return RunManifest.HashedFile(path: display, bytes: size, sha256: hex(hasher.finalize()))
    }

    static func of(bytes: [UInt8], display: String) -> RunManifest.HashedFile {
        RunManifest.HashedFile(path: display, bytes: bytes.count, sha256: hex(SHA256.hash(data: bytes)))
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}

/// A streaming SHA-256 fed with the raw chunks ingest reads, so each input is read once.
struct StreamingDigest {
    private var hasher = SHA256()
    private(set) var bytes = 0

    mutating func update(_ chunk: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: chunk)
        bytes += chunk.count
    }

    func finalize() -> String { FileDigest.hex(hasher.finalize()) }
}
