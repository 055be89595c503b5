import AuditCore
import Classify
import Testing

/// ICE's detainer priority flags as evidence (issue 14): read as `YES` / `NO` / unknown, used by the
/// level and minor-traffic rules, and reported as findings where they contradict the labels.
///
/// Sources of the expectations: the flags' wording is that of ICE's detainer guidance of
/// 21 December 2012 ("a prior felony conviction or has been charged with a felony offense"; "three or
/// more prior misdemeanor convictions"; a misdemeanor conviction or charge involving "violence,
/// threats, or assault") and of the I-247D form ("has been convicted of an offense of which an element
/// was active participation in a criminal street gang"; "has been convicted of an aggravated
/// felony"); the 2011 Task Force's "based solely on minor traffic offenses" (PUBLISHED_FIGURES.md §4).
@Suite struct PriorityFlagTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var fields: [Field: String]
        var level: DerivedLevel
        var minorTraffic: Bool
        /// Finding codes, in order.
        var findings: [String]
        var testDescription: String { name }
    }

    static let convicted = "1 Convicted Criminal"
    static let available = TestRecords.detainerFields.union([
        .violentMisdemeanor, .criminalStreetGang, .significantRisk, .illegalEntry, .illegalReentry, .immigrationFraud,
    ])

    static let cases: [Case] = [
        Case(
            name: "minor traffic (5499) with Violent Misdemeanor YES is not solely minor traffic",
            fields: [.criminality: convicted, .mscCode: "5499", .violentMisdemeanor: "YES"], level: .level3,
            minorTraffic: false, findings: ["conflict.minor_traffic_flag"]),
        Case(
            name: "minor traffic with Criminal Street Gang YES (a gang conviction, I-247D)",
            fields: [.criminality: convicted, .mscCode: "5499", .criminalStreetGang: "YES"], level: .level3,
            minorTraffic: false, findings: ["conflict.minor_traffic_flag"]),
        Case(
            name: "minor traffic with the flags NO stays minor traffic, no finding",
            fields: [.criminality: convicted, .mscCode: "5499", .violentMisdemeanor: "NO", .criminalStreetGang: "NO"],
            level: .level3, minorTraffic: true, findings: []),
        Case(
            name: "minor traffic with the flags empty: unknown is not evidence either way",
            fields: [.criminality: convicted, .mscCode: "5499", .violentMisdemeanor: ""], level: .level3,
            minorTraffic: true, findings: []),
        Case(
            name: "Aggravated Felony YES on a DUI conviction: level 1 from the flag",
            fields: [.criminality: convicted, .mscCode: "5404", .aggravatedFelonyFlag: "YES"], level: .level1,
            minorTraffic: false, findings: []),
        Case(
            name: "Aggravated Felony YES with pending charges contradicts the criminality",
            fields: [.criminality: "2 Pending Criminal Charges", .aggravatedFelonyFlag: "YES"], level: .notConvicted,
            minorTraffic: false, findings: ["conflict.flag_without_conviction"]),
        Case(
            name: "Prior Felony YES (conviction or charge) with pending charges is no contradiction",
            fields: [.criminality: "2 Pending Criminal Charges", .priorFelony: "YES"], level: .notConvicted,
            minorTraffic: false, findings: []),
        Case(
            name: "Prior Felony and Violent Misdemeanor YES with no criminal record: one finding naming both",
            fields: [.criminality: "3 Other Immigration Violator", .priorFelony: "YES", .violentMisdemeanor: "YES"],
            level: .notConvicted, minorTraffic: false, findings: ["conflict.flag_without_conviction"]),
        Case(
            name: "Illegal Reentry YES with no criminal record: no conviction asserted, no finding",
            fields: [.criminality: "3 Other Immigration Violator", .illegalReentry: "YES"], level: .notConvicted,
            minorTraffic: false, findings: []),
    ]

    @Test(arguments: cases)
    func flags(_ testCase: Case) {
        let result = TestRecords.classify(testCase.fields, available: Self.available)
        #expect(result.classification.derivedLevel == testCase.level)
        #expect(result.classification.minorTraffic == testCase.minorTraffic)
        #expect(result.findings.map(\.code) == testCase.findings)
    }

    @Test func findingNamesTheFlagsAndTheLabel() {
        let result = TestRecords.classify(
            [.criminality: "3 Other Immigration Violator", .priorFelony: "YES", .violentMisdemeanor: "YES"],
            available: Self.available)
        #expect(
            result.findings.map(\.message) == [
                "prior_felony and violent_misdemeanor say YES but criminality is no_criminal_record; the criminality decides"
            ])
    }

    /// The classification carries the flags as read; an unreadable value is unknown and listed.
    @Test func flagsAreCarriedThreeValued() {
        let result = TestRecords.classify(
            [.criminality: Self.convicted, .significantRisk: "YES", .illegalEntry: "NO", .immigrationFraud: "UNK"],
            available: Self.available)
        let flags = result.classification.priorityFlags
        #expect(flags[.significantRisk] == true)
        #expect(flags[.illegalEntry] == false)
        #expect(flags[.immigrationFraud] == nil)
        #expect(flags[.illegalReentry] == nil)
        #expect(result.unmapped == [UnmappedValue(field: "immigration_fraud", value: "UNK")])
    }
}
