import AuditCore
import Testing

/// Criminality, ICE threat level, minor traffic, immigration-only and victim / witness rules.
@Suite struct LabelRuleTests {
    // MARK: criminality (CODEBOOK §1)

    @Test(arguments: [
        ("1 Convicted Criminal", Criminality.convicted), ("2 Pending Criminal Charges", .pendingCharges),
        ("3 Other Immigration Violator", .noCriminalRecord), ("Convicted Criminal", .convicted),
        ("other immigration violator", .noCriminalRecord), ("5 Gang Member", .unknown), ("(redacted)", .unknown),
        ("", .unknown),
    ])
    func criminality(_ value: String, _ expected: Criminality) {
        #expect(TestRecords.classify([.criminality: value]).classification.criminality == expected)
    }

    @Test func sourceWithOnlyMSCColumnsCannotTellPendingFromNone() {
        let available: Set<Field> = [.mscCode, .mscName]
        #expect(TestRecords.classify([.mscCode: "5404"], available: available).classification.criminality == .convicted)
        let empty = TestRecords.classify([:], available: available).classification
        #expect(empty.criminality == .noConvictionRecorded)
        #expect(empty.rules.criminality == "criminality.msc_absent")
        #expect(TestRecords.classify([:], available: []).classification.criminality == .unknown)
    }

    @Test func pipelineMayAddCriminalitySpellings() {
        var spec = ClassificationSpec()
        spec.criminalityValues = ["Level 1 conviction": .convicted]
        #expect(
            TestRecords.classify([.criminality: "Level 1 conviction"], spec: spec).classification.criminality
                == .convicted)
    }

    /// ICE's own spellings are decided once per classifier; a pipeline's value for one of them must
    /// still win over the built-in meaning, as it does for any other text.
    @Test func pipelineSpellingOverridesICEsOwnMeaning() {
        var spec = ClassificationSpec()
        spec.criminalityValues = ["2 Pending Criminal Charges": .noCriminalRecord]
        let overridden = TestRecords.classify([.criminality: "2 Pending Criminal Charges"], spec: spec).classification
        #expect(overridden.criminality == .noCriminalRecord)
        #expect(overridden.rules.criminality == "criminality.pipeline_value")
        let builtIn = TestRecords.classify([.criminality: "1 Convicted Criminal"], spec: spec).classification
        #expect(builtIn.criminality == .convicted)
        #expect(builtIn.rules.criminality == "criminality.ice_value")
        // Spaces around a known spelling are not the cached spelling: the full rule still maps it.
        #expect(TestRecords.classify([.criminality: " 1 Convicted  Criminal"]).classification.criminality == .convicted)
    }

    // MARK: ICE threat level, passed through (CODEBOOK §2)

    @Test(arguments: [
        ("1", ICEThreatLevel.level1), ("2.0", .level2), ("Level 3", .level3), ("No ICE Threat Level", .none),
        ("", .missing), ("(redacted)", .missing), ("4", .missing),
    ])
    func threatLevel(_ value: String, _ expected: ICEThreatLevel) {
        #expect(
            TestRecords.classify([.criminality: "1 Convicted Criminal", .iceThreatLevel: value]).classification
                .iceThreatLevel == expected)
    }

    // MARK: minor traffic (2011 Task Force: "minor traffic offenses")

    struct TrafficCase: Sendable, CustomTestStringConvertible {
        var fields: [Field: String]
        var minor: Bool
        var rule: String
        var testDescription: String { rule + " " + (fields[.mscCode] ?? "") }
    }

    @Test(arguments: [
        TrafficCase(
            fields: [.criminality: "1 Convicted Criminal", .mscCode: "5499"], minor: true,
            rule: "minor_traffic.traffic_offense"),
        TrafficCase(
            fields: [.criminality: "1 Convicted Criminal", .mscName: "Traffic Offense"], minor: true,
            rule: "minor_traffic.traffic_offense"),
        TrafficCase(
            fields: [.criminality: "1 Convicted Criminal", .mscCode: "5404"], minor: false,
            rule: "minor_traffic.serious_traffic"),
        TrafficCase(
            fields: [.criminality: "1 Convicted Criminal", .mscCode: "5401"], minor: false,
            rule: "minor_traffic.serious_traffic"),
        TrafficCase(
            fields: [.criminality: "1 Convicted Criminal", .mscCode: "0909"], minor: false,
            rule: "minor_traffic.not_traffic"),
        TrafficCase(
            fields: [.criminality: "1 Convicted Criminal", .mscCode: "5499", .priorFelony: "YES"], minor: false,
            rule: "minor_traffic.felony_evidence"),
        TrafficCase(
            fields: [.criminality: "1 Convicted Criminal", .mscCode: "5499", .mscSentenceYears: "2"], minor: false,
            rule: "minor_traffic.felony_evidence"),
        TrafficCase(
            fields: [.criminality: "2 Pending Criminal Charges", .mscCode: "5499"], minor: false,
            rule: "minor_traffic.not_convicted"),
        TrafficCase(fields: [.criminality: "1 Convicted Criminal"], minor: false, rule: "minor_traffic.no_offense"),
    ])
    func minorTraffic(_ testCase: TrafficCase) {
        let labels = TestRecords.classify(testCase.fields).classification
        #expect(labels.minorTraffic == testCase.minor)
        #expect(labels.rules.minorTraffic == testCase.rule)
    }

    @Test func seriousTrafficListIsConfiguration() {
        var spec = ClassificationSpec()
        spec.seriousTrafficCodes = ["5401"]
        #expect(
            TestRecords.classify([.criminality: "1 Convicted Criminal", .mscCode: "5404"], spec: spec).classification
                .minorTraffic)
        #expect(
            !TestRecords.classify([.criminality: "1 Convicted Criminal", .mscCode: "5401"], spec: spec).classification
                .minorTraffic)
    }

    // MARK: immigration only (NCIC 03xx, ICE 03AB)

    @Test(arguments: [("0301", true), ("301", true), ("03AB", true), ("0303", true), ("5404", false)])
    func immigrationOnly(_ code: String, _ expected: Bool) {
        #expect(
            TestRecords.classify([.criminality: "1 Convicted Criminal", .mscCode: code]).classification.immigrationOnly
                == expected)
    }

    // MARK: victim / witness (CODEBOOK §8: no ICE release carries it)

    @Test func victimWitnessUnknownWhenNotInSource() {
        let labels = TestRecords.classify([.criminality: "1 Convicted Criminal"]).classification
        #expect(labels.victimWitness == .unknown)
        #expect(labels.rules.victimWitness == "victim_witness.not_in_source")
    }

    @Test func victimWitnessMappedFromJoinedColumn() {
        var spec = ClassificationSpec()
        spec.victimWitnessValues = [
            "U visa certified - DV": .victimDomesticViolence, "T visa": .victimTrafficking, "Witness": .witness,
        ]
        let available = TestRecords.detainerFields.union([.victimWitnessIndicator])
        func status(_ value: String) -> VictimWitnessStatus {
            TestRecords.classify(
                [.criminality: "1 Convicted Criminal", .victimWitnessIndicator: value], available: available, spec: spec
            ).classification.victimWitness
        }
        #expect(status("u visa certified -  dv") == .victimDomesticViolence)
        #expect(status("T visa") == .victimTrafficking)
        #expect(status("Witness") == .witness)
        #expect(status("") == .none)
        #expect(status("something else") == .unknown)
    }

    @Test func dualArrestHeuristicIsOptInAndSeparate() {
        let fields: [Field: String] = [.criminality: "2 Pending Criminal Charges", .mscCode: "13AB"]
        #expect(TestRecords.classify(fields).classification.victimWitness == .unknown)
        var spec = ClassificationSpec()
        spec.possibleVictimHeuristic = true
        let labels = TestRecords.classify(fields, spec: spec).classification
        #expect(labels.victimWitness == .possibleVictim)
        #expect(labels.rules.victimWitness == "victim_witness.dual_arrest_heuristic")
        // A conviction, or a non-DV charge, is never a possible victim.
        #expect(
            TestRecords.classify([.criminality: "1 Convicted Criminal", .mscCode: "13AB"], spec: spec).classification
                .victimWitness == .unknown)
        #expect(
            TestRecords.classify([.criminality: "2 Pending Criminal Charges", .mscCode: "5404"], spec: spec)
                .classification.victimWitness == .unknown)
    }
}
