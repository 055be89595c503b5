/// A share with its 95% Wilson score interval.
package struct ShareEstimate: Sendable, Equatable {
    package var numerator: Int
    package var denominator: Int
    package var share: Double
    package var lower: Double
    package var upper: Double

    package init(numerator: Int, denominator: Int, share: Double, lower: Double, upper: Double) {
        self.numerator = numerator
        self.denominator = denominator
        self.share = share
        self.lower = lower
        self.upper = upper
    }
}

/// Deviation-from-targets metrics for one group of one report.
///
/// Grain: one per report row. Shares are nil when their denominator is 0. `offTarget` is
/// off / (on + off): undetermined and not-judged records are left out of it. The other shares are
/// over all records (so a share never needs a suppressed `criminality_unknown` to be read).
package struct TargetMetricsRow: Sendable, Equatable {
    package var key: [String]
    package var counts: CountVector
    package var offTarget: ShareEstimate?
    package var noConviction: ShareEstimate?
    package var minorTraffic: ShareEstimate?
    package var immigrationOnly: ShareEstimate?
    package var level1: ShareEstimate?
    /// collateral / (targeted + collateral): over the arrests whose apprehension type is recorded.
    package var collateral: ShareEstimate?
    package var confirmedVictimsWitnesses: Int
    package var possibleVictims: Int
    /// The off-target interval's lower bound exceeds the stray threshold.
    package var flagged: Bool
    /// The nearest earlier period of the same group, when the report is grouped by a period.
    package var previousPeriod: String?
    package var previousOffTarget: ShareEstimate?

    package init(
        key: [String], counts: CountVector, offTarget: ShareEstimate?, noConviction: ShareEstimate?,
        minorTraffic: ShareEstimate?,
        immigrationOnly: ShareEstimate?, level1: ShareEstimate?, confirmedVictimsWitnesses: Int, possibleVictims: Int,
        flagged: Bool,
        previousPeriod: String?, previousOffTarget: ShareEstimate?, collateral: ShareEstimate? = nil
    ) {
        self.collateral = collateral
        self.key = key
        self.counts = counts
        self.offTarget = offTarget
        self.noConviction = noConviction
        self.minorTraffic = minorTraffic
        self.immigrationOnly = immigrationOnly
        self.level1 = level1
        self.confirmedVictimsWitnesses = confirmedVictimsWitnesses
        self.possibleVictims = possibleVictims
        self.flagged = flagged
        self.previousPeriod = previousPeriod
        self.previousOffTarget = previousOffTarget
    }

    /// Change of the off-target share since the previous period, in share units.
    package var offTargetChange: Double? {
        guard let now = offTarget, let before = previousOffTarget else { return nil }
        return now.share - before.share
    }
}
