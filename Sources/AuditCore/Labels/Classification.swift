/// Every label of one record, each with the rule that decided it.
///
/// Grain: one per distinct (non-duplicate, non-rejected) record.
public struct Classification: Sendable, Equatable {
    public var criminality: Criminality
    public var iceThreatLevel: ICEThreatLevel
    public var derivedLevel: DerivedLevel
    public var minorTraffic: Bool
    public var immigrationOnly: Bool
    public var victimWitness: VictimWitnessStatus
    /// Judged against the stated targets of the era of the record's date.
    public var target: TargetStatus = .notJudged
    /// The era's id, when the date falls in one.
    public var era: String?
    /// False for a conviction whose offense is absent or matched by no table row: its minor-traffic,
    /// immigration-only and level labels are not known, only defaulted (targets cannot be told).
    public var offenseKnown = true
    /// `Targeted` / `Collateral` as the arrest records it (unknown when blank, redacted, another value
    /// or not in the source).
    public var apprehensionType: ApprehensionType = .unknown
    /// ICE's priority flags as the record states them (read by `unless_flags` in the targets).
    public var priorityFlags = PriorityFlags()
    /// Rule identifiers, e.g. `criminality=source.value`, `derived_level=L1.aggravated_felony.flag`.
    public var rules: Rules

    public struct Rules: Sendable, Equatable {
        public var criminality: String
        public var derivedLevel: String
        public var minorTraffic: String
        public var immigrationOnly: String
        public var victimWitness: String
        public var target: String = "target.not_evaluated"

        public init(
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

    public init(
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
public struct UnmappedValue: Sendable, Hashable, Codable {
    /// What kind of value: `msc_code`, `msc_name`, `criminality`, `ice_threat_level`, ...
    public var field: String
    public var value: String

    public init(field: String, value: String) {
        self.field = field
        self.value = value
    }
}

/// The classify stage's output for one record.
///
/// Grain: one per distinct record; `findings` holds conflicts between pieces of evidence.
public struct ClassifiedRecord: Sendable, Equatable {
    public var record: SourceRecord
    public var classification: Classification
    public var unmapped: [UnmappedValue]
    public var findings: [Finding]

    public init(record: SourceRecord, classification: Classification, unmapped: [UnmappedValue], findings: [Finding]) {
        self.record = record
        self.classification = classification
        self.unmapped = unmapped
        self.findings = findings
    }
}
