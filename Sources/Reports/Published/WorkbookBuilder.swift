import AuditCore

/// Lays a published bundle out as an XLSX workbook: a README sheet (definitions, targets, sources,
/// method notes), one sheet per table, the ranking, and the run manifest.
package enum WorkbookBuilder {
    package static func workbook(_ bundle: PublishedBundle, extraTables: [PublishedTable]) -> XLSXWorkbook {
        var sheets = [readme(bundle), sheet(bundle.ranking)]
        sheets += bundle.tables.map(sheet)
        sheets += extraTables.map(sheet)
        sheets.append(manifest(bundle.manifest))
        return XLSXWorkbook(sheets: sheets)
    }

    static func sheet(_ table: PublishedTable) -> XLSXSheet {
        let columns = table.columns.map { column -> XLSXColumn in
            switch column.kind {
            case .count: XLSXColumn(header: column.name, format: .integer)
            case .share, .change: XLSXColumn(header: column.name, format: .percent)
            default: XLSXColumn(header: column.name, format: .general)
            }
        }
        let rows = table.rows.map { $0.map(cell) }
        return XLSXSheet(name: table.name, columns: columns, rows: rows)
    }

    /// The same values the CSV shows; text is neutralised against formula injection.
    static func cell(_ cell: PublishedCell) -> XLSXCell {
        switch cell {
        case .count(let value): .integer(value)
        case .share(let value), .change(let value): .number(value)
        case .withheld, .empty: .empty
        default: .text(CSVDocument.neutralized(cell.csvText))
        }
    }

    static func readme(_ bundle: PublishedBundle) -> XLSXSheet {
        var rows: [[XLSXCell]] = [
            [.text("title"), .text(CSVDocument.neutralized(bundle.title))],
            [.text("tool"), .text("\(bundle.manifest.tool.name) \(bundle.manifest.tool.version)")],
            [
                .text("pipeline"),
                .text("\(bundle.manifest.pipeline.name) (sha256 \(bundle.manifest.pipeline.file.sha256))"),
            ],
            [.text("targets"), .text("\(bundle.targetsName) \(bundle.targetsVersion)")],
            [
                .text("small-cell threshold"),
                .text("counts 1–\(bundle.suppressionThreshold - 1) are shown as <\(bundle.suppressionThreshold)"),
            ],
        ]
        for era in bundle.eras {
            rows.append([
                .text("era \(era.id)"),
                .text(CSVDocument.neutralized("\(era.name): \(era.from) to \(era.to ?? "now")")),
            ])
            for rule in era.offTarget {
                rows.append([
                    .text("  off target: \(rule.id)"),
                    .text(CSVDocument.neutralized("\(rule.description). Source: \(rule.source)")),
                ])
            }
        }
        for (index, note) in bundle.methodNotes.enumerated() {
            rows.append([.text("note \(index + 1)"), .text(CSVDocument.neutralized(note))])
        }
        return XLSXSheet(
            name: BuiltInOutputs.readmeSheet,
            columns: [XLSXColumn(header: "item", width: 28), XLSXColumn(header: "value", width: 120)], rows: rows)
    }

    static func manifest(_ manifest: RunManifest) -> XLSXSheet {
        var rows: [[XLSXCell]] = [
            [.text("tool"), .text("\(manifest.tool.name) \(manifest.tool.version)"), .empty, .empty, .empty],
            [
                .text("pipeline"), .text(manifest.pipeline.file.path), .text(manifest.pipeline.file.sha256),
                .integer(manifest.pipeline.file.bytes), .empty,
            ],
            [.text("started"), .text(manifest.startedAt), .empty, .empty, .empty],
            [.text("finished"), .text(manifest.finishedAt), .empty, .empty, .empty],
            [.text("status"), .text(manifest.status), .empty, .empty, .empty],
        ]
        for table in manifest.referenceTables {
            for file in table.files {
                rows.append([
                    .text("reference \(table.name) \(table.version)"), .text(file.path), .text(file.sha256),
                    .integer(file.bytes), .empty,
                ])
            }
        }
        for input in manifest.inputs {
            rows.append([
                .text("input"), .text(CSVDocument.neutralized(input.file.path)), .text(input.file.sha256),
                .integer(input.file.bytes),
                .text(
                    "read \(input.rowsRead) = counted \(input.rowsCounted) + duplicates \(input.rowsDuplicate) + rejected \(input.rowsRejected)"
                        + (input.hasDeclaredRange || input.rowsSuperseded > 0
                            ? " + superseded \(input.rowsSuperseded)" : "")),
            ])
        }
        return XLSXSheet(
            name: BuiltInOutputs.manifest,
            columns: [
                XLSXColumn(header: "item", width: 24), XLSXColumn(header: "path or value", width: 50),
                XLSXColumn(header: "sha256", width: 66),
                XLSXColumn(header: "bytes", format: .integer), XLSXColumn(header: "rows", width: 60),
            ],
            rows: rows)
    }
}
