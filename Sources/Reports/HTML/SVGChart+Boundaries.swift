internal import AuditCore

extension SVGChart.Canvas {
    /// A dotted vertical line, with its label at the top, where an era starts or ends (or a field
    /// starts or stops being recorded) inside a charted fiscal year: at its day's place within the
    /// year's slot. Boundaries in years the chart does not show are left out.
    mutating func boundaries(
        _ boundaries: [ChartData.Boundary], years: [String], left: Double, slot: Double, top: Double, bottom: Double
    ) {
        for boundary in boundaries {
            guard let index = years.firstIndex(of: String(boundary.date.fiscalYear)),
                let start = SimpleDate(year: boundary.date.fiscalYear - 1, month: 10, day: 1)
            else { continue }
            let fraction = min(1, Double(boundary.date.dayNumber - start.dayNumber) / 365)
            let x = left + slot * (Double(index) + fraction)
            let label = SVGChart.esc(boundary.label)
            add(
                "<g class=\"era-boundary\"><title>\(label) (\(boundary.date.isoString))</title><line x1=\"\(SVGChart.n(x))\" y1=\"\(SVGChart.n(top - 10))\" x2=\"\(SVGChart.n(x))\" y2=\"\(SVGChart.n(bottom))\" stroke=\"\(SVGChart.Palette.muted)\" stroke-width=\"1\" stroke-dasharray=\"2 3\"/>"
                    + "<text x=\"\(SVGChart.n(x + 3))\" y=\"\(SVGChart.n(top - 2))\" font-size=\"10\" fill=\"\(SVGChart.Palette.muted)\">\(label)</text></g>"
            )
        }
    }
}

extension SVGChart {
    /// The sentence the charts' descriptions add for the boundaries they mark.
    static func boundaryDescription(_ boundaries: [ChartData.Boundary], years: [String]) -> String {
        let shown = boundaries.filter { years.contains(String($0.date.fiscalYear)) }
        guard !shown.isEmpty else { return "" }
        return " Dotted lines mark " + shown.map { "\($0.label) (\($0.date.isoString))" }.joined(separator: "; ") + "."
    }
}
