public import Foundation

/// The smallest valid pipeline — one required date column, one report by fiscal year — written into
/// `folder` with the given `reference:` lines, for tests about reference files.
public enum MinimalPipeline {
    /// - Returns: the pipeline file's path.
    public static func write(in folder: URL, reference lines: [String]) throws -> String {
        let path = folder.appendingPathComponent("p.yml").path
        let reference = lines.map { "  " + $0 }.joined(separator: "\n")
        try """
        name: t
        columns:
          date: {names: ["Date"], required: true}
        reference:
        \(reference)
        reports:
          - name: by_year
            group_by: [fiscal_year]
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
