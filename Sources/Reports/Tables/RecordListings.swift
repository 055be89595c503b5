package import AuditCore

/// Formats the row-level listings: rejects, duplicates and findings.
///
/// These are internal outputs for the analyst who owns the data (they point at rows of the input);
/// the published reports carry counts only.
package enum RecordListings {
    /// A listing: its header, and how one item becomes its row.
    package struct Listing<Item>: Sendable {
        package let header: [String]
        package let row: @Sendable (Item) -> [CSVDocument.Cell]

        /// Header only, for a listing file that rows are streamed into.
        package var headerFile: OutputFile { OutputFile(name: "", document: CSVDocument(header: header)) }

        /// Appends `item`'s row to a document (a headerless one, for streaming).
        package func append(_ item: Item, to document: inout CSVDocument) { document.append(row(item)) }
    }

    package static let rejects = Listing<Reject>(header: ["file", "line", "record", "column", "reason", "raw"]) {
        reject in
        [
            .text(reject.lineage.file), .integer(reject.lineage.line), .integer(reject.lineage.record),
            reject.column.map { .text($0) } ?? .empty, .text(reject.reason), .text(reject.raw),
        ]
    }

    package static let duplicates = Listing<DuplicateRecord>(header: [
        "file", "line", "record", "kind", "original_file", "original_line", "original_record", "key",
    ]) { duplicate in
        [
            .text(duplicate.lineage.file), .integer(duplicate.lineage.line), .integer(duplicate.lineage.record),
            .text(duplicate.kind.rawValue),
        ]
            + (duplicate.kind == .superseded
                ? [.empty, .empty, .empty]
                : [
                    .text(duplicate.original.file), .integer(duplicate.original.line),
                    .integer(duplicate.original.record),
                ]) + [duplicate.key.isEmpty ? .empty : .text(duplicate.key)]
    }

    package static let findings = Listing<Finding>(header: [
        "severity", "code", "file", "line", "record", "column", "message",
    ]) { finding in
        [
            .text(finding.severity.rawValue), .text(finding.code),
            finding.lineage.map { .text($0.file) } ?? .empty,
            finding.lineage.map { .integer($0.line) } ?? .empty,
            finding.lineage.map { .integer($0.record) } ?? .empty,
            finding.column.map { .text($0) } ?? .empty, .text(finding.message),
        ]
    }
}
