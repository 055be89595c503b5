import Aggregate
import AuditCore
import Reports

/// Builds the HTML charts' data from the pooled-by-year and pooled-by-state tables, after the same
/// suppression as the published tables (a suppressed count is nil; a withheld share is left out).
enum ChartBuilder {
    static func charts(_ tables: [ReportTable], publisher: Publisher, threshold: Double) -> ChartData {
        var charts = ChartData()
        charts.strayThreshold = threshold
        charts.victimsAvailable = publisher.victimWitnessAvailable
        charts.possibleVictimsComputed = publisher.possibleVictimComputed
        if let years = tables.first(where: { $0.spec.name == BuiltInOutputs.chartPrefix + "fiscal_year" }) {
            let mask = publisher.suppressionMask(years)
            let metrics = TargetMetrics.rows(for: years, strayThreshold: threshold)
            for (index, row) in years.rows.enumerated() {
                let hidden = mask[index]
                func value(_ column: CountColumn) -> Int? { hidden[column.index].isHidden ? nil : row.counts[column] }
                charts.severityByYear.append(
                    .init(
                        year: row.key[0],
                        counts: [
                            value(.level1), value(.level2), value(.level3), value(.notConvicted), value(.unclassified),
                        ]))
                let confirmed: [CountColumn] = [
                    .victimDomesticViolence, .victimViolentCrime, .victimTrafficking, .witness,
                ]
                charts.victimsByYear.append(
                    .init(
                        year: row.key[0], minorTraffic: value(.minorTraffic),
                        confirmedVictimsWitnesses: confirmed.contains { hidden[$0.index].isHidden }
                            ? nil : metrics[index].confirmedVictimsWitnesses,
                        possibleVictims: value(.possibleVictim)))
                if let share = interval(metrics[index], hidden: hidden) { charts.offTargetTrend.append(share) }
            }
        }
        if let states = tables.first(where: { $0.spec.name == BuiltInOutputs.chartPrefix + "state" }) {
            let mask = publisher.suppressionMask(states)
            let metrics = TargetMetrics.rows(for: states, strayThreshold: threshold)
            charts.offTargetByState = metrics.indices.compactMap { interval(metrics[$0], hidden: mask[$0]) }
                .filter { !$0.label.hasPrefix("(") }
        }
        return charts
    }

    private static func interval(_ metric: TargetMetricsRow, hidden: [SmallCellSuppression.Mark]) -> ChartData
        .ShareWithInterval?
    {
        guard let share = metric.offTarget, !hidden[CountColumn.onTarget.index].isHidden,
            !hidden[CountColumn.offTarget.index].isHidden
        else { return nil }
        return .init(
            label: metric.key[0], share: share.share, lower: share.lower, upper: share.upper,
            records: metric.counts[.records], flagged: metric.flagged)
    }
}
