package import AuditCore
import Ingest

/// `inspect`: profiles input files and renders the profile as text for the terminal.
package enum FileInspection {
    /// - Throws: `RunnerError.ingest` when a file cannot be read.
    package static func render(path: String, delimiter: Delimiter?, top: Int) throws -> String {
        let report: InspectionReport
        do { report = try Inspector.inspect(path: path, delimiter: delimiter, top: top) } catch let error as IngestError
        {
            throw RunnerError.ingest(error)
        }
        var lines: [String] = []
        lines.append("file: \(report.file)")
        lines.append("delimiter: \(report.delimiter.rawValue)")
        lines.append(
            "header: line \(report.headerLine) (\(report.preambleRows) row\(report.preambleRows == 1 ? "" : "s") above it)"
        )
        lines.append(
            "records: \(report.records)"
                + (report.raggedRecords > 0
                    ? " (\(report.raggedRecords) with a different number of fields than the header)" : ""))
        lines.append("")
        let total = max(report.records, 1)
        func share(_ count: Int) -> String {
            let value = Double(count) * 100 / Double(total)
            return String(Double(Int(value * 10 + 0.5)) / 10) + "%"
        }
        for (index, column) in report.columns.enumerated() {
            var line =
                "\(index + 1). \(column.name): filled \(share(column.filled)), missing \(share(column.missing)), redacted \(share(column.redacted))"
            if column.invalidEncoding > 0 { line += ", \(column.invalidEncoding) not valid UTF-8" }
            line += ", \(column.distinctValues)\(column.distinctLimitReached ? "+" : "") distinct"
            lines.append(line)
            if !column.top.isEmpty {
                let values = column.top.map {
                    "'\($0.value.count > 60 ? String($0.value.prefix(57)) + "..." : $0.value)' \($0.count)"
                }
                lines.append("   top: " + values.joined(separator: ", "))
            }
        }
        return lines.joined(separator: "\n")
    }
}
