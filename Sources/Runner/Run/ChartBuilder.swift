import Aggregate
import AuditCore
import Reports

/// Builds the HTML charts' data from the pooled-by-year and pooled-by-state tables through the run's
/// one mask (`PublicationMask`, decided in Reports): a hidden count is nil; a share resting on a
/// hidden count is left out.
enum ChartBuilder {
    static func charts(
        _ tables: [ReportTable], publisher: Publisher, mask publication: PublicationMask, threshold: Double
    )
        -> ChartData
    {
        var charts = ChartData()
        charts.strayThreshold = threshold
        charts.victimsAvailable = publisher.victimWitnessAvailable
        charts.possibleVictimsComputed = publisher.possibleVictimComputed
        if let years = tables.first(where: { $0.spec.name == BuiltInOutputs.chartPrefix + "fiscal_year" }) {
            let mask = publication.table(years)
            let confirmedMarks = publication.confirmed(years)
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
                let confirmedHidden = confirmedMarks.isEmpty || confirmedMarks[index].isHidden
                charts.victimsByYear.append(
                    .init(
                        year: row.key[0], minorTraffic: value(.minorTraffic),
                        confirmedVictimsWitnesses: confirmedHidden ? nil : metrics[index].confirmedVictimsWitnesses,
                        possibleVictims: value(.possibleVictim)))
                if let share = interval(metrics[index], hidden: hidden) { charts.offTargetTrend.append(share) }
            }
        }
        if let states = tables.first(where: { $0.spec.name == BuiltInOutputs.chartPrefix + "state" }) {
            let mask = publication.table(states)
            let metrics = TargetMetrics.rows(for: states, strayThreshold: threshold)
            charts.offTargetByState = metrics.indices.compactMap { interval(metrics[$0], hidden: mask[$0]) }
                .filter { !$0.label.hasPrefix("(") }
        }
        return charts
    }

    private static func interval(_ metric: TargetMetricsRow, hidden: [DisclosureModel.Mark]) -> ChartData
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
