/// Every label of one record, each with the rule that decided it.
///
/// Grain: one per distinct (non-duplicate, non-rejected) record.
package struct Classification: Sendable, Equatable {
    package var criminality: Criminality
    package var iceThreatLevel: ICEThreatLevel
    package var derivedLevel: DerivedLevel
    package var minorTraffic: Bool
    package var immigrationOnly: Bool
    package var victimWitness: VictimWitnessStatus
    /// Judged against the stated targets of the era of the record's date.
    package var target: TargetStatus = .notJudged
    /// The era's id, when the date falls in one.
    package var era: String?
    /// False for a conviction whose offense is absent or matched by no table row: its minor-traffic,
    /// immigration-only and level labels are not known, only defaulted (targets cannot be told).
    package var offenseKnown = true
    /// `Targeted` / `Collateral` as the arrest records it (unknown when blank, redacted, another value
    /// or not in the source).
    package var apprehensionType: ApprehensionType = .unknown
    /// ICE's priority flags as the record states them (read by `unless_flags` in the targets).
    package var priorityFlags = PriorityFlags()
    /// Rule identifiers, e.g. `criminality=source.value`, `derived_level=L1.aggravated_felony.flag`.
    package var rules: Rules

    package struct Rules: Sendable, Equatable {
        package var criminality: String
        package var derivedLevel: String
        package var minorTraffic: String
        package var immigrationOnly: String
        package var victimWitness: String
        package var target: String = "target.not_evaluated"

        package init(
            criminality: String, derivedLevel: String, minorTraffic: String, immigrationOnly: String,
            victimWitness: String
        ) {
            self.criminality = criminality
            self.derivedLevel = derivedLevel
            self.minorTraffic = minorTraffic
            self.immigrationOnly = immigrationOnly
            self.victimWitness = victimWitness
        }
    }

    package init(
        criminality: Criminality, iceThreatLevel: ICEThreatLevel, derivedLevel: DerivedLevel,
        minorTraffic: Bool, immigrationOnly: Bool, victimWitness: VictimWitnessStatus, rules: Rules
    ) {
        self.criminality = criminality
        self.iceThreatLevel = iceThreatLevel
        self.derivedLevel = derivedLevel
        self.minorTraffic = minorTraffic
        self.immigrationOnly = immigrationOnly
        self.victimWitness = victimWitness
        self.rules = rules
    }
}

/// A value the rule tables could not map, kept so analysts can extend the tables.
package struct UnmappedValue: Sendable, Hashable, Codable {
    /// What kind of value: `msc_code`, `msc_name`, `criminality`, `ice_threat_level`, ...
    package var field: String
    package var value: String

    package init(field: String, value: String) {
        self.field = field
        self.value = value
    }
}

/// The classify stage's output for one record.
///
/// Grain: one per distinct record; `findings` holds conflicts between pieces of evidence.
package struct ClassifiedRecord: Sendable, Equatable {
    package var record: SourceRecord
    package var classification: Classification
    package var unmapped: [UnmappedValue]
    package var findings: [Finding]

    package init(record: SourceRecord, classification: Classification, unmapped: [UnmappedValue], findings: [Finding]) {
        self.record = record
        self.classification = classification
        self.unmapped = unmapped
        self.findings = findings
    }
}
