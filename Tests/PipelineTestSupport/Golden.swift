public import Foundation

/// Compares produced text with a golden file, showing a line diff on mismatch.
///
/// Set `RECORD_GOLDENS=1` in the environment to (re)write the golden files instead of comparing;
/// review the diff in git before committing.
public enum Golden {
    public static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" }

    /// Returns nil when `actual` equals the golden at `path` (or it was recorded), else a diff.
    public static func check(_ actual: String, against path: URL) -> String? {
        if recording {
            try? FileManager.default.createDirectory(
                at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actual.write(to: path, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOf: path, encoding: .utf8) else {
            return "missing golden file \(path.path); run the tests with RECORD_GOLDENS=1 to create it"
        }
        return expected == actual ? nil : diff(expected: expected, actual: actual, name: path.lastPathComponent)
    }

    /// A short unified-style listing of the first differing lines.
    public static func diff(expected: String, actual: String, name: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var lines = ["golden \(name) differs (expected -, actual +); RECORD_GOLDENS=1 re-records:"]
        var shown = 0
        for index in 0..<max(old.count, new.count) where shown < 20 {
            let left = index < old.count ? String(old[index]) : nil
            let right = index < new.count ? String(new[index]) : nil
            if left != right {
                if let left { lines.append("-\(index + 1): \(left)") }
                if let right { lines.append("+\(index + 1): \(right)") }
                shown += 1
            }
        }
        return lines.joined(separator: "\n")
    }
}
