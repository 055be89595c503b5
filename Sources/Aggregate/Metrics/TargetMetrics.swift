package import AuditCore

/// Computes deviation-from-targets metrics for every row of a report table.
///
/// Per row: shares with 95% Wilson intervals (off target, no conviction, minor traffic only,
/// immigration only, Level 1, collateral among arrests whose apprehension type is recorded), confirmed and possible victims / witnesses, whether the group strays
/// (interval lower bound above the threshold, so small groups are not flagged on noise), and the
/// off-target share of the nearest earlier period of the same group when the report is grouped by a
/// period (`fiscal_year`, `calendar_year` or `month`).
package enum TargetMetrics {
    package static func rows(for table: ReportTable, strayThreshold: Double) -> [TargetMetricsRow] {
        let periodIndex = table.spec.groupBy.firstIndex { $0 == .fiscalYear || $0 == .calendarYear || $0 == .month }
        var rows = table.rows.map { row in metrics(row, strayThreshold: strayThreshold) }
        guard let periodIndex else { return rows }
        // Same group, other periods: nearest earlier one (period labels sort chronologically).
        var byGroup: [[String]: [Int]] = [:]
        for (index, row) in rows.enumerated() {
            var rest = row.key
            rest.remove(at: periodIndex)
            byGroup[rest, default: []].append(index)
        }
        for indices in byGroup.values {
            let ordered = indices.filter { !rows[$0].key[periodIndex].hasPrefix("(") }.sorted {
                rows[$0].key[periodIndex] < rows[$1].key[periodIndex]
            }
            for (position, index) in ordered.enumerated() where position > 0 {
                let previous = rows[ordered[position - 1]]
                rows[index].previousPeriod = previous.key[periodIndex]
                rows[index].previousOffTarget = previous.offTarget
            }
        }
        return rows
    }

    static func metrics(_ row: ReportRow, strayThreshold: Double) -> TargetMetricsRow {
        let c = row.counts
        let judged = c[.onTarget] + c[.offTarget]
        let records = c[.records]
        let offTarget = WilsonInterval.estimate(c[.offTarget], of: judged)
        return TargetMetricsRow(
            key: row.key, counts: c, offTarget: offTarget,
            noConviction: WilsonInterval.estimate(c[.notConvicted], of: records),
            minorTraffic: WilsonInterval.estimate(c[.minorTraffic], of: records),
            immigrationOnly: WilsonInterval.estimate(c[.immigrationOnly], of: records),
            level1: WilsonInterval.estimate(c[.level1], of: records),
            confirmedVictimsWitnesses: c[.victimDomesticViolence] + c[.victimViolentCrime] + c[.victimTrafficking]
                + c[.witness],
            possibleVictims: c[.possibleVictim],
            flagged: (offTarget?.lower ?? 0) > strayThreshold,
            previousPeriod: nil, previousOffTarget: nil,
            collateral: WilsonInterval.estimate(c[.collateral], of: c[.targeted] + c[.collateral]))
    }
}
