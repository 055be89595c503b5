import AuditCore
import Classify
import Testing

/// Targets judged in three values (issue 13 item 4): a rule the record cannot tell makes it
/// `target_undetermined`; a rule the source cannot test at all is skipped, never passed silently.
///
/// The eras and conditions are those of `Pipelines/targets/secure-communities.yml`: PEP (20 November
/// 2014 – 24 January 2017: no conviction, minor traffic only, confirmed victim or witness) and
/// Secure Communities restored (Executive Order 13768 section 5: "neither convicted nor charged",
/// i.e. `no_criminal_record` only).
@Suite struct TargetJudgeTests {
    static let targets = TargetsDefinition(
        name: "t", version: "t", strayThreshold: 0.25,
        eras: [
            TargetEra(
                id: "pep", name: "PEP", from: SimpleDate(year: 2014, month: 11, day: 20)!,
                to: SimpleDate(year: 2017, month: 1, day: 24)!,
                offTarget: [
                    TargetRule(
                        id: "no_conviction", description: "", source: "",
                        when: TargetCondition(criminality: [.pendingCharges, .noCriminalRecord, .noConvictionRecorded])),
                    TargetRule(
                        id: "minor_traffic_only", description: "", source: "",
                        when: TargetCondition(criminality: [.convicted], minorTraffic: true)),
                    TargetRule(
                        id: "victim_or_witness", description: "", source: "",
                        when: TargetCondition(victimWitness: [
                            .victimDomesticViolence, .victimViolentCrime, .victimTrafficking, .witness,
                        ])),
                ]),
            TargetEra(
                id: "sc_2017", name: "SC 2017", from: SimpleDate(year: 2017, month: 1, day: 25)!,
                to: SimpleDate(year: 2021, month: 1, day: 19)!,
                offTarget: [
                    TargetRule(
                        id: "no_criminal_record", description: "", source: "",
                        when: TargetCondition(criminality: [.noCriminalRecord]),
                        unlessFlags: [.illegalEntry, .illegalReentry, .immigrationFraud, .significantRisk])
                ]),
        ])

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var fields: [Field: String]
        var available: Set<Field>
        var date: SimpleDate
        var status: TargetStatus
        var rule: String
        var testDescription: String { name }
    }

    static let sc2017 = SimpleDate(year: 2018, month: 6, day: 1)!
    static let pep = SimpleDate(year: 2015, month: 6, day: 1)!
    /// A source with MSC columns but no criminality column (issue 13: the arrests file).
    static let mscOnly: Set<Field> = [.mscCode, .mscName]

    static let cases: [Case] = [
        Case(
            name: "2017 rule, no_conviction_recorded: pending or none cannot be told → undetermined",
            fields: [:], available: mscOnly, date: sc2017, status: .undetermined,
            rule: "target.sc_2017.no_criminal_record.cannot_tell"),
        Case(
            name: "2017 rule, a conviction recorded → on target",
            fields: [.mscCode: "5499"], available: mscOnly, date: sc2017, status: .onTarget,
            rule: "target.sc_2017.on_target"),
        Case(
            name: "2017 rule, ICE's '3 Other Immigration Violator' → off target",
            fields: [.criminality: "3 Other Immigration Violator"], available: TestRecords.detainerFields, date: sc2017,
            status: .offTarget, rule: "target.sc_2017.no_criminal_record"),
        Case(
            name: "2017 rule, pending charges are charged → on target",
            fields: [.criminality: "2 Pending Criminal Charges"], available: TestRecords.detainerFields, date: sc2017,
            status: .onTarget, rule: "target.sc_2017.on_target"),
        Case(
            name: "PEP no-conviction rule lists no_conviction_recorded itself → off target",
            fields: [:], available: mscOnly, date: pep, status: .offTarget, rule: "target.pep.no_conviction"),
        Case(
            name:
                "PEP without a victim column: the victim rule is not tested, the record is on target by the other rules",
            fields: [.criminality: "1 Convicted Criminal", .mscCode: "5404"], available: TestRecords.detainerFields,
            date: pep,
            status: .onTarget, rule: "target.pep.on_target"),
        Case(
            name: "PEP with a victim column and an unmapped value: the victim rule cannot tell → undetermined",
            fields: [.criminality: "1 Convicted Criminal", .mscCode: "5404", .victimWitnessIndicator: "maybe"],
            available: TestRecords.detainerFields.union([.victimWitnessIndicator]), date: pep,
            status: .undetermined, rule: "target.pep.victim_or_witness.cannot_tell"),
        Case(
            name: "PEP minor traffic holds before the victim rule cannot tell → off target",
            fields: [.criminality: "1 Convicted Criminal", .mscCode: "5499", .victimWitnessIndicator: "maybe"],
            available: TestRecords.detainerFields.union([.victimWitnessIndicator]), date: pep,
            status: .offTarget, rule: "target.pep.minor_traffic_only"),
        Case(
            name:
                "PEP, a conviction without MSC in a source that has MSC columns: minor traffic cannot be told → undetermined",
            fields: [.criminality: "1 Convicted Criminal"], available: TestRecords.detainerFields, date: pep,
            status: .undetermined, rule: "target.pep.minor_traffic_only.cannot_tell"),
        Case(
            name:
                "PEP, a source without offense data: the minor-traffic rule is not tested, the conviction is on target",
            fields: [.criminality: "1 Convicted Criminal"], available: [.criminality], date: pep,
            status: .onTarget, rule: "target.pep.on_target"),
    ]

    /// A detainer source with ICE's four flags for the grounds of Executive Order 13768 section 5(c),
    /// (d) and (g) (the `unless_flags` of `sc_2017.no_criminal_record` in the shipped targets file).
    static let flagged = TestRecords.detainerFields.union([
        .illegalEntry, .illegalReentry, .immigrationFraud, .significantRisk,
    ])
    static let noRecord = "3 Other Immigration Violator"
    static let allNo: [Field: String] = [
        .criminality: noRecord, .illegalEntry: "NO", .illegalReentry: "NO", .immigrationFraud: "NO",
        .significantRisk: "NO",
    ]

    static let flagCases: [Case] = [
        Case(
            name:
                "EO 13768 §5(c): no criminal record but Illegal Reentry YES (8 U.S.C. 1326 is chargeable) → on target",
            fields: allNo.merging([.illegalReentry: "YES"]) { $1 }, available: flagged, date: sc2017,
            status: .onTarget, rule: "target.sc_2017.on_target"),
        Case(
            name: "EO 13768 §5(d): no criminal record but Immigration Fraud YES → on target",
            fields: allNo.merging([.immigrationFraud: "YES"]) { $1 }, available: flagged, date: sc2017,
            status: .onTarget, rule: "target.sc_2017.on_target"),
        Case(
            name: "EO 13768 §5(g): Significant Risk YES, even when the other flags are empty → on target",
            fields: [.criminality: noRecord, .significantRisk: "YES"], available: flagged, date: sc2017,
            status: .onTarget, rule: "target.sc_2017.on_target"),
        Case(
            name: "every flag NO: the order's broader grounds are ruled out by ICE's own flags → off target",
            fields: allNo, available: flagged, date: sc2017, status: .offTarget,
            rule: "target.sc_2017.no_criminal_record"),
        Case(
            name: "flags in the source but empty on the record: unknown, not NO → undetermined",
            fields: [.criminality: noRecord], available: flagged, date: sc2017, status: .undetermined,
            rule: "target.sc_2017.no_criminal_record.cannot_tell"),
        Case(
            name: "one flag empty and one unreadable (`NA?`), the others NO → undetermined",
            fields: allNo.merging([.immigrationFraud: "NA?"]) { $1 }.filter { $0.key != .illegalEntry },
            available: flagged, date: sc2017, status: .undetermined,
            rule: "target.sc_2017.no_criminal_record.cannot_tell"),
        Case(
            name: "a conviction: the rule fails before any flag is read → on target",
            fields: [.criminality: "1 Convicted Criminal", .mscCode: "2399"], available: flagged, date: sc2017,
            status: .onTarget, rule: "target.sc_2017.on_target"),
        Case(
            name: "PEP's no-conviction rule has no unless_flags: Significant Risk YES changes nothing → off target",
            fields: [.criminality: noRecord, .significantRisk: "YES"], available: flagged, date: pep,
            status: .offTarget, rule: "target.pep.no_conviction"),
    ]

    @Test(arguments: cases + flagCases)
    func judged(_ testCase: Case) {
        var record = TestRecords.record(testCase.fields)
        record.date = testCase.date
        let classifier = Classifier(
            table: TestRecords.table, spec: ClassificationSpec(), availableFields: testCase.available,
            targets: Self.targets)
        let result = classifier.classify(record)
        #expect(result.classification.target == testCase.status)
        #expect(result.classification.rules.target == testCase.rule)
    }

    @Test func untestableRulesAreNamed() {
        #expect(Self.targets.untestableRules(.init(victimWitness: false, offense: true)) == ["pep.victim_or_witness"])
        #expect(
            Self.targets.untestableRules(.init(victimWitness: false, offense: false)) == [
                "pep.minor_traffic_only", "pep.victim_or_witness",
            ])
        #expect(Self.targets.untestableRules(.init(victimWitness: true, offense: true)) == [])
        #expect(
            SourceInputs(victimWitness: false, offense: false).missing(for: Self.targets.eras[0].offTarget[1].when)
                == "no offense data")
    }
}
