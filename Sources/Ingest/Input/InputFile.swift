#if canImport(Glibc)
import Glibc
#endif

/// Checks that an input can be read before anything else touches it (hashing, caching).
public enum InputFile {
    /// - Throws: `IngestError.unreadable` naming the file and why (missing, a directory, permission).
    public static func check(path: String, displayName: String) throws(IngestError) {
        close(try ByteSource.openFile(path, displayName: displayName))
    }
}
