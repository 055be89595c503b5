import AuditCore
import Testing

/// Every count column is counted by exactly one label (or is `records`, `minor_traffic`,
/// `immigration_only`): the labels' `countColumn` mappings cover the columns without overlap, so a
/// new label case or column cannot be left uncounted.
@Suite struct CountColumnVocabularyTests {
    @Test func theLabelFamiliesCoverEveryCountColumnOnce() {
        let mapped: [CountColumn] =
            Criminality.allCases.map(\.countColumn) + DerivedLevel.allCases.map(\.countColumn)
            + ICEThreatLevel.allCases.map(\.countColumn) + VictimWitnessStatus.allCases.map(\.countColumn)
            + TargetStatus.allCases.map(\.countColumn) + ApprehensionType.allCases.map(\.countColumn)
        let flags: [CountColumn] = [.records, .minorTraffic, .immigrationOnly]
        #expect((mapped + flags).count == CountColumn.allCases.count)
        #expect(Set(mapped + flags) == Set(CountColumn.allCases))
        // Spot checks written out: the spellings users see.
        #expect(Criminality.unknown.countColumn.rawValue == "criminality_unknown")
        #expect(ICEThreatLevel.level1.countColumn.rawValue == "ice_level_1")
        #expect(VictimWitnessStatus.none.countColumn.rawValue == "victim_witness_none")
        #expect(TargetStatus.undetermined.countColumn.rawValue == "target_undetermined")
        #expect(ApprehensionType.unknown.countColumn.rawValue == "apprehension_type_unknown")
    }
}
