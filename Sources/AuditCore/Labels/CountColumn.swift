/// The count columns every report carries, in their stable output order.
///
/// Each column counts records (weighted by the count column for pre-aggregated inputs) carrying one
/// label; the README's codebook section documents the rule behind each.
package enum CountColumn: String, CaseIterable, Sendable, Hashable {
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
    case onTarget = "on_target", offTarget = "off_target", targetUndetermined = "target_undetermined", targetNotJudged =
        "target_not_judged"
    /// How the arrest came about (arrests of the 2026 releases: `Targeted` / `Collateral`); a partition
    /// of `records`, `apprehension_type_unknown` for the rest.
    case targeted, collateral, apprehensionTypeUnknown = "apprehension_type_unknown"

    /// Position in `allCases`; a switch because it runs for every count of every record.
    package var index: Int {
        switch self {
        case .records: 0
        case .convicted: 1
        case .pendingCharges: 2
        case .noCriminalRecord: 3
        case .noConvictionRecorded: 4
        case .criminalityUnknown: 5
        case .level1: 6
        case .level2: 7
        case .level3: 8
        case .notConvicted: 9
        case .unclassified: 10
        case .iceLevel1: 11
        case .iceLevel2: 12
        case .iceLevel3: 13
        case .iceLevelNone: 14
        case .iceLevelMissing: 15
        case .minorTraffic: 16
        case .immigrationOnly: 17
        case .victimDomesticViolence: 18
        case .victimViolentCrime: 19
        case .victimTrafficking: 20
        case .witness: 21
        case .possibleVictim: 22
        case .victimWitnessNone: 23
        case .victimWitnessUnknown: 24
        case .onTarget: 25
        case .offTarget: 26
        case .targetUndetermined: 27
        case .targetNotJudged: 28
        case .targeted: 29
        case .collateral: 30
        case .apprehensionTypeUnknown: 31
        }
    }

    /// Targeted / collateral, which read "not available in this source" when no input has the column.
    package var isApprehensionType: Bool { self == .targeted || self == .collateral }

    /// Victim / witness columns, which read "not available in this source" when no indicator exists.
    package var isVictimWitness: Bool {
        switch self {
        case .victimDomesticViolence, .victimViolentCrime, .victimTrafficking, .witness, .victimWitnessNone: true
        default: false
        }
    }

    /// The columns a classification adds one to: each label family's `countColumn` (switches, not
    /// `init(rawValue:)`: this runs per record).
    package static func columns(for classification: Classification) -> [CountColumn] {
        var columns: [CountColumn] = [.records]
        columns.reserveCapacity(9)
        columns.append(classification.criminality.countColumn)
        columns.append(classification.derivedLevel.countColumn)
        columns.append(classification.iceThreatLevel.countColumn)
        if classification.minorTraffic { columns.append(.minorTraffic) }
        if classification.immigrationOnly { columns.append(.immigrationOnly) }
        columns.append(classification.victimWitness.countColumn)
        columns.append(classification.target.countColumn)
        columns.append(classification.apprehensionType.countColumn)
        return columns
    }
}
