import AuditCore
import Classify
import Foundation
import Ingest
import PipelineTestSupport
import Testing

@Suite struct OffenseTableTests {
    /// The table must cover every NCIC code (NIEM 5.0.1 list, Fixtures/reference/SOURCE.md).
    @Test func coversEveryNCICCode() throws {
        let ncic = try CSVTable.read(
            path: TestPaths.fixtures.appendingPathComponent("reference/ncic-offense-codes-niem-5.0.1.csv").path)
        let codes = ncic.dropFirst().map { $0[0] }
        #expect(codes.count == 464)
        let missing = codes.filter { TestRecords.table.offense(code: $0) == nil }
        #expect(missing.isEmpty, "codes missing from offenses.csv: \(missing)")
        for row in ncic.dropFirst() {
            #expect(TestRecords.table.offense(code: row[0])?.name == row[1])
        }
    }

    /// ICE's alphanumeric codes (CODEBOOK §3) and the MSC names ICE writes.
    @Test(arguments: [
        ("03AB", "Illegal Re-Entry (INA SEC.101(a)(43)(O), 8USC1326 only)"), ("13AB", "Domestic Violence"),
        ("35AB", "Drug Trafficking"), ("35AA", "Drug Possession"), ("09AA", "Voluntary - Manslaughter"),
        ("5404", "Driving Under Influence Liquor"), ("5499", "Traffic Offense"),
        ("0301", "Illegal Entry (INA SEC.101(a)(43)(O), 8USC1325 only)"),
    ])
    func iceCodesAndNames(_ code: String, _ name: String) {
        #expect(TestRecords.table.offense(code: code) != nil)
        #expect(TestRecords.table.lookup(code: nil, name: name).offense?.code == code)
        #expect(TestRecords.table.lookup(code: nil, name: name.uppercased()).offense?.code == code)
    }

    @Test func flagsFollowTheirDefinitions() {
        let table = TestRecords.table
        #expect(table.offense(code: "5404")?.traffic == true && table.offense(code: "5404")?.seriousTraffic == true)
        #expect(table.offense(code: "5499")?.seriousTraffic == false)
        #expect(table.offense(code: "0909")?.violent == false)  // DDP UCR rule excludes negligent manslaughter
        #expect(table.offense(code: "1313")?.violent == false)  // simple assault is not aggravated
        #expect(table.offense(code: "1302")?.violent == true)
        #expect(table.offense(code: "0303")?.immigration == true)
        #expect(table.offense(code: "13AB")?.domesticViolence == true)
    }

    @Test func malformedRowsAreErrorsNamingTheLine() {
        let header = OffenseTable.columns
        let good = [
            "5499", "TRAFFIC OFFENSE", "", "54", "TRAFFIC OFFENSE", "yes", "no", "no", "no", "no", "no", "misdemeanor",
            "g", "x", "",
        ]
        var duplicate = good
        duplicate[1] = "OTHER"
        var badFlag = good
        badFlag[0] = "5498"
        badFlag[5] = "maybe"
        var badLevel = good
        badLevel[0] = "5497"
        badLevel[11] = "severe"
        do {
            _ = try OffenseTable(
                version: "t", file: "offenses.csv", rows: [header, good, duplicate, badFlag, badLevel, ["12"]])
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description == """
                    offenses.csv: error: line 3: code '5499' is defined twice
                    offenses.csv: error: line 4: column 'traffic' must be yes or no, got 'maybe'
                    offenses.csv: error: line 5: grade must be felony, misdemeanor or unknown, got 'severe'
                    offenses.csv: error: line 6: has 1 fields, expected 15
                    """)
        }
    }

    /// Typical grades, each with the reason written in offenses.csv's grade_basis.
    @Test(arguments: [
        ("1103", Offense.Grade.felony),  // rape: a per se aggravated felony (INA 101(a)(43)(A)) is a felony
        ("2299", .felony),  // burglary: a felony-type offense
        ("13AB", .misdemeanor),  // most are the misdemeanor crime of domestic violence, 18 USC 921(a)(33)
        ("5404", .misdemeanor),  // a first DUI is a misdemeanor in every state
        ("5499", .misdemeanor),  // traffic catch-all
        ("0301", .misdemeanor),  // illegal entry, 8 USC 1325: a first offense is a misdemeanor
        ("1399", .unknown),  // assault catch-all: simple (1313) or aggravated (1301-1315)
        ("2399", .unknown),  // larceny: petty or grand by value
    ])
    func typicalGrades(_ code: String, _ grade: Offense.Grade) {
        #expect(TestRecords.table.offense(code: code)?.grade == grade)
        #expect(TestRecords.table.offense(code: code)?.gradeBasis.isEmpty == false)
    }

    @Test func observedICELevelsAreAllResolvable() throws {
        // Every (code, name) ICE used in the two real DDP detainer files (shared/data/reference).
        let observed = [
            ("03AB", ""), ("0999", "Homicide"), ("09AA", "Voluntary - Manslaughter"), ("1103", "Rape - Strongarm"),
            ("1199", "Sex Assault"), ("1206", "Robbery - Street-Strongarm"),
            ("1304", "Aggravated Assault - Non-family-Gun"),
            ("1313", "Simple Assault"), ("1316", "Intimidation"), ("1399", "Assault"), ("13AB", "Domestic Violence"),
            ("2299", "Burglary"), ("2404", "Vehicle Theft"), ("0301", ""), ("3532", "Cocaine - Possession"),
            ("3561", "Marijuana - Smuggle"), ("3599", "Dangerous Drugs"), ("35AA", "Drug Possession"),
            ("35AB", "Drug Trafficking"),
            ("3699", "Sex Offense"), ("3802", "Cruelty Toward Child"), ("5203", "Carrying Prohibited Weapon"),
            ("5299", "Weapon Offense"), ("5404", "Driving Under Influence Liquor"), ("5499", "Traffic Offense"),
            ("7399", "Public Order Crimes"),
        ]
        for (code, name) in observed {
            #expect(TestRecords.table.offense(code: code) != nil, "\(code)")
            if !name.isEmpty {
                #expect(TestRecords.table.lookup(code: nil, name: name).offense?.code == code, "\(name)")
            }
        }
    }
}
