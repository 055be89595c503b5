package import AuditCore

/// The run's counted records per policy era, from the day report: one row per era the records fall
/// in, in era order, then one row for records in no era (before the first, in a declared gap, or
/// undated) when there are any.
package enum EraShares {
    package static func rows(_ targets: TargetsDefinition, byDay: ReportTable) -> [EraCounts] {
        var perEra = [CountVector](repeating: CountVector(), count: targets.eras.count)
        var outside = CountVector()
        for row in byDay.rows {
            if let day = SimpleDate(isoText: row.key[0]), let index = targets.eraIndex(for: day) {
                perEra[index].merge(row.counts)
            } else {
                outside.merge(row.counts)
            }
        }
        var rows = zip(targets.eras, perEra).filter { $0.1[.records] > 0 }.map { shares(era: $0.0, counts: $0.1) }
        if outside[.records] > 0 { rows.append(shares(era: nil, counts: outside)) }
        return rows
    }

    /// Shares over all records; nil when the source cannot know the numerator: criminality unknown
    /// for every record (the two criminality shares), or no record with a derived level 1–3 while
    /// some are unclassified (level 1: the source carries no usable offense evidence).
    static func shares(era: TargetEra?, counts: CountVector) -> EraCounts {
        let records = counts[.records]
        let criminalityKnown = counts[.criminalityUnknown] < records
        let levelKnown = counts[.level1] + counts[.level2] + counts[.level3] > 0 || counts[.unclassified] == 0
        return EraCounts(
            era: era, counts: counts,
            noConviction: criminalityKnown ? WilsonInterval.estimate(counts[.notConvicted], of: records) : nil,
            noCriminalRecord: criminalityKnown ? WilsonInterval.estimate(counts[.noCriminalRecord], of: records) : nil,
            level1: levelKnown ? WilsonInterval.estimate(counts[.level1], of: records) : nil)
    }
}
