internal import AuditCore

/// The self-contained HTML report: one HTML5 file with an inline style sheet and inline SVG charts.
///
/// It loads nothing (no scripts, fonts, images or style sheets from anywhere; a Content Security
/// Policy forbids them too), uses the system font stack, and prints. Sections: title and summary,
/// the four charts, the ranked list of the most straying groups, every published table, the stated
/// targets per era with their sources, the method notes and the run manifest. Numbers use the same
/// published cells as the CSV and XLSX outputs: shares as `42.5%`, changes as `+3.1 pp`, counts
/// with thousands separators, suppressed counts as `<k`, withheld shares as `—`.
package enum HTMLReport {
    /// Tables with more rows than this are collapsed into a `<details>` element.
    static let collapseAfterRows = 15

    package static func render(_ bundle: PublishedBundle) -> String {
        var html = ""
        html.reserveCapacity(64 * 1024)
        html += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html +=
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html +=
            "<meta name=\"generator\" content=\"\(escaped(bundle.manifest.tool.name)) \(escaped(bundle.manifest.tool.version))\">\n"
        html += "<title>\(escaped(bundle.title))</title>\n<style>\n\(styleSheet)</style>\n</head>\n<body>\n<main>\n"
        html += header(bundle)
        html += charts(bundle)
        html += ranking(bundle)
        html += claims(bundle)
        html += tables(bundle)
        html += coverage(bundle)
        html += targets(bundle)
        html += methodNotes(bundle)
        html += manifest(bundle.manifest)
        html +=
            "<footer><p>Written by \(escaped(bundle.manifest.tool.name)) \(escaped(bundle.manifest.tool.version)) on \(escaped(bundle.manifest.finishedAt)). "
        html += "This file is self-contained: it loads nothing from the network.</p></footer>\n"
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    // MARK: - Sections

    static func header(_ bundle: PublishedBundle) -> String {
        var html = "<header>\n<h1>\(escaped(bundle.title))</h1>\n<p class=\"summary\">\(escaped(summary(bundle)))</p>\n"
        html +=
            "<p class=\"meta\">Stated targets: <strong>\(escaped(bundle.targetsName))</strong> version \(escaped(bundle.targetsVersion))"
        html += " · pipeline <strong>\(escaped(bundle.manifest.pipeline.name))</strong>"
        html +=
            " · run status <strong>\(escaped(bundle.manifest.status))</strong>, finished \(escaped(bundle.manifest.finishedAt))</p>\n"
        html +=
            "<nav class=\"toc\" aria-label=\"Contents\"><a href=\"#charts\">Charts</a> <a href=\"#ranking\">Most straying groups</a> "
        html +=
            "<a href=\"#claims\">Claims</a> <a href=\"#tables\">Tables</a> <a href=\"#coverage\">Coverage</a> <a href=\"#targets\">Stated targets</a> <a href=\"#method\">Method</a> <a href=\"#manifest\">Run manifest</a></nav>\n"
        return html + "</header>\n"
    }

    /// The summary paragraph: records counted, the pooled off-target share, flagged groups.
    static func summary(_ bundle: PublishedBundle) -> String {
        let totals = bundle.manifest.totals
        let inputs = bundle.manifest.inputs.count
        var sentences: [String] = []
        let years = bundle.charts.offTargetTrend.map(\.label)
        let span =
            years.isEmpty ? "" : years.count == 1 ? " in \(years[0])" : " in \(years[0])–\(years[years.count - 1])"
        sentences.append(
            "This run counted \(HTMLFormat.count(totals.recordsCounted)) record\(totals.recordsCounted == 1 ? "" : "s") from \(inputs) input file\(inputs == 1 ? "" : "s")\(span) (\(HTMLFormat.count(totals.rowsDuplicate)) duplicate\(totals.rowsSuperseded > 0 ? ", \(HTMLFormat.count(totals.rowsSuperseded)) superseded" : "") and \(HTMLFormat.count(totals.rowsRejected)) rejected rows not counted)."
        )
        if let pooled = pooledOffTarget(bundle.charts.offTargetTrend) {
            sentences.append(
                "Across the \(pooled.years) fiscal year\(pooled.years == 1 ? "" : "s") charted, \(HTMLFormat.percent(pooled.share)) of the records judged against the stated targets were off target (each year's share weighted by its \(HTMLFormat.count(pooled.records)) records)."
            )
        } else {
            sentences.append("No off-target share can be shown for the run as a whole.")
        }
        let flaggedGroups = flaggedGroupCount(bundle.ranking)
        let states = bundle.charts.offTargetByState
        let flaggedStates = states.filter(\.flagged).count
        let ranked = bundle.ranking.rows.count
        var flagged =
            "Of the \(ranked) most straying group\(ranked == 1 ? "" : "s") ranked below, \(flaggedGroups) \(flaggedGroups == 1 ? "is" : "are") flagged (the lower bound of the 95% interval of the off-target share is above \(HTMLFormat.percent(bundle.charts.strayThreshold)))"
        if !states.isEmpty {
            flagged +=
                "; by state, \(flaggedStates) of \(states.count) state\(states.count == 1 ? " is" : "s are") flagged"
        }
        sentences.append(flagged + ".")
        let k = bundle.suppressionThreshold
        if k > 1 { sentences.append("Counts from 1 to \(k - 1) are suppressed and shown as <\(k).") }
        return sentences.joined(separator: " ")
    }

    /// The overall off-target share from the yearly ones: Σ share × records / Σ records over the
    /// fiscal years charted (years whose share is withheld are not in the trend).
    static func pooledOffTarget(_ trend: [ChartData.ShareWithInterval]) -> (share: Double, records: Int, years: Int)? {
        let usable = trend.filter { $0.share.isFinite && $0.records > 0 }
        let records = usable.reduce(0) { $0 + $1.records }
        guard records > 0 else { return nil }
        let weighted = usable.reduce(0.0) { $0 + $1.share * Double($1.records) }
        return (weighted / Double(records), records, usable.count)
    }

    /// Rows of the ranking with a `yes` flag; all its rows when it has no flag column.
    static func flaggedGroupCount(_ ranking: PublishedTable) -> Int {
        let flagColumns = ranking.columns.indices.filter { ranking.columns[$0].kind == .flag }
        let hasFlags =
            !flagColumns.isEmpty || ranking.rows.contains { $0.contains { if case .flag = $0 { true } else { false } } }
        guard hasFlags else { return ranking.rows.count }
        return ranking.rows.filter { $0.contains(.flag(true)) }.count
    }

    static func charts(_ bundle: PublishedBundle) -> String {
        let charts = bundle.charts
        let k = bundle.suppressionThreshold
        var html = "<section id=\"charts\">\n<h2>Charts</h2>\n"
        html += figure(
            id: "chart-severity", title: SVGChart.Title.severity,
            svg: SVGChart.severityByYear(charts, suppressionThreshold: k),
            caption:
                "Records by derived severity level (ICE's published level definitions applied to each record's most serious conviction), stacked per fiscal year. The number above each bar is its total."
        )
        html += figure(
            id: "chart-state", title: SVGChart.Title.offTargetByState, svg: SVGChart.offTargetByState(charts),
            caption:
                "Share of judged records that are off the stated targets per state, all fiscal years pooled, with 95% Wilson intervals. A state is flagged when the lower end of its interval is above the stray threshold. States whose share is withheld are left out."
        )
        html += figure(
            id: "chart-trend", title: SVGChart.Title.offTargetTrend, svg: SVGChart.offTargetTrend(charts),
            caption:
                "Share of judged records that are off the stated targets per fiscal year, all places pooled, with 95% Wilson intervals (band and whiskers)."
        )
        html += figure(
            id: "chart-victims", title: SVGChart.Title.victims,
            svg: SVGChart.victimsByYear(charts, suppressionThreshold: k),
            caption:
                "Records whose most serious conviction is a minor traffic offense, and records of victims or witnesses where the source can tell. A status the source cannot provide is said so, never drawn as zero."
        )
        return html + "</section>\n"
    }

    static func figure(id: String, title: String, svg: String, caption: String) -> String {
        "<figure class=\"chart\" id=\"\(id)\">\n<h3>\(escaped(title))</h3>\n\(svg)\n<figcaption>\(escaped(caption))</figcaption>\n</figure>\n"
    }

    static func ranking(_ bundle: PublishedBundle) -> String {
        var html = "<section id=\"ranking\">\n<h2>Most straying groups</h2>\n"
        html += table(
            bundle.ranking, id: "ranking-table", k: bundle.suppressionThreshold, heading: "h3",
            collapsible: bundle.ranking.rows.count > 40)
        return html + "</section>\n"
    }

    static func tables(_ bundle: PublishedBundle) -> String {
        var html = "<section id=\"tables\">\n<h2>Tables</h2>\n"
        if bundle.tables.isEmpty { html += "<p class=\"muted\">No tables were published.</p>\n" }
        html +=
            "<p class=\"muted\">Counts from 1 to \(max(1, bundle.suppressionThreshold - 1)) are suppressed (shown as <span class=\"nowrap\">&lt;\(bundle.suppressionThreshold)</span>); a few further counts are hidden so that those cannot be recovered by subtraction (shown as x); shares resting on them, or on nothing, are withheld (shown as —). Long tables are collapsed: click their summary line to open them.</p>\n"
        var seen: [String: Int] = [:]
        for published in bundle.tables {
            var id = "table-" + HTMLEscaping.identifier(published.name)
            seen[id, default: 0] += 1
            if let count = seen[id], count > 1 { id += "-\(count)" }
            html += table(
                published, id: id, k: bundle.suppressionThreshold, heading: "h3",
                collapsible: published.rows.count > collapseAfterRows)
        }
        return html + "</section>\n"
    }

    /// One published table: title, description, the cells, and a codebook of its columns.
    static func table(_ table: PublishedTable, id: String, k: Int, heading: String, collapsible: Bool) -> String {
        var html =
            "<div class=\"table-block\" id=\"\(escaped(id))\">\n<\(heading)>\(escaped(table.title)) <code class=\"table-name\">\(escaped(table.name))</code></\(heading)>\n"
        if !table.description.isEmpty { html += "<p>\(escaped(table.description))</p>\n" }
        guard !table.rows.isEmpty else {
            return html + "<p class=\"muted\">No rows.</p>\n</div>\n"
        }
        var body = "<div class=\"scroll\"><table>\n<thead><tr>"
        for column in table.columns {
            let numeric = isNumeric(column.kind)
            body +=
                "<th scope=\"col\"\(numeric ? " class=\"num\"" : "")\(column.description.isEmpty ? "" : " title=\"\(escaped(column.description))\"")>\(breakable(column.name))</th>"
        }
        body += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            body += "<tr>"
            for index in 0..<max(table.columns.count, row.count) {
                let cell = index < row.count ? row[index] : .empty
                let kind = index < table.columns.count ? table.columns[index].kind : .text
                body += Self.cell(cell, kind: kind)
            }
            body += "</tr>\n"
        }
        body += "</tbody>\n</table></div>\n"
        body += notAvailableNote(table)
        let shape =
            "\(HTMLFormat.count(table.rows.count)) row\(table.rows.count == 1 ? "" : "s") × \(table.columns.count) column\(table.columns.count == 1 ? "" : "s")"
        if collapsible {
            html += "<details class=\"table\"><summary>Show the table (\(shape))</summary>\n\(body)</details>\n"
        } else {
            html += body
        }
        let described = table.columns.filter { !$0.description.isEmpty }
        if !described.isEmpty {
            html += "<details class=\"codebook\"><summary>Columns</summary>\n<dl>\n"
            for column in described {
                html += "<dt><code>\(escaped(column.name))</code></dt><dd>\(escaped(column.description))</dd>\n"
            }
            html += "</dl>\n</details>\n"
        }
        return html + "</div>\n"
    }

    /// A long column name that may wrap after its underscores (`no_conviction_recorded`), so wide
    /// tables stay narrow; short ones (`level_1`, `fiscal_year`) are kept whole.
    static func breakable(_ name: String) -> String {
        guard name.count > 12 else { return escaped(name) }
        return name.split(separator: "_", omittingEmptySubsequences: false).map { escaped(String($0)) }.joined(
            separator: "_<wbr>")
    }

    /// Cells the source cannot provide show `n/a`; this note says, per reason, in which columns.
    static func notAvailableNote(_ table: PublishedTable) -> String {
        var reasons: [(text: String, columns: [String])] = []
        for row in table.rows {
            for (index, cell) in row.enumerated() {
                guard case .notAvailable(let text) = cell else { continue }
                let column = index < table.columns.count ? table.columns[index].name : "column \(index + 1)"
                if let at = reasons.firstIndex(where: { $0.text == text }) {
                    if !reasons[at].columns.contains(column) { reasons[at].columns.append(column) }
                } else {
                    reasons.append((text, [column]))
                }
            }
        }
        guard !reasons.isEmpty else { return "" }
        let parts = reasons.map { reason in
            reason.columns.map { "<code>\(escaped($0))</code>" }.joined(separator: ", ") + ": \(escaped(reason.text))"
        }
        return "<p class=\"table-note\">n/a — " + parts.joined(separator: "; ") + ".</p>\n"
    }

    static func isNumeric(_ kind: PublishedColumnKind) -> Bool {
        switch kind {
        case .count, .share, .change: true
        case .group, .flag, .text: false
        }
    }

    /// One `<td>`, formatted as every writer formats the published cell.
    static func cell(_ cell: PublishedCell, kind: PublishedColumnKind) -> String {
        switch cell {
        case .text(let text):
            return isNumeric(kind) ? "<td class=\"num\">\(escaped(text))</td>" : "<td>\(escaped(text))</td>"
        case .count(let value):
            return "<td class=\"num\">\(HTMLFormat.count(value))</td>"
        case .suppressed(let k):
            return "<td class=\"num suppressed\" title=\"suppressed: fewer than \(k)\">&lt;\(k)</td>"
        case .complementary:
            return
                "<td class=\"num suppressed\" title=\"suppressed so that a small cell cannot be recovered by subtraction\">x</td>"
        case .complementary:
            return
                "<td class=\"num suppressed\" title=\"suppressed so that a small cell cannot be recovered by subtraction\">x</td>"
        case .share(let value):
            return "<td class=\"num\">\(HTMLFormat.percent(value))</td>"
        case .withheld:
            return "<td class=\"num withheld\" title=\"withheld\">—</td>"
        case .change(let value):
            return "<td class=\"num\">\(HTMLFormat.percentagePoints(value))</td>"
        case .flag(let value):
            return value ? "<td class=\"flag-yes\">yes</td>" : "<td class=\"flag-no\">no</td>"
        case .notAvailable(let text):
            return "<td class=\"not-available\(isNumeric(kind) ? " right" : "")\" title=\"\(escaped(text))\">n/a</td>"
        case .empty:
            return "<td></td>"
        }
    }

    static func targets(_ bundle: PublishedBundle) -> String {
        var html = "<section id=\"targets\">\n<h2>Stated targets</h2>\n"
        html +=
            "<p><strong>\(escaped(bundle.targetsName))</strong> version \(escaped(bundle.targetsVersion)). Each record is judged by the era its date falls in: "
        html +=
            "the first off-target rule that holds makes it off target; a record whose criminality is unknown is undetermined; every other record is on target. "
        html +=
            "A group is flagged when the lower bound of the 95% interval of its off-target share is above \(HTMLFormat.percent(bundle.charts.strayThreshold)).</p>\n"
        if bundle.eras.isEmpty { html += "<p class=\"muted\">No eras are defined.</p>\n" }
        for era in bundle.eras {
            html += "<div class=\"era\">\n<h3>\(escaped(era.name)) <code>\(escaped(era.id))</code></h3>\n"
            html += "<p class=\"era-dates\">\(escaped(era.from)) – \(era.to.map(escaped) ?? "in force")</p>\n"
            html += eraDetails(era)
            if era.offTarget.isEmpty {
                html += "<p class=\"muted\">No off-target rules.</p>\n"
            } else {
                html += "<ol class=\"rules\">\n"
                for rule in era.offTarget {
                    html +=
                        "<li><code>\(escaped(rule.id))</code> \(escaped(rule.description))<br><span class=\"source\">Source: \(escaped(rule.source))</span></li>\n"
                }
                html += "</ol>\n"
            }
            html += "</div>\n"
        }
        if let shares = bundle.eraShares {
            html += table(
                shares, id: "table-eras", k: bundle.suppressionThreshold, heading: "h3",
                collapsible: shares.rows.count > collapseAfterRows)
        }
        return html + "</section>\n"
    }

    static func methodNotes(_ bundle: PublishedBundle) -> String {
        var html = "<section id=\"method\">\n<h2>Method notes</h2>\n"
        if bundle.methodNotes.isEmpty { html += "<p class=\"muted\">No method notes.</p>\n" }
        for paragraph in bundle.methodNotes { html += "<p>\(escaped(paragraph))</p>\n" }
        return html + "</section>\n"
    }

    static func escaped(_ text: String) -> String { HTMLEscaping.escape(text) }

    // MARK: - Style

    static let styleSheet = """
        :root { color-scheme: light; --fg: #1a1a1a; --muted: #555; --rule: #d6d6d6; --accent: #0072b2; --flag: #b34700; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: #fff; color: var(--fg); font-size: 15px; line-height: 1.5;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", "DejaVu Sans", sans-serif; }
        main { max-width: 1120px; margin: 0 auto; padding: 28px 32px 56px; }
        h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .6rem; }
        h2 { font-size: 1.4rem; margin: 2.6rem 0 .8rem; padding-bottom: .25rem; border-bottom: 2px solid var(--fg); }
        h3 { font-size: 1.1rem; margin: 1.8rem 0 .4rem; }
        p { max-width: 82ch; }
        .summary { font-size: 1.08rem; }
        .meta, .muted, figcaption, .source, .era-dates { color: var(--muted); }
        .nowrap { white-space: nowrap; }
        nav.toc { margin: 1rem 0 0; padding: .5rem 0; border-top: 1px solid var(--rule); border-bottom: 1px solid var(--rule); }
        nav.toc a { color: var(--accent); margin-right: 1.2rem; text-decoration: none; }
        nav.toc a:hover { text-decoration: underline; }
        figure.chart { margin: 0 0 2.2rem; break-inside: avoid; page-break-inside: avoid; }
        figure.chart svg { display: block; width: 100%; max-width: 940px; height: auto; }
        figcaption { font-size: .9rem; max-width: 82ch; margin-top: .3rem; }
        .scroll { overflow-x: auto; max-width: 100%; margin: .4rem 0 .6rem; }
        table { border-collapse: collapse; font-size: .85rem; font-variant-numeric: tabular-nums; }
        th, td { padding: .28rem .65rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
        thead th { background: #f0f0f0; border-bottom: 2px solid #888; vertical-align: bottom; }
        tbody tr:nth-child(even) { background: #fafafa; }
        .num { text-align: right; white-space: nowrap; }
        td.suppressed, td.withheld, td.not-available { color: var(--muted); }
        td.suppressed, td.withheld { cursor: help; }
        td.not-available { font-style: italic; white-space: nowrap; }
        .table-note { font-size: .88rem; color: var(--muted); margin: 0 0 .6rem; }
        td.right { text-align: right; }
        td.flag-yes { font-weight: 700; color: var(--flag); }
        code, .hash { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: .86em; }
        code.table-name { font-weight: 400; color: var(--muted); margin-left: .4rem; }
        .hash { word-break: break-all; }
        details { margin: .3rem 0 .6rem; }
        details > summary { cursor: pointer; color: var(--accent); }
        details.codebook dl, details.columns-used dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; font-size: .88rem; margin: .4rem 0; }
        dd { margin: 0; }
        dl.manifest { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1.2rem; }
        dl.manifest dt { font-weight: 600; }
        .era { margin-bottom: 1.2rem; }
        .era-dates { margin: 0 0 .3rem; }
        ol.rules li { margin-bottom: .45rem; max-width: 82ch; }
        .source { font-size: .9rem; }
        footer { margin-top: 3rem; padding-top: .6rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: .85rem; }
        @page { margin: 14mm; }
        @media print {
          body { font-size: 10pt; }
          main { max-width: none; padding: 0; }
          nav.toc { display: none; }
          h2 { break-after: avoid; page-break-after: avoid; }
          h3 { break-after: avoid; page-break-after: avoid; }
          tr { break-inside: avoid; page-break-inside: avoid; }
          .scroll { overflow: visible; }
          table { font-size: 7.5pt; }
          th, td { padding: .12rem .35rem; }
          details > summary { color: var(--fg); }
          details::details-content { content-visibility: visible; display: contents; }
          td.flag-yes { color: #000; }
        }

        """
}
