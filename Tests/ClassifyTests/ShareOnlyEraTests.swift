import AuditCore
import Classify
import Testing

/// Records dated in an era without a verdict are not judged but keep their era, and the rule says
/// why; a declared gap's records fall outside every era.
@Suite struct ShareOnlyEraTests {
    static let rule = TargetRule(
        id: "no_criminal_record", description: "d", source: "s", when: TargetCondition(criminality: [.noCriminalRecord])
    )
    static let targets = TargetsDefinition(
        name: "t", version: "1", strayThreshold: 0.25,
        eras: [
            TargetEra(
                id: "judged", name: "J", from: SimpleDate(year: 2017, month: 1, day: 25)!,
                to: SimpleDate(year: 2021, month: 1, day: 19)!, offTarget: [rule]),
            TargetEra(
                id: "broad", name: "B", from: SimpleDate(year: 2025, month: 1, day: 20)!, to: nil, offTarget: [],
                verdict: .none, source: "s", note: "n"),
        ],
        gaps: [
            TargetGap(
                from: SimpleDate(year: 2021, month: 1, day: 20)!, to: SimpleDate(year: 2025, month: 1, day: 19)!,
                reason: "r")
        ])

    static func classify(criminality: String, on date: SimpleDate) -> Classification {
        var record = TestRecords.record([.criminality: criminality])
        record.date = date
        return Classifier(
            table: TestRecords.table, spec: ClassificationSpec(), availableFields: TestRecords.detainerFields,
            targets: targets
        )
        .classify(record).classification
    }

    @Test(
        arguments: [
            ("3 Other Immigration Violator", 2026, "target_not_judged", "broad", "target.broad.no_verdict"),
            ("1 Convicted Criminal", 2026, "target_not_judged", "broad", "target.broad.no_verdict"),
            ("3 Other Immigration Violator", 2019, "off_target", "judged", "target.judged.no_criminal_record"),
            ("3 Other Immigration Violator", 2023, "target_not_judged", nil, "target.outside_eras"),
        ] as [(String, Int, String, String?, String)])
    func judged(_ criminality: String, _ year: Int, _ status: String, _ era: String?, _ rule: String) {
        let labels = Self.classify(criminality: criminality, on: SimpleDate(year: year, month: 2, day: 11)!)
        #expect(labels.target.rawValue == status)
        #expect(labels.era == era)
        #expect(labels.rules.target == rule)
    }

    @Test func gapDatesAreValidatedAsCovered() {
        #expect(Self.targets.validate().isEmpty)
    }
}
