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
        Case(
            name: "pending charges are not convictions (CODEBOOK §1)",
            fields: [.criminality: "2 Pending Criminal Charges", .mscCode: "1399"],
            level: .notConvicted, rule: "not_convicted.criminality"),
        Case(
            name: "other immigration violator", fields: [.criminality: "3 Other Immigration Violator"],
            level: .notConvicted, rule: "not_convicted.criminality"),
        Case(
            name: "unknown criminality value stays unclassified", fields: [.criminality: "5 Gang Member"],
            level: .unclassified, rule: "unclassified.criminality_unknown"),
        Case(
            name: "ICE aggravated-felon category Drugs → L1",
            fields: [.criminality: convicted, .aggravatedFelon: "Drugs", .mscCode: "3532"],
            level: .level1, rule: "L1.aggravated_felon_category"),
        Case(
            name: "Aggravated Felony Yes No = YES → L1",
            fields: [.criminality: convicted, .aggravatedFelonyFlag: "YES", .mscCode: "5499"],
            level: .level1, rule: "L1.aggravated_felony_flag"),
        Case(
            name: "contradiction: flag YES beats 'Not an Aggravated Felon'",
            fields: [
                .criminality: convicted, .aggravatedFelon: "Not an Aggravated Felon", .aggravatedFelonyFlag: "YES",
                .mscCode: "5499",
            ],
            level: .level1, rule: "L1.aggravated_felony_flag"),
        Case(
            name: "homicide willful kill is an aggravated felony per se (43)(A)",
            fields: [.criminality: convicted, .mscCode: "0911"],
            level: .level1, rule: "L1.offense_aggravated_felony_per_se"),
        Case(
            name: "drug trafficking 35AB per se (43)(B)", fields: [.criminality: convicted, .mscCode: "35AB"],
            level: .level1, rule: "L1.offense_aggravated_felony_per_se"),
        Case(
            name: "burglary with a 2-year sentence (43)(G)",
            fields: [.criminality: convicted, .mscCode: "2299", .mscSentenceYears: "2"],
            level: .level1, rule: "L1.offense_aggravated_felony_with_sentence"),
        Case(
            name: "burglary with 365 days counts as one year",
            fields: [.criminality: convicted, .mscCode: "2299", .mscSentenceDays: "365"],
            level: .level1, rule: "L1.offense_aggravated_felony_with_sentence"),
        Case(
            name: "burglary with 6 months is not an aggravated felony",
            fields: [.criminality: convicted, .mscCode: "2299", .mscSentenceMonths: "6"],
            level: .level2, rule: "L2.fallback_felony_grade.2299"),
        Case(
            name: "DUI with 18 months: a felony now → L2",
            fields: [.criminality: convicted, .mscCode: "5404", .mscSentenceMonths: "18"],
            level: .level2, rule: "L2.felony_sentence_over_1y"),
        Case(
            name: "felony now and a prior felony → two felonies → L1",
            fields: [.criminality: convicted, .mscCode: "5404", .mscSentenceYears: "2", .priorFelony: "YES"],
            level: .level1, rule: "L1.two_or_more_felonies"),
        Case(
            name: "prior felony alone → L2", fields: [.criminality: convicted, .mscCode: "5499", .priorFelony: "YES"],
            level: .level2, rule: "L2.prior_felony"),
        Case(
            name: "multiple prior misdemeanors → three or more → L2",
            fields: [.criminality: convicted, .mscCode: "5499", .multiplePriorMisdemeanors: "YES"],
            level: .level2, rule: "L2.three_or_more_misdemeanors"),
        Case(
            name: "traffic offense, no other evidence → misdemeanor grade L3",
            fields: [.criminality: convicted, .mscCode: "5499", .mscSentenceDays: "30"],
            level: .level3, rule: "L3.fallback_misdemeanor_grade.5499"),
        Case(
            name: "name only, no code (ICE spelling); a first DUI is a misdemeanor",
            fields: [.criminality: convicted, .mscName: "driving under influence LIQUOR"],
            level: .level3, rule: "L3.fallback_misdemeanor_grade.5404"),
        Case(
            name: "leading zero lost: 301 is 0301 illegal entry", fields: [.criminality: convicted, .mscCode: "301"],
            level: .level3, rule: "L3.fallback_misdemeanor_grade.0301"),
        Case(
            name: "unknown ICE code maps by its NCIC category (1399 ASSAULT, grade unknown: simple or aggravated)",
            fields: [.criminality: convicted, .mscCode: "13ZZ"],
            level: .unclassified, rule: "unclassified.offense_grade_unknown.1399"),
        Case(
            name: "ICE level present without MSC: unclassified, not guessed",
            fields: [.criminality: convicted, .iceThreatLevel: "1"],
            level: .unclassified, rule: "unclassified.no_offense_evidence"),
        Case(
            name: "code not in table and no category", fields: [.criminality: convicted, .mscCode: "ZZ99"],
            level: .unclassified, rule: "unclassified.offense_not_in_table"),
        Case(
            name: "blank criminality with an MSC counts as convicted", fields: [.criminality: "", .mscCode: "5499"],
            level: .level3, rule: "L3.fallback_misdemeanor_grade.5499"),
        // Evidence first (issue 13 item 2): the fallback gives a typical grade only, never level 1.
        Case(
            name: "13AB, 90 days, every ICE flag NO → L3 as ICE says (St. Cloud file, last row)",
            fields: [
                .criminality: convicted, .mscCode: "13AB", .mscName: "Domestic Violence", .mscSentenceDays: "90",
                .aggravatedFelon: "Not an Aggravated Felon", .aggravatedFelonyFlag: "NO", .priorFelony: "NO",
                .multiplePriorMisdemeanors: "NO",
            ],
            level: .level3, rule: "L3.fallback_misdemeanor_grade.13AB"),
        Case(
            name:
                "13AB without sentence or flags → misdemeanor grade L3, not L1 (Washington file; ICE says 2 from history it does not show)",
            fields: [.criminality: convicted, .mscCode: "13AB", .aggravatedFelon: "Not an Aggravated Felon"],
            level: .level3, rule: "L3.fallback_misdemeanor_grade.13AB"),
        Case(
            name: "homicide catch-all 0999 without sentence: felony grade → L2, never L1 from a code alone",
            fields: [.criminality: convicted, .mscCode: "0999"],
            level: .level2, rule: "L2.fallback_felony_grade.0999"),
        Case(
            name: "misdemeanor crime class beats a felony-grade code (ICE's own field)",
            fields: [.criminality: convicted, .mscCode: "2299", .mscCrimeClass: "Misdemeanor"],
            level: .level3, rule: "L3.misdemeanor_crime_class"),
        Case(
            name: "Multiple Prior MISD = YES beats a misdemeanor-grade code → L2",
            fields: [.criminality: convicted, .mscCode: "13AB", .multiplePriorMisdemeanors: "YES"],
            level: .level2, rule: "L2.three_or_more_misdemeanors"),
    ]

    @Test(arguments: cases)
    func derivedLevel(_ testCase: Case) {
        let result = TestRecords.classify(testCase.fields)
        #expect(result.classification.derivedLevel == testCase.level)
        #expect(result.classification.rules.derivedLevel == testCase.rule)
    }

    @Test func contradictionIsRecordedAsAFinding() {
        let result = TestRecords.classify([
            .criminality: Self.convicted, .aggravatedFelon: "Not an Aggravated Felon", .aggravatedFelonyFlag: "YES",
            .mscCode: "5499",
        ])
        #expect(result.findings.map(\.code) == ["conflict.aggravated_felon"])
        #expect(
            result.findings.first?.message
                == "aggravated_felon says not an aggravated felon but aggravated_felony_flag says YES; the positive evidence decides"
        )
    }

    struct FindingCase: Sendable, CustomTestStringConvertible {
        var name: String
        var fields: [Field: String]
        var level: DerivedLevel
        var findings: [String]
        var message: String?
        var testDescription: String { name }
    }

    /// Inferences that override an ICE field, and code–name contradictions, are findings.
    static let findingCases: [FindingCase] = [
        FindingCase(
            name: "rape 1103 is an aggravated felony per se (INA 101(a)(43)(A)) although ICE's flag says NO",
            fields: [.criminality: convicted, .mscCode: "1103", .aggravatedFelonyFlag: "NO"], level: .level1,
            findings: ["override.aggravated_felony_inferred"],
            message:
                "aggravated_felony_flag says NO, but offense 1103 is an aggravated felony per se (INA 101(a)(43)); the inference decides"
        ),
        FindingCase(
            name: "burglary with 2 years (43)(G) over both ICE fields",
            fields: [
                .criminality: convicted, .mscCode: "2299", .mscSentenceYears: "2",
                .aggravatedFelon: "Not an Aggravated Felon", .aggravatedFelonyFlag: "NO",
            ],
            level: .level1, findings: ["override.aggravated_felony_inferred"],
            message:
                "aggravated_felon says not an aggravated felon and aggravated_felony_flag says NO, but offense 2299 with a sentence of at least one year is an aggravated felony (INA 101(a)(43)); the inference decides"
        ),
        FindingCase(
            name: "per se with no ICE field: nothing overridden, no finding",
            fields: [.criminality: convicted, .mscCode: "1103"], level: .level1, findings: [], message: nil),
        FindingCase(
            name: "crime class Misdemeanor with a 2-year sentence",
            fields: [.criminality: convicted, .mscCode: "5499", .mscCrimeClass: "Misdemeanor", .mscSentenceYears: "2"],
            level: .level2,
            findings: ["override.crime_class"],
            message:
                "msc_crime_class says Misdemeanor but the sentence is over one year, which only a felony can carry; the sentence decides"
        ),
        FindingCase(
            name: "5404 written beside 'Sex Assault' (1199): the code decides, a finding says so",
            fields: [.criminality: convicted, .mscCode: "5404", .mscName: "Sex Assault"], level: .level3,
            findings: ["conflict.msc_code_name"],
            message:
                "msc_code 5404 is DRIVING UNDER INFLUENCE ALCOHOL but msc_name 'Sex Assault' is 1199 SEX ASSAULT; the code decides"
        ),
        FindingCase(
            name: "'Identity Theft' beside 70AA: ICE writes it for 2610 and 70AA, which the labels treat alike",
            fields: [.criminality: convicted, .mscCode: "70AA", .mscName: "Identity Theft"], level: .level2,
            findings: [], message: nil),
        FindingCase(
            name: "'Burglary' beside 2202: a name refining within its category is no contradiction",
            fields: [.criminality: convicted, .mscCode: "2202", .mscName: "Burglary"], level: .level2, findings: [],
            message: nil),
    ]

    @Test(arguments: findingCases)
    func overridesAndContradictionsAreFindings(_ testCase: FindingCase) {
        let result = TestRecords.classify(testCase.fields)
        #expect(result.classification.derivedLevel == testCase.level)
        #expect(result.findings.map(\.code) == testCase.findings)
        #expect(result.findings.first?.message == testCase.message)
    }

    @Test func unknownValuesAreListedNotGuessed() {
        let result = TestRecords.classify([
            .criminality: Self.convicted, .mscCode: "ZZ99", .priorFelony: "MAYBE", .iceThreatLevel: "(B)(7)(E)x",
        ])
        #expect(
            Set(result.unmapped) == [
                UnmappedValue(field: "msc_code", value: "ZZ99"), UnmappedValue(field: "prior_felony", value: "MAYBE"),
                UnmappedValue(field: "ice_threat_level", value: "(B)(7)(E)x"),
            ])
    }
}
