import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The one spelling of a path that every run agrees on: absolute, symbolic links resolved, `.` and
/// `..` folded. For a path that does not exist yet, its nearest existing ancestor is resolved and the
/// rest appended, so `--out L` (a link to `out`) and `--out out` name — and lock — the same folder.
enum CanonicalPath {
    static func of(_ path: String) -> String {
        var existing = URL(fileURLWithPath: path).standardizedFileURL.path
        var missing: [String] = []
        while true {
            if let real = realPath(existing) {
                return missing.isEmpty
                    ? real : (real == "/" ? "" : real) + "/" + missing.reversed().joined(separator: "/")
            }
            let url = URL(fileURLWithPath: existing)
            missing.append(url.lastPathComponent)
            let parent = url.deletingLastPathComponent().path
            if parent == existing { return path }
            existing = parent
        }
    }

    /// Whether `ancestor` is `path` itself or one of the folders above it (both canonical).
    static func contains(_ ancestor: String, _ path: String) -> Bool {
        ancestor == path || ancestor == "/" || path.hasPrefix(ancestor + "/")
    }

    /// Whether a symbolic link sits at `path` whose target does not exist.
    static func isDanglingLink(_ path: String) -> Bool {
        let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
        return type == .typeSymbolicLink && !FileManager.default.fileExists(atPath: path)
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
