/// The count columns every report carries, in their stable output order.
///
/// Each column counts records (weighted by the count column for pre-aggregated inputs) carrying one
/// label; the README's codebook section documents the rule behind each.
public enum CountColumn: String, CaseIterable, Sendable, Hashable {
    case records
    case convicted, pendingCharges = "pending_charges", noCriminalRecord = "no_criminal_record"
    case noConvictionRecorded = "no_conviction_recorded", criminalityUnknown = "criminality_unknown"
    case level1 = "level_1", level2 = "level_2", level3 = "level_3", notConvicted = "not_convicted", unclassified
    case iceLevel1 = "ice_level_1", iceLevel2 = "ice_level_2", iceLevel3 = "ice_level_3"
    case iceLevelNone = "ice_level_none", iceLevelMissing = "ice_level_missing"
    case minorTraffic = "minor_traffic", immigrationOnly = "immigration_only"
    case victimDomesticViolence = "victim_domestic_violence", victimViolentCrime = "victim_violent_crime"
    case victimTrafficking = "victim_trafficking", witness, possibleVictim = "possible_victim"
    case victimWitnessNone = "victim_witness_none", victimWitnessUnknown = "victim_witness_unknown"
    case onTarget = "on_target", offTarget = "off_target", targetUndetermined = "target_undetermined", targetNotJudged = "target_not_judged"

    public var index: Int { Self.indexTable[self]! }
    private static let indexTable: [CountColumn: Int] = Dictionary(
        uniqueKeysWithValues: CountColumn.allCases.enumerated().map { ($1, $0) })

    /// Victim / witness columns, which read "not available in this source" when no indicator exists.
    public var isVictimWitness: Bool {
        switch self {
        case .victimDomesticViolence, .victimViolentCrime, .victimTrafficking, .witness, .victimWitnessNone: true
        default: false
        }
    }

    /// The columns a classification adds one to.
    public static func columns(for classification: Classification) -> [CountColumn] {
        var columns: [CountColumn] = [.records]
        columns.append(CountColumn(rawValue: classification.criminality.column)!)
        columns.append(CountColumn(rawValue: classification.derivedLevel.column)!)
        columns.append(CountColumn(rawValue: classification.iceThreatLevel.column)!)
        if classification.minorTraffic { columns.append(.minorTraffic) }
        if classification.immigrationOnly { columns.append(.immigrationOnly) }
        columns.append(CountColumn(rawValue: classification.victimWitness.column)!)
        columns.append(CountColumn(rawValue: classification.target.rawValue)!)
        return columns
    }
}
