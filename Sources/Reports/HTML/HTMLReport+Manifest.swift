internal import AuditCore

extension HTMLReport {
    /// The run manifest: tool, pipeline, status, totals and agreement, then the reference tables,
    /// the inputs with the columns each field came from, the output hashes and the warnings.
    static func manifest(_ manifest: RunManifest) -> String {
        var html = "<section id=\"manifest\">\n<h2>Run manifest</h2>\n"
        html += manifestFacts(manifest)
        html += "<h3>Reference tables</h3>\n" + referenceTables(manifest.referenceTables)
        html += "<h3>Inputs</h3>\n" + inputs(manifest.inputs)
        html += outputs(manifest.outputs)
        if !manifest.warnings.isEmpty {
            html +=
                "<h3>Warnings</h3>\n<ul class=\"warnings\">\n"
                + manifest.warnings.map { "<li>\(escaped($0))</li>\n" }.joined() + "</ul>\n"
        }
        return html + "</section>\n"
    }

    private static func manifestFacts(_ manifest: RunManifest) -> String {
        var html = "<dl class=\"manifest\">\n"
        html += "<dt>Tool</dt><dd>\(escaped(manifest.tool.name)) \(escaped(manifest.tool.version))</dd>\n"
        html +=
            "<dt>Pipeline</dt><dd>\(escaped(manifest.pipeline.name)) — <code>\(escaped(manifest.pipeline.file.path))</code>, \(HTMLFormat.count(manifest.pipeline.file.bytes)) bytes<br>SHA-256 <code class=\"hash\">\(escaped(manifest.pipeline.file.sha256))</code></dd>\n"
        html += "<dt>Status</dt><dd><strong>\(escaped(manifest.status))</strong></dd>\n"
        html +=
            "<dt>Started</dt><dd>\(escaped(manifest.startedAt))</dd>\n<dt>Finished</dt><dd>\(escaped(manifest.finishedAt))</dd>\n"
        let totals = manifest.totals
        html +=
            "<dt>Totals</dt><dd>read \(HTMLFormat.count(totals.rowsRead)) = counted \(HTMLFormat.count(totals.rowsCounted)) + duplicates \(HTMLFormat.count(totals.rowsDuplicate)) + rejected \(HTMLFormat.count(totals.rowsRejected))"
            + (totals.rowsSuperseded > 0 ? " + superseded \(HTMLFormat.count(totals.rowsSuperseded))" : "")
            + " rows; \(HTMLFormat.count(totals.recordsCounted)) records counted</dd>\n"
        let agreement = manifest.agreement
        html +=
            "<dt>Agreement with ICE levels</dt><dd>\(HTMLFormat.count(agreement.agreeing)) of \(HTMLFormat.count(agreement.compared)) compared"
        html += agreement.rate.map { " (\(HTMLFormat.percent($0)))" } ?? " (not measurable)"
        html += "</dd>\n</dl>\n"
        return html
    }

    private static func referenceTables(_ tables: [RunManifest.ReferenceTable]) -> String {
        guard !tables.isEmpty else { return "<p class=\"muted\">None.</p>\n" }
        var html =
            "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">table</th><th scope=\"col\">version</th><th scope=\"col\" class=\"num\">rows</th><th scope=\"col\">file</th><th scope=\"col\" class=\"num\">bytes</th><th scope=\"col\">SHA-256</th></tr></thead>\n<tbody>\n"
        for table in tables {
            let files = table.files.isEmpty ? [nil] : table.files.map(Optional.some)
            for file in files {
                html +=
                    "<tr><td>\(escaped(table.name))</td><td>\(escaped(table.version))</td><td class=\"num\">\(HTMLFormat.count(table.rows))</td>"
                if let file {
                    html +=
                        "<td><code>\(escaped(file.path))</code></td><td class=\"num\">\(HTMLFormat.count(file.bytes))</td><td><code class=\"hash\">\(escaped(file.sha256))</code></td></tr>\n"
                } else {
                    html += "<td></td><td></td><td></td></tr>\n"
                }
            }
        }
        return html + "</tbody>\n</table></div>\n"
    }

    private static func inputs(_ inputs: [RunManifest.Input]) -> String {
        guard !inputs.isEmpty else { return "<p class=\"muted\">None.</p>\n" }
        var html =
            "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">file</th><th scope=\"col\" class=\"num\">bytes</th><th scope=\"col\">SHA-256</th>"
        html +=
            "<th scope=\"col\" class=\"num\">header line</th><th scope=\"col\" class=\"num\">rows read</th><th scope=\"col\" class=\"num\">counted</th><th scope=\"col\" class=\"num\">duplicate</th><th scope=\"col\" class=\"num\">rejected</th></tr></thead>\n<tbody>\n"
        for input in inputs {
            html +=
                "<tr><td><code>\(escaped(input.file.path))</code></td><td class=\"num\">\(HTMLFormat.count(input.file.bytes))</td><td><code class=\"hash\">\(escaped(input.file.sha256))</code></td>"
            html +=
                "<td class=\"num\">\(HTMLFormat.count(input.headerLine))</td><td class=\"num\">\(HTMLFormat.count(input.rowsRead))</td><td class=\"num\">\(HTMLFormat.count(input.rowsCounted))</td>"
            html +=
                "<td class=\"num\">\(HTMLFormat.count(input.rowsDuplicate))</td><td class=\"num\">\(HTMLFormat.count(input.rowsRejected))</td></tr>\n"
        }
        html += "</tbody>\n</table></div>\n"
        for input in inputs where !input.columnsUsed.isEmpty || !input.absentFields.isEmpty {
            html += columnsRead(input)
        }
        return html
    }

    /// Which column each field came from, the fields without one, the rows above the header.
    private static func columnsRead(_ input: RunManifest.Input) -> String {
        var html = ""
        html +=
            "<details class=\"columns-used\"><summary>Columns read from <code>\(escaped(input.file.path))</code></summary>\n"
        if !input.columnsUsed.isEmpty {
            html += "<dl>\n"
            for field in input.columnsUsed.keys.sorted() {
                html += "<dt><code>\(escaped(field))</code></dt><dd>\(escaped(input.columnsUsed[field] ?? ""))</dd>\n"
            }
            html += "</dl>\n"
        }
        if !input.absentFields.isEmpty {
            html +=
                "<p>Mapped fields without a column (missing in every record): "
                + input.absentFields.map { "<code>\(escaped($0))</code>" }.joined(separator: ", ") + "</p>\n"
        }
        if input.preambleRows > 0 {
            html +=
                "<p>\(HTMLFormat.count(input.preambleRows)) row\(input.preambleRows == 1 ? "" : "s") above the header skipped.</p>\n"
        }
        html += "</details>\n"
        return html
    }

    private static func outputs(_ outputs: [RunManifest.HashedFile]) -> String {
        guard !outputs.isEmpty else { return "" }
        var html =
            "<h3>Outputs</h3>\n<details class=\"outputs\"><summary>\(outputs.count) output file\(outputs.count == 1 ? "" : "s") with their hashes</summary>\n"
        html +=
            "<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">file</th><th scope=\"col\" class=\"num\">bytes</th><th scope=\"col\">SHA-256</th></tr></thead>\n<tbody>\n"
        for file in outputs {
            html +=
                "<tr><td><code>\(escaped(file.path))</code></td><td class=\"num\">\(HTMLFormat.count(file.bytes))</td><td><code class=\"hash\">\(escaped(file.sha256))</code></td></tr>\n"
        }
        return html + "</tbody>\n</table></div>\n</details>\n"
    }
}
