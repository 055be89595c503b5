public import AuditCore

/// Formats the row-level listings: rejects, duplicates and findings.
///
/// These are internal outputs for the analyst who owns the data (they point at rows of the input);
/// the published reports carry counts only.
package enum RecordListings {
    package static func rejects(_ rejects: [Reject]) -> OutputFile {
        var document = CSVDocument(header: ["file", "line", "record", "column", "reason", "raw"])
        for reject in rejects {
            document.append([
                .text(reject.lineage.file), .integer(reject.lineage.line), .integer(reject.lineage.record),
                reject.column.map { .text($0) } ?? .empty, .text(reject.reason), .text(reject.raw),
            ])
        }
        return OutputFile(name: "rejects.csv", document: document)
    }

    package static func duplicates(_ duplicates: [DuplicateRecord]) -> OutputFile {
        var document = CSVDocument(header: [
            "file", "line", "record", "kind", "original_file", "original_line", "original_record", "key",
        ])
        for duplicate in duplicates {
            document.append([
                .text(duplicate.lineage.file), .integer(duplicate.lineage.line), .integer(duplicate.lineage.record),
                .text(duplicate.kind.rawValue), .text(duplicate.original.file), .integer(duplicate.original.line),
                .integer(duplicate.original.record), duplicate.key.isEmpty ? .empty : .text(duplicate.key),
            ])
        }
        return OutputFile(name: "duplicates.csv", document: document)
    }

    package static func findings(_ findings: [Finding]) -> OutputFile {
        var document = CSVDocument(header: ["severity", "code", "file", "line", "record", "column", "message"])
        for finding in findings {
            document.append([
                .text(finding.severity.rawValue), .text(finding.code),
                finding.lineage.map { .text($0.file) } ?? .empty,
                finding.lineage.map { .integer($0.line) } ?? .empty,
                finding.lineage.map { .integer($0.record) } ?? .empty,
                finding.column.map { .text($0) } ?? .empty, .text(finding.message),
            ])
        }
        return OutputFile(name: "findings.csv", document: document)
    }
}
