#if canImport(Glibc)
    import Glibc
#endif

/// Checks that an input can be read before anything else touches it (hashing, caching).
package enum InputFile {
    /// - Throws: `IngestError.unreadable` naming the file and why (missing, a directory, permission).
    package static func check(path: String, displayName: String) throws(IngestError) {
        close(try ByteSource.openFile(path, displayName: displayName))
    }
}

/// A file's device and inode: one identity for every path and link to it.
package struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64

    package init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }
}
