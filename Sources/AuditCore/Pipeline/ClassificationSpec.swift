/// Classification settings a pipeline may change: value maps and policy choices.
package struct ClassificationSpec: Sendable, Equatable, Decodable {
    /// Extra source spellings of criminality values, added to the built-in ICE ones.
    package var criminalityValues: [String: Criminality] = [:]
    /// Offense codes an analyst counts as serious traffic (never "minor"). Nil = the table's flags
    /// (driving under the influence, hit and run).
    package var seriousTrafficCodes: [String]?
    /// Values of the `victim_witness_indicator` column and the status each means.
    package var victimWitnessValues: [String: VictimWitnessStatus] = [:]
    /// Opt-in dual-arrest heuristic: a pending domestic-violence charge and no conviction gives
    /// `possible_victim`. Off by default; always reported apart from confirmed statuses.
    package var possibleVictimHeuristic: Bool = false

    enum CodingKeys: String, CodingKey, CaseIterable {
        case criminalityValues = "criminality_values"
        case seriousTrafficCodes = "serious_traffic_codes"
        case victimWitnessValues = "victim_witness_values"
        case possibleVictimHeuristic = "possible_victim_heuristic"
    }

    package init() {}

    package init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        criminalityValues = try c.decodeIfPresent([String: Criminality].self, forKey: .criminalityValues) ?? [:]
        seriousTrafficCodes = try c.decodeIfPresent([String].self, forKey: .seriousTrafficCodes)
        victimWitnessValues =
            try c.decodeIfPresent([String: VictimWitnessStatus].self, forKey: .victimWitnessValues) ?? [:]
        possibleVictimHeuristic = try c.decodeIfPresent(Bool.self, forKey: .possibleVictimHeuristic) ?? false
    }
}
