/// One policy era's counted records and shares (`eras.csv`): era order, then the records in no era.
///
/// Shares are over all of the era's records, like the targets tables' (`TargetMetricsRow`); a
/// share whose label is unknown for every record is nil (the source cannot know it).
package struct EraCounts: Sendable, Equatable {
    /// nil for the row of records in no era (before the first era, in a declared gap, or undated).
    package var era: TargetEra?
    package var counts: CountVector
    /// `not_convicted` / records.
    package var noConviction: ShareEstimate?
    /// `no_criminal_record` / records.
    package var noCriminalRecord: ShareEstimate?
    /// `level_1` / records.
    package var level1: ShareEstimate?

    package init(
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
