import AuditCore
import Testing

/// The derived Secure Communities level, one case per rule, each with the evidence it rests on.
///
/// Definitions: ICE FY26 detention data dictionary ("Threat Level 1 — … aggravated felony or two or
/// more felonies"; "Level 2 — … a felony or three or more misdemeanors"; "Level 3 — … a misdemeanor
/// (less than 3)"); aggravated felony: INA §101(a)(43).
@Suite struct DerivedLevelRuleTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var fields: [Field: String]
        var level: DerivedLevel
        var rule: String
        var testDescription: String { name }
    }

    static let convicted = "1 Convicted Criminal"

    static let cases: [Case] = [
        Case(name: "pending charges are not convictions (CODEBOOK §1)", fields: [.criminality: "2 Pending Criminal Charges", .mscCode: "1399"],
             level: .notConvicted, rule: "not_convicted.criminality"),
        Case(name: "other immigration violator", fields: [.criminality: "3 Other Immigration Violator"],
             level: .notConvicted, rule: "not_convicted.criminality"),
        Case(name: "unknown criminality value stays unclassified", fields: [.criminality: "5 Gang Member"],
             level: .unclassified, rule: "unclassified.criminality_unknown"),
        Case(name: "ICE aggravated-felon category Drugs → L1", fields: [.criminality: convicted, .aggravatedFelon: "Drugs", .mscCode: "3532"],
             level: .level1, rule: "L1.aggravated_felon_category"),
        Case(name: "Aggravated Felony Yes No = YES → L1", fields: [.criminality: convicted, .aggravatedFelonyFlag: "YES", .mscCode: "5499"],
             level: .level1, rule: "L1.aggravated_felony_flag"),
        Case(name: "contradiction: flag YES beats 'Not an Aggravated Felon'",
             fields: [.criminality: convicted, .aggravatedFelon: "Not an Aggravated Felon", .aggravatedFelonyFlag: "YES", .mscCode: "5499"],
             level: .level1, rule: "L1.aggravated_felony_flag"),
        Case(name: "homicide willful kill is an aggravated felony per se (43)(A)", fields: [.criminality: convicted, .mscCode: "0911"],
             level: .level1, rule: "L1.offense_aggravated_felony_per_se"),
        Case(name: "drug trafficking 35AB per se (43)(B)", fields: [.criminality: convicted, .mscCode: "35AB"],
             level: .level1, rule: "L1.offense_aggravated_felony_per_se"),
        Case(name: "burglary with a 2-year sentence (43)(G)", fields: [.criminality: convicted, .mscCode: "2299", .mscSentenceYears: "2"],
             level: .level1, rule: "L1.offense_aggravated_felony_with_sentence"),
        Case(name: "burglary with 365 days counts as one year", fields: [.criminality: convicted, .mscCode: "2299", .mscSentenceDays: "365"],
             level: .level1, rule: "L1.offense_aggravated_felony_with_sentence"),
        Case(name: "burglary with 6 months is not an aggravated felony", fields: [.criminality: convicted, .mscCode: "2299", .mscSentenceMonths: "6"],
             level: .level2, rule: "fallback.offense_table.2299"),
        Case(name: "DUI with 18 months: a felony now → L2", fields: [.criminality: convicted, .mscCode: "5404", .mscSentenceMonths: "18"],
             level: .level2, rule: "L2.felony_sentence_over_1y"),
        Case(name: "felony now and a prior felony → two felonies → L1",
             fields: [.criminality: convicted, .mscCode: "5404", .mscSentenceYears: "2", .priorFelony: "YES"],
             level: .level1, rule: "L1.two_or_more_felonies"),
        Case(name: "prior felony alone → L2", fields: [.criminality: convicted, .mscCode: "5499", .priorFelony: "YES"],
             level: .level2, rule: "L2.prior_felony"),
        Case(name: "multiple prior misdemeanors → three or more → L2", fields: [.criminality: convicted, .mscCode: "5499", .multiplePriorMisdemeanors: "YES"],
             level: .level2, rule: "L2.three_or_more_misdemeanors"),
        Case(name: "traffic offense, no other evidence → table fallback L3", fields: [.criminality: convicted, .mscCode: "5499", .mscSentenceDays: "30"],
             level: .level3, rule: "fallback.offense_table.5499"),
        Case(name: "name only, no code (ICE spelling)", fields: [.criminality: convicted, .mscName: "driving under influence LIQUOR"],
             level: .level2, rule: "fallback.offense_table.5404"),
        Case(name: "leading zero lost: 301 is 0301 illegal entry", fields: [.criminality: convicted, .mscCode: "301"],
             level: .level3, rule: "fallback.offense_table.0301"),
        Case(name: "unknown ICE code maps by its NCIC category (1399 ASSAULT, fallback 2)", fields: [.criminality: convicted, .mscCode: "13ZZ"],
             level: .level2, rule: "fallback.offense_table.1399"),
        Case(name: "ICE level present without MSC: unclassified, not guessed", fields: [.criminality: convicted, .iceThreatLevel: "1"],
             level: .unclassified, rule: "unclassified.no_offense_evidence"),
        Case(name: "code not in table and no category", fields: [.criminality: convicted, .mscCode: "ZZ99"],
             level: .unclassified, rule: "unclassified.offense_not_in_table"),
        Case(name: "blank criminality with an MSC counts as convicted", fields: [.criminality: "", .mscCode: "5499"],
             level: .level3, rule: "fallback.offense_table.5499"),
    ]

    @Test(arguments: cases)
    func derivedLevel(_ testCase: Case) {
        let result = TestRecords.classify(testCase.fields)
        #expect(result.classification.derivedLevel == testCase.level)
        #expect(result.classification.rules.derivedLevel == testCase.rule)
    }

    @Test func contradictionIsRecordedAsAFinding() {
        let result = TestRecords.classify([
            .criminality: Self.convicted, .aggravatedFelon: "Not an Aggravated Felon", .aggravatedFelonyFlag: "YES", .mscCode: "5499",
        ])
        #expect(result.findings.map(\.code) == ["conflict.aggravated_felon"])
        #expect(result.findings.first?.message == "aggravated_felon says not an aggravated felon but aggravated_felony_flag says YES; the positive evidence decides")
    }

    @Test func unknownValuesAreListedNotGuessed() {
        let result = TestRecords.classify([.criminality: Self.convicted, .mscCode: "ZZ99", .priorFelony: "MAYBE", .iceThreatLevel: "(B)(7)(E)x"])
        #expect(Set(result.unmapped) == [
            UnmappedValue(field: "msc_code", value: "ZZ99"), UnmappedValue(field: "prior_felony", value: "MAYBE"),
            UnmappedValue(field: "ice_threat_level", value: "(B)(7)(E)x"),
        ])
    }
}
