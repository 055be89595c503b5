/// One policy era's counted records and shares (`eras.csv`): era order, then the records in no era.
///
/// Shares are over all of the era's records, like the targets tables' (`TargetMetricsRow`); a
/// share whose label is unknown for every record is nil (the source cannot know it).
public struct EraCounts: Sendable, Equatable {
    /// nil for the row of records in no era (before the first era, in a declared gap, or undated).
    public var era: TargetEra?
    public var counts: CountVector
    /// `not_convicted` / records.
    public var noConviction: ShareEstimate?
    /// `no_criminal_record` / records.
    public var noCriminalRecord: ShareEstimate?
    /// `level_1` / records.
    public var level1: ShareEstimate?

    public init(
        era: TargetEra?, counts: CountVector, noConviction: ShareEstimate?, noCriminalRecord: ShareEstimate?,
        level1: ShareEstimate?
    ) {
        self.era = era
        self.counts = counts
        self.noConviction = noConviction
        self.noCriminalRecord = noCriminalRecord
        self.level1 = level1
    }
}
