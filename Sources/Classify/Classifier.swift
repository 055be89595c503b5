package import AuditCore

/// The classify stage: labels every record, and only labels.
///
/// Input grain: one distinct source record. Output grain: the same record with its `Classification`
/// (each label with its deciding rule), the values no table could map, and conflicts between pieces
/// of evidence as findings.
package struct Classifier: Sendable {
    package let table: OffenseTable
    private let criminality: CriminalityRule
    private let threatLevel = ThreatLevelRule()
    private let derivedLevel = DerivedLevelRule()
    private let minorTraffic: MinorTrafficRule
    private let immigrationOnly = ImmigrationOnlyRule()
    private let priorityFlags = PriorityFlagRule()
    private let apprehensionType = ApprehensionTypeRule()
    private let victimWitness: VictimWitnessRule
    private let targetJudge: TargetJudge
    /// Fields with a declared recorded period (`recorded_from` / `recorded_until`).
    private var periods: [(field: Field, spec: ColumnSpec)]
    /// For each set of fields a record's date falls outside the recorded period of, the classifier
    /// that treats them as not in the source.
    private var notRecordedVariants: [Set<Field>: Classifier]

    /// - Parameters:
    ///   - availableFields: fields that have a column in the input (absent ones are "not in source").
    ///   - targets: the stated targets records are judged against (nil: every record is not judged).
    ///   - recordedPeriods: column specs of fields the source recorded only for a period; outside it
    ///     a record is classified as if the field were not in the source (issue 13 item 3).
    package init(
        table: OffenseTable, spec: ClassificationSpec, availableFields: Set<Field>, targets: TargetsDefinition? = nil,
        recordedPeriods: [Field: ColumnSpec] = [:]
    ) {
        self.init(table: table, spec: spec, availableFields: availableFields, targets: targets, notRecorded: [])
        let periods = recordedPeriods.filter { $0.value.hasRecordedPeriod && availableFields.contains($0.key) }
            .sorted { $0.key < $1.key }.map { (field: $0.key, spec: $0.value) }
        var variants: [Set<Field>: Classifier] = [:]
        for mask in 1..<(1 << periods.count) {
            let fields = Set(periods.indices.filter { mask & (1 << $0) != 0 }.map { periods[$0].field })
            variants[fields] = Classifier(
                table: table, spec: spec, availableFields: availableFields.subtracting(fields), targets: targets,
                notRecorded: fields)
        }
        self.periods = periods
        notRecordedVariants = variants
    }

    private init(
        table: OffenseTable, spec: ClassificationSpec, availableFields: Set<Field>, targets: TargetsDefinition?,
        notRecorded: Set<Field>
    ) {
        periods = []
        notRecordedVariants = [:]
        self.table = table
        targetJudge = TargetJudge(
            targets: targets,
            available: .init(
                victimWitness: availableFields.contains(.victimWitnessIndicator),
                offense: availableFields.contains(.mscCode) || availableFields.contains(.mscName)
                    || availableFields.contains(.chargeCount),
                flags: Set(PriorityFlag.allCases.filter { availableFields.contains($0.field) })))
        criminality = CriminalityRule(
            extraValues: spec.criminalityValues,
            sourceHasCriminality: availableFields.contains(.criminality),
            sourceHasOffense: availableFields.contains(.mscCode) || availableFields.contains(.mscName),
            sourceHasCharges: availableFields.contains(.chargeCount),
            notRecordedThen: !notRecorded.isDisjoint(with: [.criminality, .mscCode, .mscName, .chargeCount]))
        minorTraffic = MinorTrafficRule(
            seriousCodes: spec.seriousTrafficCodes.map { Set($0.map(OffenseCode.normalized)) })
        victimWitness = VictimWitnessRule(
            values: spec.victimWitnessValues,
            sourceHasIndicator: availableFields.contains(.victimWitnessIndicator),
            heuristic: spec.possibleVictimHeuristic)
    }

    package func classify(_ record: SourceRecord) -> ClassifiedRecord {
        if !periods.isEmpty {
            let notRecorded = Set(periods.filter { !$0.spec.recorded(on: record.date) }.map(\.field))
            if !notRecorded.isEmpty, let variant = notRecordedVariants[notRecorded] {
                var blanked = record
                for field in notRecorded { blanked[field] = .missing }
                if notRecorded.contains(.chargeCount) { blanked.charges = nil }
                var result = variant.classify(blanked)
                result.record = record
                return result
            }
        }
        var unmapped: [UnmappedValue] = []
        var findings: [Finding] = []
        let evidence = Evidence(record: record, table: table, unmapped: &unmapped)
        if case .code(let offense) = evidence.offense, let name = record[.mscName].string,
            let named = table.contradiction(code: offense, name: name)
        {
            findings.append(
                Finding(
                    severity: .warning, lineage: record.lineage, column: nil, code: "conflict.msc_code_name",
                    message:
                        "msc_code \(offense.code) is \(offense.name) but msc_name '\(name)' is \(named.code) \(named.name); the code decides"
                ))
        }
        let (criminalityLabel, criminalityRule) = criminality.decide(record, evidence: evidence, unmapped: &unmapped)
        let iceLevel = threatLevel.decide(record, unmapped: &unmapped)
        let (level, levelRule) = derivedLevel.decide(
            criminality: criminalityLabel, evidence: evidence, lineage: record.lineage, findings: &findings)
        let (minor, minorRule) = minorTraffic.decide(criminality: criminalityLabel, evidence: evidence)
        let (immigration, immigrationRule) = immigrationOnly.decide(criminality: criminalityLabel, evidence: evidence)
        let (status, statusRule) = victimWitness.decide(
            record, criminality: criminalityLabel, evidence: evidence, unmapped: &unmapped)
        var classification = Classification(
            criminality: criminalityLabel, iceThreatLevel: iceLevel, derivedLevel: level, minorTraffic: minor,
            immigrationOnly: immigration, victimWitness: status,
            rules: .init(
                criminality: criminalityRule, derivedLevel: levelRule, minorTraffic: minorRule,
                immigrationOnly: immigrationRule, victimWitness: statusRule))
        classification.offenseKnown = criminalityLabel != .convicted || evidence.offense.decidesLabels
        classification.priorityFlags = evidence.flags
        classification.apprehensionType = apprehensionType.decide(record, unmapped: &unmapped)
        findings += priorityFlags.contradictions(
            criminality: criminalityLabel, minorTrafficRule: minorRule, evidence: evidence, lineage: record.lineage)
        let (target, era, targetRule) = targetJudge.judge(classification, date: record.date)
        classification.target = target
        classification.era = era
        classification.rules.target = targetRule
        return ClassifiedRecord(record: record, classification: classification, unmapped: unmapped, findings: findings)
    }
}
