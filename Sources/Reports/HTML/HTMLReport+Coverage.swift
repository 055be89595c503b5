internal import AuditCore

extension HTMLReport {
    /// How each input fills each mapped field per fiscal year (`coverage.csv`), leading with the
    /// periods a file did not record.
    static func coverage(_ bundle: PublishedBundle) -> String {
        var html = "<section id=\"coverage\">\n<h2>Coverage</h2>\n"
        html +=
            "<p>For each input file, fiscal year and mapped field: the share of the file's records with the field filled, missing and redacted. "
        html +=
            "A field a file leaves empty for a whole fiscal year while filling it in others was <strong>not recorded</strong> then: labels depending on it are unknown there, not “none”, and no period-over-period change crosses that boundary.</p>\n"
        let periods = bundle.manifest.inputs.flatMap { input in
            input.notRecorded.sorted { $0.key < $1.key }.map { (file: input.file.path, field: $0.key, years: $0.value) }
        }
        if periods.isEmpty {
            html += "<p class=\"muted\">Every input recorded every mapped field in every fiscal year it covers.</p>\n"
        } else {
            html += "<ul class=\"not-recorded\">\n"
            for period in periods {
                html +=
                    "<li><code>\(escaped(period.file))</code>: <code>\(escaped(period.field))</code> not recorded in \(escaped(period.years))</li>\n"
            }
            html += "</ul>\n"
        }
        if let table = bundle.coverage {
            html += self.table(
                table, id: "table-coverage", k: bundle.suppressionThreshold, heading: "h3",
                collapsible: table.rows.count > collapseAfterRows)
        }
        return html + "</section>\n"
    }
}
