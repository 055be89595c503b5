// Hand-written inline SVG charts for the HTML report: no scripts, no external resources.
//
// Every chart is an `<svg role="img" aria-label="…">` with a `<title>` and a `<desc>`, a legend,
// axis titles, and a visible "No data" note when it has nothing to draw. Colours are the Okabe–Ito
// palette (safe for the common colour-vision deficiencies), and no distinction rests on colour
// alone: flagged points are also a different shape, and suppressed values are marked with `*`.
// Every text that comes from data goes through `HTMLEscaping.escape`.

/// The four charts of the report, each rendered from `ChartData` as one `<svg>` element.
package enum SVGChart {
    /// Chart titles; each chart's `aria-label` starts with its title.
    package enum Title {
        package static let severity = "Severity mix by fiscal year"
        package static let offTargetByState = "Off-target share by state"
        package static let offTargetTrend = "Off-target share by fiscal year"
        package static let victims = "Victims / witnesses and minor-traffic records by fiscal year"
    }

    /// The Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design").
    package enum Palette {
        static let black = "#000000"
        static let orange = "#E69F00"
        static let skyBlue = "#56B4E9"
        static let bluishGreen = "#009E73"
        static let yellow = "#F0E442"
        static let blue = "#0072B2"
        static let vermillion = "#D55E00"
        static let reddishPurple = "#CC79A7"
        /// Neutral grey for "unclassified" and axes (not part of the palette, distinct from all of it).
        static let grey = "#999999"
        static let axis = "#555555"
        static let grid = "#E3E3E3"
        static let text = "#1A1A1A"
        static let muted = "#555555"
    }

    static let width = 860.0

    // MARK: - Severity mix

    /// Stacked bars of derived-level counts per fiscal year. A nil count (suppressed) draws nothing
    /// and marks its bar with `*`, explained in a footnote.
    package static func severityByYear(_ charts: ChartData, suppressionThreshold k: Int) -> String {
        let title = Title.severity
        let years = charts.severityByYear
        let labels = charts.severityLabels
        guard !years.isEmpty, !labels.isEmpty else {
            return noData(title: title, label: "\(title): no data")
        }
        let colours = [
            Palette.vermillion, Palette.orange, Palette.yellow, Palette.blue, Palette.grey, Palette.bluishGreen,
            Palette.reddishPurple, Palette.skyBlue,
        ]
        func colour(_ index: Int) -> String { colours[index % colours.count] }

        var canvas = Canvas()
        let legendItems = labels.enumerated().map {
            LegendItem(swatch: .box(colour($0.offset)), label: pretty($0.element))
        }
        let legendHeight = canvas.legend(legendItems, x: 12, y: 14, maxWidth: width - 24)

        let totals = years.map { $0.counts.reduce(0) { $0 + ($1 ?? 0) } }
        let anySuppressed = years.contains { year in
            year.counts.prefix(labels.count).contains(nil) || year.counts.count < labels.count
        }
        let axis = countAxis(maxValue: totals.max() ?? 0)
        let yearLabels = years.map(\.year)
        let top = 14 + legendHeight + 22
        let left = 72.0
        let right = 16.0
        let plotWidth = width - left - right
        let slot = plotWidth / Double(years.count)
        let xLabels = categoryLabels(yearLabels, slot: slot)
        let plotHeight = 260.0
        let bottom = top + plotHeight
        var height = bottom + xLabels.height + 28
        if anySuppressed { height += 20 }

        func y(_ value: Double) -> Double { bottom - value / axis.top * plotHeight }

        canvas.countGrid(axis: axis, left: left, right: width - right, y: y)
        canvas.yAxisTitle("records", x: 16, centerY: top + plotHeight / 2)

        let barWidth = min(84, slot * 0.58)
        for (index, year) in years.enumerated() {
            let center = left + slot * (Double(index) + 0.5)
            var base = 0.0
            var suppressed: [String] = []
            for (position, label) in labels.enumerated() {
                let value = position < year.counts.count ? year.counts[position] : nil
                guard let value else {
                    suppressed.append(pretty(label))
                    continue
                }
                guard value > 0 else { continue }
                let y0 = y(base)
                let y1 = y(base + Double(value))
                canvas.add(
                    "<rect class=\"bar-severity\" x=\"\(n(center - barWidth / 2))\" y=\"\(n(y1))\" width=\"\(n(barWidth))\" height=\"\(n(max(0, y0 - y1)))\" fill=\"\(colour(position))\" stroke=\"#FFFFFF\" stroke-width=\"0.75\">"
                        + "<title>\(esc(year.year)) · \(esc(pretty(label))): \(HTMLFormat.count(value))</title></rect>")
                base += Double(value)
            }
            let totalText = HTMLFormat.count(totals[index]) + (suppressed.isEmpty ? "" : "*")
            let tip =
                suppressed.isEmpty
                ? ""
                : "<title>\(esc(year.year)): suppressed (1–\(max(1, k - 1)) records each, not drawn): \(esc(suppressed.joined(separator: ", ")))</title>"
            canvas.add(
                "<text x=\"\(n(center))\" y=\"\(n(y(base) - 5))\" text-anchor=\"middle\" font-size=\"12\" fill=\"\(Palette.text)\">\(tip)\(esc(totalText))</text>"
            )
        }
        canvas.boundaries(charts.boundaries, years: yearLabels, left: left, slot: slot, top: top, bottom: bottom)
        canvas.xAxisLine(left: left, right: width - right, y: bottom)
        canvas.categoryTicks(xLabels, left: left, slot: slot, y: bottom)
        canvas.xAxisTitle("fiscal year", centerX: left + plotWidth / 2, y: bottom + xLabels.height + 20)
        if anySuppressed {
            canvas.note(
                "* includes suppressed cells (counts of 1–\(max(1, k - 1)) are not published and not drawn; the bar total leaves them out)",
                x: left, y: height - 8)
        }
        let description =
            "Stacked bars of records by derived severity level for \(years.count) fiscal year\(years.count == 1 ? "" : "s") (\(yearLabels.first ?? "")–\(yearLabels.last ?? "")). "
            + zip(yearLabels, totals).map { "\($0): \(HTMLFormat.count($1)) records" }.joined(separator: "; ") + "."
            + boundaryDescription(charts.boundaries, years: yearLabels)
        return canvas.svg(
            height: height, title: title, label: "\(title): stacked bars of records by derived level",
            description: description)
    }

    // MARK: - Off-target share by state

    /// Dot-and-whisker chart of each state's off-target share with its 95% interval, sorted by share,
    /// with a dashed line at the stray threshold; flagged states are vermillion diamonds in bold.
    package static func offTargetByState(_ charts: ChartData) -> String {
        let title = Title.offTargetByState
        let rows = charts.offTargetByState.filter { $0.share.isFinite }.sorted {
            $0.share != $1.share ? $0.share > $1.share : $0.label < $1.label
        }
        guard !rows.isEmpty else { return noData(title: title, label: "\(title): no data") }
        let threshold = clamp(charts.strayThreshold)

        var canvas = Canvas()
        let legendHeight = canvas.legend(
            [
                LegendItem(swatch: .diamond(Palette.vermillion), label: "flagged: interval above the threshold"),
                LegendItem(swatch: .dot(Palette.blue), label: "not flagged"),
                LegendItem(swatch: .whisker(Palette.axis), label: "95% interval"),
                LegendItem(swatch: .dashed(Palette.black), label: "stray threshold \(HTMLFormat.percent(threshold))"),
            ], x: 12, y: 14, maxWidth: width - 24)

        let displayLabels = rows.map { truncated($0.label, to: 26) }
        let labelWidth = displayLabels.map { textWidth($0, size: 12.5, bold: true) }.max() ?? 40
        let left = min(240, max(70, labelWidth + 18))
        let values = rows.map {
            "\(HTMLFormat.percent($0.share)) (\(HTMLFormat.percent(min($0.lower, $0.share)))–\(HTMLFormat.percent(max($0.upper, $0.share)))), \(HTMLFormat.count($0.records))"
        }
        let right = min(300, max(200, (values.map { textWidth($0, size: 12, bold: true) }.max() ?? 0) + 34))
        let plotWidth = width - left - right
        let top = 14 + legendHeight + 30
        let rowHeight = 24.0
        let plotHeight = rowHeight * Double(rows.count)
        let bottom = top + plotHeight
        let height = bottom + 52
        let axis = shareAxis(maxValue: max(threshold, rows.map { clamp($0.upper) }.max() ?? 0))
        func x(_ share: Double) -> Double { left + clamp(share) / axis.top * plotWidth }

        for (index, _) in rows.enumerated() where index % 2 == 1 {
            canvas.add(
                "<rect x=\"\(n(left))\" y=\"\(n(top + rowHeight * Double(index)))\" width=\"\(n(plotWidth))\" height=\"\(n(rowHeight))\" fill=\"#F6F6F6\"/>"
            )
        }
        canvas.shareGridVertical(axis: axis, top: top, bottom: bottom, x: x)
        canvas.add(
            "<text x=\"\(n(width - right + 22))\" y=\"\(n(top - 8))\" font-size=\"11.5\" fill=\"\(Palette.muted)\">share (95% interval), records</text>"
        )

        for (index, row) in rows.enumerated() {
            let cy = top + rowHeight * (Double(index) + 0.5)
            let lower = min(row.lower, row.share)
            let upper = max(row.upper, row.share)
            let colour = row.flagged ? Palette.vermillion : Palette.blue
            let tip =
                "\(esc(row.label)): \(HTMLFormat.percent(row.share)) off target (95% interval \(HTMLFormat.percent(lower))–\(HTMLFormat.percent(upper))), \(HTMLFormat.count(row.records)) records\(row.flagged ? ", flagged" : "")"
            canvas.add("<g class=\"\(row.flagged ? "point-flagged" : "point")\"><title>\(tip)</title>")
            canvas.add(
                "<text x=\"\(n(left - 8))\" y=\"\(n(cy + 4.5))\" text-anchor=\"end\" font-size=\"12.5\" fill=\"\(Palette.text)\"\(row.flagged ? " font-weight=\"700\"" : "")>\(esc(displayLabels[index]))</text>"
            )
            canvas.add(
                "<line x1=\"\(n(x(lower)))\" y1=\"\(n(cy))\" x2=\"\(n(x(upper)))\" y2=\"\(n(cy))\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
            )
            for end in [lower, upper] {
                canvas.add(
                    "<line x1=\"\(n(x(end)))\" y1=\"\(n(cy - 5))\" x2=\"\(n(x(end)))\" y2=\"\(n(cy + 5))\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
                )
            }
            canvas.add(
                row.flagged
                    ? diamond(cx: x(row.share), cy: cy, r: 6.5, fill: colour)
                    : "<circle cx=\"\(n(x(row.share)))\" cy=\"\(n(cy))\" r=\"4.5\" fill=\"\(colour)\" stroke=\"#FFFFFF\" stroke-width=\"1\"/>"
            )
            canvas.add(
                "<text x=\"\(n(width - right + 22))\" y=\"\(n(cy + 4.5))\" font-size=\"12\" fill=\"\(Palette.text)\"\(row.flagged ? " font-weight=\"700\"" : "")>\(esc(values[index]))</text>"
            )
            canvas.add("</g>")
        }
        canvas.add(
            "<line x1=\"\(n(x(threshold)))\" y1=\"\(n(top))\" x2=\"\(n(x(threshold)))\" y2=\"\(n(bottom))\" stroke=\"\(Palette.black)\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>"
        )
        canvas.xAxisLine(left: left, right: left + plotWidth, y: bottom)
        canvas.shareTicksBottom(axis: axis, y: bottom, x: x)
        if rows.count > 12 {
            // A tall chart: repeat the scale above the first row.
            for tick in axis.ticks {
                canvas.add(
                    "<text x=\"\(n(x(tick)))\" y=\"\(n(top - 7))\" text-anchor=\"middle\" font-size=\"11.5\" fill=\"\(Palette.muted)\">\(HTMLFormat.percentTick(tick))</text>"
                )
            }
        }
        canvas.xAxisTitle(
            "share of judged records off target (all fiscal years pooled)", centerX: left + plotWidth / 2,
            y: bottom + 40)

        let flagged = rows.filter(\.flagged).map(\.label)
        let description =
            "Off-target share with 95% interval for \(rows.count) state\(rows.count == 1 ? "" : "s"), highest first; stray threshold \(HTMLFormat.percent(threshold)). "
            + (flagged.isEmpty ? "No state is flagged." : "Flagged: \(flagged.joined(separator: ", ")).")
        return canvas.svg(
            height: height, title: title, label: "\(title): dot-and-whisker chart with 95% intervals",
            description: description)
    }

    // MARK: - Off-target share over time

    /// The pooled off-target share per fiscal year as a line, its 95% interval as a band with
    /// whiskers, and the stray threshold as a dashed line.
    package static func offTargetTrend(_ charts: ChartData) -> String {
        let title = Title.offTargetTrend
        let points = charts.offTargetTrend.filter { $0.share.isFinite }
        guard !points.isEmpty else { return noData(title: title, label: "\(title): no data") }
        let threshold = clamp(charts.strayThreshold)

        var canvas = Canvas()
        let legendHeight = canvas.legend(
            [
                LegendItem(swatch: .line(Palette.blue), label: "off-target share"),
                LegendItem(swatch: .band(Palette.skyBlue), label: "95% interval"),
                LegendItem(swatch: .diamond(Palette.vermillion), label: "flagged year"),
                LegendItem(swatch: .dashed(Palette.black), label: "stray threshold \(HTMLFormat.percent(threshold))"),
            ], x: 12, y: 14, maxWidth: width - 24)
        let left = 64.0
        let right = 24.0
        let top = 14 + legendHeight + 28
        let plotWidth = width - left - right
        let plotHeight = 240.0
        let bottom = top + plotHeight
        let slot = plotWidth / Double(points.count)
        let xLabels = categoryLabels(points.map(\.label), slot: slot)
        let height = bottom + xLabels.height + 30
        let axis = shareAxis(maxValue: max(threshold, points.map { clamp(max($0.upper, $0.share)) }.max() ?? 0))
        func x(_ index: Int) -> Double { left + slot * (Double(index) + 0.5) }
        func y(_ share: Double) -> Double { bottom - clamp(share) / axis.top * plotHeight }

        canvas.shareGridHorizontal(axis: axis, left: left, right: width - right, y: y)
        canvas.yAxisTitle("share off target", x: 16, centerY: top + plotHeight / 2)

        let lowers = points.map { min($0.lower, $0.share) }
        let uppers = points.map { max($0.upper, $0.share) }
        if points.count > 1 {
            let upperPath = uppers.enumerated().map { "\(n(x($0.offset))),\(n(y($0.element)))" }
            let lowerPath = lowers.enumerated().reversed().map { "\(n(x($0.offset))),\(n(y($0.element)))" }
            canvas.add(
                "<polygon class=\"interval-band\" points=\"\((upperPath + lowerPath).joined(separator: " "))\" fill=\"\(Palette.skyBlue)\" fill-opacity=\"0.35\" stroke=\"none\"/>"
            )
        }
        canvas.add(
            "<line x1=\"\(n(left))\" y1=\"\(n(y(threshold)))\" x2=\"\(n(width - right))\" y2=\"\(n(y(threshold)))\" stroke=\"\(Palette.black)\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>"
        )
        if points.count > 1 {
            let path = points.enumerated().map { "\(n(x($0.offset))),\(n(y($0.element.share)))" }.joined(separator: " ")
            canvas.add(
                "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(Palette.blue)\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>"
            )
        }
        let showValues = slot >= 44
        for (index, point) in points.enumerated() {
            let cx = x(index)
            let colour = point.flagged ? Palette.vermillion : Palette.blue
            canvas.add(
                "<g class=\"trend-point\"><title>\(esc(point.label)): \(HTMLFormat.percent(point.share)) off target (95% interval \(HTMLFormat.percent(lowers[index]))–\(HTMLFormat.percent(uppers[index]))), \(HTMLFormat.count(point.records)) records\(point.flagged ? ", flagged" : "")</title>"
            )
            canvas.add(
                "<line x1=\"\(n(cx))\" y1=\"\(n(y(lowers[index])))\" x2=\"\(n(cx))\" y2=\"\(n(y(uppers[index])))\" stroke=\"\(Palette.blue)\" stroke-width=\"1.5\"/>"
            )
            for end in [lowers[index], uppers[index]] {
                canvas.add(
                    "<line x1=\"\(n(cx - 5))\" y1=\"\(n(y(end)))\" x2=\"\(n(cx + 5))\" y2=\"\(n(y(end)))\" stroke=\"\(Palette.blue)\" stroke-width=\"1.5\"/>"
                )
            }
            canvas.add(
                point.flagged
                    ? diamond(cx: cx, cy: y(point.share), r: 6.5, fill: colour)
                    : "<circle cx=\"\(n(cx))\" cy=\"\(n(y(point.share)))\" r=\"4.5\" fill=\"\(colour)\" stroke=\"#FFFFFF\" stroke-width=\"1\"/>"
            )
            if showValues {
                canvas.add(
                    "<text x=\"\(n(cx))\" y=\"\(n(y(uppers[index]) - 8))\" text-anchor=\"middle\" font-size=\"12\" fill=\"\(Palette.text)\"\(point.flagged ? " font-weight=\"700\"" : "")>\(HTMLFormat.percent(point.share))</text>"
                )
            }
            canvas.add("</g>")
        }
        canvas.boundaries(
            charts.boundaries, years: points.map(\.label), left: left, slot: slot, top: top, bottom: bottom)
        canvas.xAxisLine(left: left, right: width - right, y: bottom)
        canvas.categoryTicks(xLabels, left: left, slot: slot, y: bottom)
        canvas.xAxisTitle(
            "fiscal year (all places pooled)", centerX: left + plotWidth / 2, y: bottom + xLabels.height + 22)
        let description =
            "Off-target share per fiscal year with 95% intervals: "
            + points.map { "\($0.label) \(HTMLFormat.percent($0.share))" }.joined(separator: "; ")
            + ". Stray threshold \(HTMLFormat.percent(threshold))."
            + boundaryDescription(charts.boundaries, years: points.map(\.label))
        return canvas.svg(
            height: height, title: title, label: "\(title): line with 95% interval band", description: description)
    }

    // MARK: - Victims / witnesses and minor traffic

    /// Grouped bars per fiscal year: minor-traffic records, confirmed victims / witnesses (only when
    /// the source has an indicator) and possible victims (only when the heuristic is on). A series the
    /// source cannot provide is not drawn as zeros: the chart says why it is missing.
    package static func victimsByYear(_ charts: ChartData, suppressionThreshold k: Int) -> String {
        let title = Title.victims
        struct Series {
            var key: String
            var name: String
            var colour: String
            var value: (ChartData.VictimsYear) -> Int?
        }
        var series = [
            Series(key: "minor-traffic", name: "minor traffic only", colour: Palette.orange, value: \.minorTraffic)
        ]
        if charts.victimsAvailable {
            series.append(
                Series(
                    key: "victims", name: "confirmed victims / witnesses", colour: Palette.blue,
                    value: \.confirmedVictimsWitnesses))
        }
        if charts.possibleVictimsComputed {
            series.append(
                Series(
                    key: "possible-victims", name: "possible victims (dual-arrest heuristic)",
                    colour: Palette.reddishPurple, value: \.possibleVictims))
        }
        var notes: [String] = []
        if !charts.victimsAvailable { notes.append("victim / witness status: not available in this source") }
        if !charts.possibleVictimsComputed {
            notes.append("possible victims: not computed (dual-arrest heuristic off)")
        }
        let years = charts.victimsByYear
        guard !years.isEmpty else { return noData(title: title, label: "\(title): no data", notes: notes) }

        var canvas = Canvas()
        let legendHeight = canvas.legend(
            series.map { LegendItem(swatch: .box($0.colour), label: $0.name) }, x: 12, y: 14, maxWidth: width - 24)
        let values = years.map { year in series.map { $0.value(year) } }
        let anySuppressed = values.contains { $0.contains(nil) }
        let axis = countAxis(maxValue: values.flatMap { $0.compactMap { $0 } }.max() ?? 0)
        let left = 72.0
        let right = 16.0
        let top = 14 + legendHeight + 22
        let plotWidth = width - left - right
        let plotHeight = 220.0
        let bottom = top + plotHeight
        let slot = plotWidth / Double(years.count)
        let xLabels = categoryLabels(years.map(\.year), slot: slot)
        var height = bottom + xLabels.height + 30
        height += Double(notes.count) * 18 + (anySuppressed ? 18 : 0)
        func y(_ value: Double) -> Double { bottom - value / axis.top * plotHeight }

        canvas.countGrid(axis: axis, left: left, right: width - right, y: y)
        canvas.yAxisTitle("records", x: 16, centerY: top + plotHeight / 2)
        let groupWidth = min(slot * 0.72, Double(series.count) * 46)
        let barWidth = groupWidth / Double(series.count)
        let showValues = barWidth >= 30
        for (index, year) in years.enumerated() {
            let start = left + slot * (Double(index) + 0.5) - groupWidth / 2
            for (position, item) in series.enumerated() {
                let bx = start + barWidth * Double(position)
                let cx = bx + barWidth / 2
                guard let value = values[index][position] else {
                    canvas.add(
                        "<text x=\"\(n(cx))\" y=\"\(n(bottom - 5))\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"700\" fill=\"\(Palette.text)\"><title>\(esc(year.year)) · \(esc(item.name)): suppressed (1–\(max(1, k - 1)) records)</title>*</text>"
                    )
                    continue
                }
                canvas.add(
                    "<rect class=\"bar-\(item.key)\" x=\"\(n(bx + 1))\" y=\"\(n(y(Double(value))))\" width=\"\(n(max(1, barWidth - 2)))\" height=\"\(n(max(0, bottom - y(Double(value)))))\" fill=\"\(item.colour)\">"
                        + "<title>\(esc(year.year)) · \(esc(item.name)): \(HTMLFormat.count(value))</title></rect>")
                if showValues {
                    canvas.add(
                        "<text x=\"\(n(cx))\" y=\"\(n(y(Double(value)) - 4))\" text-anchor=\"middle\" font-size=\"11\" fill=\"\(Palette.text)\">\(HTMLFormat.count(value))</text>"
                    )
                }
            }
        }
        canvas.xAxisLine(left: left, right: width - right, y: bottom)
        canvas.categoryTicks(xLabels, left: left, slot: slot, y: bottom)
        canvas.xAxisTitle("fiscal year", centerX: left + plotWidth / 2, y: bottom + xLabels.height + 22)
        var noteY = bottom + xLabels.height + 30 + 14
        if anySuppressed {
            canvas.note("* suppressed: fewer than \(k) records, not drawn", x: left, y: noteY)
            noteY += 18
        }
        for note in notes {
            canvas.note(note, x: left, y: noteY, italic: true)
            noteY += 18
        }
        let description =
            "Grouped bars per fiscal year: " + series.map(\.name).joined(separator: ", ") + ". "
            + notes.joined(separator: ". ")
        return canvas.svg(height: height, title: title, label: "\(title): grouped bars", description: description)
    }

    // MARK: - Shared pieces

    /// An empty chart: the title, and a visible "No data" note (plus any notes on what is missing).
    static func noData(title: String, label: String, notes: [String] = []) -> String {
        var canvas = Canvas()
        let height = 90.0 + Double(notes.count) * 20
        canvas.add(
            "<rect x=\"0.5\" y=\"0.5\" width=\"\(n(width - 1))\" height=\"\(n(height - 1))\" fill=\"#FAFAFA\" stroke=\"\(Palette.grid)\"/>"
        )
        canvas.add(
            "<text class=\"no-data\" x=\"\(n(width / 2))\" y=\"50\" text-anchor=\"middle\" font-size=\"16\" fill=\"\(Palette.muted)\">No data for this chart</text>"
        )
        for (index, note) in notes.enumerated() {
            canvas.add(
                "<text x=\"\(n(width / 2))\" y=\"\(n(76 + Double(index) * 20))\" text-anchor=\"middle\" font-size=\"13\" font-style=\"italic\" fill=\"\(Palette.muted)\">\(esc(note))</text>"
            )
        }
        return canvas.svg(
            height: height, title: title, label: label, description: (["No data."] + notes).joined(separator: " "))
    }

    struct Axis {
        var top: Double
        var step: Double
        var ticks: [Double] {
            guard step > 0 else { return [0] }
            return (0...Int((top / step).rounded())).map { Double($0) * step }
        }
    }

    /// A count axis from 0 with 3–6 ticks at 1, 2 or 5 × 10ⁿ.
    static func countAxis(maxValue: Int) -> Axis {
        let peak = Double(max(1, maxValue))
        let step = max(1, niceStep(peak / 5))
        return Axis(top: (peak / step).rounded(.up) * step, step: step)
    }

    /// A share axis from 0 to at most 100%, with 4–9 ticks at whole percentages.
    static func shareAxis(maxValue: Double) -> Axis {
        let peak = min(1, max(0.01, maxValue))
        let step = max(0.01, niceStep(peak / 8))
        let top = min(1, (peak / step - 1e-9).rounded(.up) * step)
        return Axis(top: max(top, step), step: step)
    }

    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        var power = 1.0
        while power * 10 <= raw { power *= 10 }
        while power > raw { power /= 10 }
        let fraction = raw / power
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power
    }

    struct CategoryLabels {
        var texts: [String]
        var rotated: Bool
        /// Vertical room the labels take below the axis.
        var height: Double
    }

    /// Category labels for an x axis: horizontal when they fit their slot, else rotated 40°.
    static func categoryLabels(_ labels: [String], slot: Double) -> CategoryLabels {
        let texts = labels.map { truncated($0, to: 18) }
        let widest = texts.map { textWidth($0, size: 12) }.max() ?? 0
        if widest <= slot * 0.92 { return CategoryLabels(texts: texts, rotated: false, height: 22) }
        return CategoryLabels(texts: texts, rotated: true, height: 16 + widest * 0.66)
    }

    enum Swatch {
        case box(String), dot(String), diamond(String), line(String), dashed(String), band(String), whisker(String)
    }

    struct LegendItem {
        var swatch: Swatch
        var label: String
    }

    /// Accumulates SVG elements.
    struct Canvas {
        var parts: [String] = []

        mutating func add(_ element: String) { parts.append(element) }

        /// Draws legend items left to right, wrapping; returns the height used.
        mutating func legend(_ items: [LegendItem], x: Double, y: Double, maxWidth: Double) -> Double {
            var cx = x
            var cy = y
            let lineHeight = 20.0
            add("<g class=\"legend\">")
            for item in items {
                let itemWidth = 26 + textWidth(item.label, size: 12.5) + 22
                if cx > x, cx + itemWidth > x + maxWidth {
                    cx = x
                    cy += lineHeight
                }
                let mid = cy + 5
                switch item.swatch {
                case .box(let colour):
                    add(
                        "<rect x=\"\(n(cx))\" y=\"\(n(mid - 6))\" width=\"16\" height=\"12\" fill=\"\(colour)\" stroke=\"#666666\" stroke-width=\"0.5\"/>"
                    )
                case .dot(let colour):
                    add(
                        "<line x1=\"\(n(cx))\" y1=\"\(n(mid))\" x2=\"\(n(cx + 18))\" y2=\"\(n(mid))\" stroke=\"\(colour)\" stroke-width=\"2\"/><circle cx=\"\(n(cx + 9))\" cy=\"\(n(mid))\" r=\"4.5\" fill=\"\(colour)\"/>"
                    )
                case .diamond(let colour):
                    add(diamond(cx: cx + 9, cy: mid, r: 6.5, fill: colour))
                case .line(let colour):
                    add(
                        "<line x1=\"\(n(cx))\" y1=\"\(n(mid))\" x2=\"\(n(cx + 18))\" y2=\"\(n(mid))\" stroke=\"\(colour)\" stroke-width=\"2.5\"/><circle cx=\"\(n(cx + 9))\" cy=\"\(n(mid))\" r=\"4\" fill=\"\(colour)\"/>"
                    )
                case .dashed(let colour):
                    add(
                        "<line x1=\"\(n(cx + 9))\" y1=\"\(n(mid - 8))\" x2=\"\(n(cx + 9))\" y2=\"\(n(mid + 8))\" stroke=\"\(colour)\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>"
                    )
                case .band(let colour):
                    add(
                        "<rect x=\"\(n(cx))\" y=\"\(n(mid - 6))\" width=\"18\" height=\"12\" fill=\"\(colour)\" fill-opacity=\"0.35\"/>"
                    )
                case .whisker(let colour):
                    add(
                        "<line x1=\"\(n(cx))\" y1=\"\(n(mid))\" x2=\"\(n(cx + 18))\" y2=\"\(n(mid))\" stroke=\"\(colour)\" stroke-width=\"2\"/><line x1=\"\(n(cx))\" y1=\"\(n(mid - 5))\" x2=\"\(n(cx))\" y2=\"\(n(mid + 5))\" stroke=\"\(colour)\" stroke-width=\"2\"/><line x1=\"\(n(cx + 18))\" y1=\"\(n(mid - 5))\" x2=\"\(n(cx + 18))\" y2=\"\(n(mid + 5))\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
                    )
                }
                add(
                    "<text x=\"\(n(cx + 26))\" y=\"\(n(mid + 4.5))\" font-size=\"12.5\" fill=\"\(Palette.text)\">\(esc(item.label))</text>"
                )
                cx += itemWidth
            }
            add("</g>")
            return cy - y + lineHeight
        }

        mutating func countGrid(axis: Axis, left: Double, right: Double, y: (Double) -> Double) {
            for tick in axis.ticks {
                add(
                    "<line x1=\"\(n(left))\" y1=\"\(n(y(tick)))\" x2=\"\(n(right))\" y2=\"\(n(y(tick)))\" stroke=\"\(Palette.grid)\" stroke-width=\"1\"/>"
                )
                add(
                    "<text x=\"\(n(left - 7))\" y=\"\(n(y(tick) + 4))\" text-anchor=\"end\" font-size=\"11.5\" fill=\"\(Palette.muted)\">\(HTMLFormat.count(Int(tick.rounded())))</text>"
                )
            }
        }

        mutating func shareGridHorizontal(axis: Axis, left: Double, right: Double, y: (Double) -> Double) {
            for tick in axis.ticks {
                add(
                    "<line x1=\"\(n(left))\" y1=\"\(n(y(tick)))\" x2=\"\(n(right))\" y2=\"\(n(y(tick)))\" stroke=\"\(Palette.grid)\" stroke-width=\"1\"/>"
                )
                add(
                    "<text x=\"\(n(left - 7))\" y=\"\(n(y(tick) + 4))\" text-anchor=\"end\" font-size=\"11.5\" fill=\"\(Palette.muted)\">\(HTMLFormat.percentTick(tick))</text>"
                )
            }
        }

        mutating func shareGridVertical(axis: Axis, top: Double, bottom: Double, x: (Double) -> Double) {
            for tick in axis.ticks {
                add(
                    "<line x1=\"\(n(x(tick)))\" y1=\"\(n(top))\" x2=\"\(n(x(tick)))\" y2=\"\(n(bottom))\" stroke=\"\(Palette.grid)\" stroke-width=\"1\"/>"
                )
            }
        }

        mutating func shareTicksBottom(axis: Axis, y: Double, x: (Double) -> Double) {
            for tick in axis.ticks {
                add(
                    "<line x1=\"\(n(x(tick)))\" y1=\"\(n(y))\" x2=\"\(n(x(tick)))\" y2=\"\(n(y + 4))\" stroke=\"\(Palette.axis)\"/>"
                )
                add(
                    "<text x=\"\(n(x(tick)))\" y=\"\(n(y + 17))\" text-anchor=\"middle\" font-size=\"11.5\" fill=\"\(Palette.muted)\">\(HTMLFormat.percentTick(tick))</text>"
                )
            }
        }

        mutating func xAxisLine(left: Double, right: Double, y: Double) {
            add(
                "<line x1=\"\(n(left))\" y1=\"\(n(y))\" x2=\"\(n(right))\" y2=\"\(n(y))\" stroke=\"\(Palette.axis)\" stroke-width=\"1\"/>"
            )
        }

        mutating func categoryTicks(_ labels: CategoryLabels, left: Double, slot: Double, y: Double) {
            for (index, label) in labels.texts.enumerated() {
                let cx = left + slot * (Double(index) + 0.5)
                if labels.rotated {
                    add(
                        "<text x=\"\(n(cx))\" y=\"\(n(y + 14))\" text-anchor=\"end\" font-size=\"12\" fill=\"\(Palette.text)\" transform=\"rotate(-40 \(n(cx)) \(n(y + 14)))\">\(esc(label))</text>"
                    )
                } else {
                    add(
                        "<text x=\"\(n(cx))\" y=\"\(n(y + 17))\" text-anchor=\"middle\" font-size=\"12\" fill=\"\(Palette.text)\">\(esc(label))</text>"
                    )
                }
            }
        }

        mutating func xAxisTitle(_ text: String, centerX: Double, y: Double) {
            add(
                "<text x=\"\(n(centerX))\" y=\"\(n(y))\" text-anchor=\"middle\" font-size=\"12.5\" fill=\"\(Palette.muted)\">\(esc(text))</text>"
            )
        }

        mutating func yAxisTitle(_ text: String, x: Double, centerY: Double) {
            add(
                "<text x=\"\(n(x))\" y=\"\(n(centerY))\" text-anchor=\"middle\" font-size=\"12.5\" fill=\"\(Palette.muted)\" transform=\"rotate(-90 \(n(x)) \(n(centerY)))\">\(esc(text))</text>"
            )
        }

        mutating func note(_ text: String, x: Double, y: Double, italic: Bool = false) {
            add(
                "<text class=\"chart-note\" x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"12.5\"\(italic ? " font-style=\"italic\"" : "") fill=\"\(Palette.text)\">\(esc(text))</text>"
            )
        }

        /// The finished `<svg>`: scales to its container, with its title, description and label.
        func svg(height: Double, title: String, label: String, description: String) -> String {
            "<svg viewBox=\"0 0 \(n(SVGChart.width)) \(n(height))\" width=\"\(n(SVGChart.width))\" height=\"\(n(height))\" role=\"img\" aria-label=\"\(esc(label))\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'Liberation Sans', 'DejaVu Sans', sans-serif\">"
                + "<title>\(esc(title))</title><desc>\(esc(description))</desc>\n" + parts.joined(separator: "\n")
                + "\n</svg>"
        }
    }

    static func diamond(cx: Double, cy: Double, r: Double, fill: String) -> String {
        "<path d=\"M\(n(cx)) \(n(cy - r))L\(n(cx + r)) \(n(cy))L\(n(cx)) \(n(cy + r))L\(n(cx - r)) \(n(cy))Z\" fill=\"\(fill)\" stroke=\"#FFFFFF\" stroke-width=\"1\"/>"
    }

    /// `level_1` → `Level 1`, `not_convicted` → `Not convicted`.
    static func pretty(_ key: String) -> String {
        let spaced = String(key.map { $0 == "_" ? " " : $0 })
        guard let first = spaced.first else { return spaced }
        return first.uppercased() + spaced.dropFirst()
    }

    /// A label cut to `limit` characters with an ellipsis (the full label stays in the `<title>`).
    static func truncated(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// Approximate rendered width of `text` in a sans-serif face (DejaVu Sans / Helvetica-like
    /// advance widths in ems: capitals and digits are wider than lower case, spaces and `il.,` narrow).
    static func textWidth(_ text: String, size: Double, bold: Bool = false) -> Double {
        var ems = 0.0
        for character in text {
            switch character {
            case " ", "i", "l", "j", "I", ".", ",", ":", ";", "'", "|", "!": ems += 0.32
            case "f", "t", "r", "(", ")", "[", "]", "-", "/": ems += 0.42
            case "m", "w", "M", "W", "%", "@": ems += 0.92
            case "A"..."Z": ems += 0.72
            case "0"..."9": ems += 0.64
            default: ems += character.isASCII ? 0.6 : 0.8
            }
        }
        return ems * size * (bold ? 1.08 : 1)
    }

    static func clamp(_ share: Double) -> Double { share.isFinite ? min(1, max(0, share)) : 0 }

    static func esc(_ text: String) -> String { HTMLEscaping.escape(text) }

    /// A coordinate with at most one decimal.
    static func n(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0
            ? String(tenths / 10) : (tenths < 0 ? "-" : "") + "\(tenths.magnitude / 10).\(tenths.magnitude % 10)"
    }
}
