/// A share with its 95% Wilson score interval.
public struct ShareEstimate: Sendable, Equatable {
    public var numerator: Int
    public var denominator: Int
    public var share: Double
    public var lower: Double
    public var upper: Double

    public init(numerator: Int, denominator: Int, share: Double, lower: Double, upper: Double) {
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
public struct TargetMetricsRow: Sendable, Equatable {
    public var key: [String]
    public var counts: CountVector
    public var offTarget: ShareEstimate?
    public var noConviction: ShareEstimate?
    public var minorTraffic: ShareEstimate?
    public var immigrationOnly: ShareEstimate?
    public var level1: ShareEstimate?
    /// collateral / (targeted + collateral): over the arrests whose apprehension type is recorded.
    public var collateral: ShareEstimate?
    public var confirmedVictimsWitnesses: Int
    public var possibleVictims: Int
    /// The off-target interval's lower bound exceeds the stray threshold.
    public var flagged: Bool
    /// The nearest earlier period of the same group, when the report is grouped by a period.
    public var previousPeriod: String?
    public var previousOffTarget: ShareEstimate?

    public init(
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
    public var offTargetChange: Double? {
        guard let now = offTarget, let before = previousOffTarget else { return nil }
        return now.share - before.share
    }
}
