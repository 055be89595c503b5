internal import AuditCore

extension HTMLReport {
    /// The official claims computed from the run's records (`claims.csv`), with how verdicts are decided.
    static func claims(_ bundle: PublishedBundle) -> String {
        var html = "<section id=\"claims\">\n<h2>Official claims</h2>\n"
        guard let claims = bundle.claims else {
            return html + "<p class=\"muted\">No claims file: no claim was computed.</p>\n</section>\n"
        }
        html +=
            "<p>Each claim is computed from this run's records in its scope (record type, the part of its period the records cover, place). "
        html +=
            "It is <strong>consistent</strong> when the claimed value lies inside the 95% Wilson interval (a count of the very total counted must be equal), "
        html +=
            "<strong>contradicted</strong> when it lies outside, and <strong>not testable here</strong> when the source cannot speak to it (the reason says why). "
        html +=
            "Records whose label is unknown widen the interval to every way they could fall; they never decide a verdict.</p>\n"
        html += table(
            claims, id: "table-claims", k: bundle.suppressionThreshold, heading: "h3",
            collapsible: claims.rows.count > collapseAfterRows)
        return html + "</section>\n"
    }

    /// An era's verdict rule, and for eras without one, their source and why.
    static func eraDetails(_ era: PublishedEra) -> String {
        var html =
            era.verdict.isEmpty
            ? "" : "<p class=\"era-verdict\">Verdict: <strong>\(escaped(era.verdict))</strong></p>\n"
        if let note = era.note { html += "<p class=\"era-note\">\(escaped(note))</p>\n" }
        if let source = era.source { html += "<p class=\"source\">Source: \(escaped(source))</p>\n" }
        return html
    }
}
