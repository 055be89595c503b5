import AuditCore
import Testing

@testable import Reports

/// The method note on unmapped offenses reads `rules.csv` as published: the same count cell, and a
/// share only when every count it rests on is shown. Tables written out by hand.
@Suite struct MethodNotesTests {
    private func rules(_ rows: [(String, String, PublishedCell)]) -> PublishedTable {
        PublishedTable(
            name: "rules", title: "", description: "", columns: [],
            rows: rows.map { [.text($0.0), .text($0.1), .text("2026.12.0"), $0.2] })
    }

    @Test func givesTheCountAndShareWhenEveryCountIsPublished() {
        let table = rules([
            ("criminality", "criminality.column", .count(200)),
            ("immigration_only", "immigration_only.not_convicted", .count(100)),
            ("immigration_only", "immigration_only.offense_immigration", .count(15)),
            ("immigration_only", "immigration_only.offense_other", .count(73)),
            ("immigration_only", "immigration_only.offense_unmapped", .count(12)),
        ])
        // 12 of 15 + 73 + 12 = 100 convicted records: 12.0%.
        #expect(
            MethodNotes.unmappedOffenses(table)
                == "Offense vocabulary: 12 convicted records carry an MSC code or name that no offense table row matches (rules.csv, immigration_only.offense_unmapped; the values are in internal/unmapped.csv); their level is unclassified and they count as neither minor traffic nor immigration only — 12.0% of the 100 convicted records."
        )
    }

    @Test func aHiddenCountHidesTheShare() {
        let table = rules([
            ("immigration_only", "immigration_only.offense_other", .complementary),
            ("immigration_only", "immigration_only.offense_unmapped", .suppressed(10)),
        ])
        #expect(
            MethodNotes.unmappedOffenses(table)
                == "Offense vocabulary: <10 convicted records carry an MSC code or name that no offense table row matches (rules.csv, immigration_only.offense_unmapped; the values are in internal/unmapped.csv); their level is unclassified and they count as neither minor traffic nor immigration only."
        )
    }

    @Test func saysSoWhenEveryOffenseMatched() {
        let table = rules([("immigration_only", "immigration_only.offense_other", .count(5))])
        #expect(
            MethodNotes.unmappedOffenses(table)
                == "Offense vocabulary: every convicted record's MSC code or name matched a row of the offense table.")
    }
}
