import AuditCore
import Classify
import Foundation
import Ingest
import PipelineTestSupport
import Testing
import Yams

/// Charge lists reduced to criminality and the most serious conviction (README "Classification",
/// charge lists). The most serious conviction shows in the derived-level rule, which names its code
/// or category; every expectation is worked out by hand from the offense table's rows (grade,
/// aggravated_felony, violent) as `Pipelines/reference/offenses.csv` gives them.
@Suite struct ChargeListRuleTests {
    static let available: Set<Field> = [.date, .chargeCount]

    static func classify(_ charges: [Charge]?, cell: FieldValue? = nil) -> Classification {
        var record = TestRecords.record([:])
        record.charges = charges
        record[.chargeCount] = cell ?? charges.map { .value(String($0.count)) } ?? .missing
        return Classifier(table: TestRecords.table, spec: ClassificationSpec(), availableFields: available)
            .classify(record).classification
    }

    static func convicted(_ category: String) -> Charge { Charge(category: category, status: "Convicted") }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var charges: [Charge]?
        var criminality: Criminality
        var criminalityRule: String
        var levelRule: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "convicted beside pending",
            charges: [convicted("Assault"), Charge(category: "Traffic Offenses", status: "Pending")],
            criminality: .convicted, criminalityRule: "criminality.charges_convicted",
            levelRule: "unclassified.offense_grade_unknown.1399"),
        Case(
            name: "pending only", charges: [Charge(category: "Dangerous Drugs", status: "Pending")],
            criminality: .pendingCharges, criminalityRule: "criminality.charges_pending",
            levelRule: "not_convicted.criminality"),
        Case(
            name: "dismissed and overturned only",
            charges: [
                Charge(category: "Larceny", status: "Dismissed"), Charge(category: "Burglary", status: "overturned"),
            ],
            criminality: .noCriminalRecord, criminalityRule: "criminality.charges_dismissed_or_overturned",
            levelRule: "not_convicted.criminality"),
        Case(
            name: "empty list", charges: [], criminality: .noCriminalRecord,
            criminalityRule: "criminality.charges_empty",
            levelRule: "not_convicted.criminality"),
        Case(
            name: "no list", charges: nil, criminality: .unknown, criminalityRule: "criminality.charges_missing",
            levelRule: "unclassified.criminality_unknown"),
        Case(
            name: "a null status beside pending may be a conviction",
            charges: [Charge(category: "Assault", status: "Pending"), Charge(category: "Larceny")],
            criminality: .unknown, criminalityRule: "criminality.charge_status_unknown",
            levelRule: "unclassified.criminality_unknown"),
        Case(
            name: "an unknown status word", charges: [Charge(category: "Larceny", status: "Deferred")],
            criminality: .unknown, criminalityRule: "criminality.charge_status_unknown",
            levelRule: "unclassified.criminality_unknown"),
        Case(
            name: "a conviction decides beside an unknown status",
            charges: [Charge(category: "Larceny", status: "Deferred"), convicted("Immigration")],
            criminality: .convicted, criminalityRule: "criminality.charges_convicted",
            levelRule: "L3.fallback_misdemeanor_grade.0399"),
        // 0999 HOMICIDE is felony-grade, 0399 IMMIGRATION misdemeanor-grade: code order alone would
        // pick immigration.
        Case(
            name: "homicide before immigration", charges: [convicted("Immigration"), convicted("Homicide")],
            criminality: .convicted, criminalityRule: "criminality.charges_convicted",
            levelRule: "L2.fallback_felony_grade.0999"),
        // 2299 BURGLARY felony; 3599 DANGEROUS DRUGS unknown grade; NCIC 54 unknown grade.
        Case(
            name: "felony grade before unknown grades",
            charges: [convicted("Traffic Offenses"), convicted("Dangerous Drugs"), convicted("Burglary")],
            criminality: .convicted, criminalityRule: "criminality.charges_convicted",
            levelRule: "L2.fallback_felony_grade.2299"),
        // 1299 ROBBERY and 1099 KIDNAPPING: both felony, both with a sentence of a year; robbery is violent.
        Case(
            name: "violent first at equal grade", charges: [convicted("Kidnapping"), convicted("Robbery")],
            criminality: .convicted, criminalityRule: "criminality.charges_convicted",
            levelRule: "L2.fallback_felony_grade.1299"),
        // NCIC 11 (all felony-grade) against NCIC 54 (grade unknown).
        Case(
            name: "a felony category before the traffic category",
            charges: [convicted("Traffic Offenses"), convicted("Sexual Assault")],
            criminality: .convicted, criminalityRule: "criminality.charges_convicted",
            levelRule: "L2.fallback_category_grade.11"),
        // An unknown grade is not passed over for a misdemeanor: 0399 is misdemeanor-grade.
        Case(
            name: "the traffic category before a misdemeanor",
            charges: [convicted("Immigration"), convicted("Traffic Offenses")],
            criminality: .convicted, criminalityRule: "criminality.charges_convicted",
            levelRule: "unclassified.category_grade_unknown.54"),
        Case(
            name: "a conviction with nothing to match", charges: [Charge(status: "Convicted")],
            criminality: .convicted, criminalityRule: "criminality.charges_convicted",
            levelRule: "unclassified.no_offense_evidence"),
        Case(
            name: "a code decides before its category",
            charges: [Charge(code: "5404", category: "Traffic Offenses", status: "Convicted")],
            criminality: .convicted, criminalityRule: "criminality.charges_convicted",
            levelRule: "L3.fallback_misdemeanor_grade.5404"),
    ]

    @Test(arguments: cases)
    func reduces(_ testCase: Case) {
        let labels = Self.classify(testCase.charges)
        #expect(labels.criminality == testCase.criminality)
        #expect(labels.rules.criminality == testCase.criminalityRule)
        #expect(labels.rules.derivedLevel == testCase.levelRule)
    }

    /// Before the list's recorded period (declared, or found by the run's coverage) the list is not
    /// read: criminality is not recorded then, not convicted.
    @Test func listOutsideItsRecordedPeriodIsNotRead() throws {
        var record = TestRecords.record([:])
        record.date = SimpleDate(year: 2014, month: 3, day: 1)
        record.charges = [Self.convicted("Homicide")]
        record[.chargeCount] = .value("1")
        let from = try #require(SimpleDate(year: 2015, month: 1, day: 1))
        let classifier = Classifier(
            table: TestRecords.table, spec: ClassificationSpec(), availableFields: Self.available,
            recordedPeriods: [.chargeCount: ColumnSpec(names: ["criminal_charges"], recordedFrom: from)])
        let before = classifier.classify(record).classification
        #expect(before.criminality == .unknown)
        #expect(before.rules.criminality == "criminality.not_recorded_then")
        record.date = from
        #expect(classifier.classify(record).classification.rules.derivedLevel == "L2.fallback_felony_grade.0999")
    }

    @Test func redactedListIsUnknown() {
        let labels = Self.classify(nil, cell: .redacted)
        #expect(labels.criminality == .unknown)
        #expect(labels.rules.criminality == "criminality.charges_redacted")
    }

    /// The traffic category cannot tell minor traffic from DUI: undetermined, and the target
    /// cannot be judged on it; an immigration conviction is immigration only.
    @Test func categoryLabelsStayUndetermined() {
        let traffic = Self.classify([Self.convicted("Traffic Offenses")])
        #expect(traffic.minorTraffic == false)
        #expect(traffic.rules.minorTraffic == "minor_traffic.category_only_undetermined")
        #expect(traffic.offenseKnown == false)
        let immigration = Self.classify([Self.convicted("Immigration")])
        #expect(immigration.immigrationOnly == true)
        #expect(immigration.offenseKnown == true)
    }

    @Test func unmatchedValuesAreListed() {
        var record = TestRecords.record([:])
        record.charges = [Charge(category: "General Crimes", status: "Convicted"), Charge(status: "Deferred")]
        record[.chargeCount] = .value("2")
        let classified = Classifier(
            table: TestRecords.table, spec: ClassificationSpec(), availableFields: Self.available
        )
        .classify(record)
        #expect(
            classified.unmapped == [
                UnmappedValue(field: "charges.category", value: "General Crimes"),
                UnmappedValue(field: "charges.status", value: "Deferred"),
            ])
        #expect(classified.classification.rules.derivedLevel == "unclassified.offense_not_in_table")
    }

    /// The I-213 fixture read with its pipeline: named rows (by line) and their labels, counted by hand
    /// from `Fixtures/layouts/i213/input.csv`.
    @Test func i213FixtureRows() throws {
        let yaml = try String(
            contentsOf: TestPaths.pipelines.appendingPathComponent("i213-arrests.yml"), encoding: .utf8)
        let pipeline = try YAMLDecoder().decode(PipelineDefinition.self, from: yaml)
        var records: [Int: SourceRecord] = [:]
        var rejects: [Reject] = []
        _ = try RecordReader(pipeline: pipeline).read(
            path: TestPaths.fixtures.appendingPathComponent("layouts/i213/input.csv").path, displayName: "input.csv",
            onRecord: { record, _ in records[record.lineage.line] = record }, onReject: { rejects.append($0) })
        let classifier = Classifier(
            table: TestRecords.table, spec: pipeline.classification,
            availableFields: [.date, .apprehensionMethod, .gender, .chargeCount])
        func labels(_ line: Int) -> (Criminality, String, String) {
            let labels = classifier.classify(records[line]!).classification
            return (labels.criminality, labels.rules.criminality, labels.rules.derivedLevel)
        }
        #expect(records.count == 25)
        #expect(labels(2) == (.convicted, "criminality.charges_convicted", "unclassified.offense_grade_unknown.1399"))
        #expect(labels(3) == (.pendingCharges, "criminality.charges_pending", "not_convicted.criminality"))
        #expect(
            labels(4) == (.noCriminalRecord, "criminality.charges_dismissed_or_overturned", "not_convicted.criminality")
        )
        #expect(
            labels(5) == (.noCriminalRecord, "criminality.charges_dismissed_or_overturned", "not_convicted.criminality")
        )
        #expect(labels(6) == (.noCriminalRecord, "criminality.charges_empty", "not_convicted.criminality"))
        #expect(labels(7) == (.unknown, "criminality.charges_missing", "unclassified.criminality_unknown"))
        #expect(labels(8) == (.convicted, "criminality.charges_convicted", "unclassified.no_offense_evidence"))
        #expect(labels(9) == (.unknown, "criminality.charge_status_unknown", "unclassified.criminality_unknown"))
        #expect(labels(11) == (.convicted, "criminality.charges_convicted", "L2.fallback_felony_grade.2299"))
        #expect(labels(12) == (.convicted, "criminality.charges_convicted", "unclassified.category_grade_unknown.54"))
        #expect(labels(13) == (.convicted, "criminality.charges_convicted", "L2.fallback_felony_grade.0999"))
        #expect(labels(14) == (.convicted, "criminality.charges_convicted", "L2.fallback_category_grade.11"))
        #expect(labels(15) == (.convicted, "criminality.charges_convicted", "L3.fallback_misdemeanor_grade.0399"))
        #expect(labels(22) == (.convicted, "criminality.charges_convicted", "L2.fallback_felony_grade.1299"))
        #expect(labels(24) == (.unknown, "criminality.charges_missing", "unclassified.criminality_unknown"))
        #expect(labels(26) == (.convicted, "criminality.charges_convicted", "unclassified.offense_not_in_table"))
        #expect(records[27]?.charges?.count == 3)
        #expect(rejects.map(\.lineage.line) == [10])
        #expect(rejects.first?.column == "criminal_charges")
        // Blocks read on several threads carry the same lists (the charge column is shared with them).
        var parallel: [Int: SourceRecord] = [:]
        _ = try RecordReader(pipeline: pipeline, parallelism: Parallelism(workers: 3, blockBytes: 300)).read(
            path: TestPaths.fixtures.appendingPathComponent("layouts/i213/input.csv").path, displayName: "input.csv",
            onRecord: { record, _ in parallel[record.lineage.line] = record }, onReject: { _ in })
        #expect(parallel.mapValues(\.charges) == records.mapValues(\.charges))
        #expect(parallel.mapValues { $0[.chargeCount] } == records.mapValues { $0[.chargeCount] })
    }
}
