import AuditCore

/// Maps joined-in victim / witness evidence to a status, and optionally applies the dual-arrest
/// heuristic.
///
/// No ICE release carries a victim or witness field (CODEBOOK §8). Organisations join in their own
/// data (victim-services case records, U- or T-visa certifications); the pipeline maps that column's
/// values (`classification.victim_witness_values`, compared case-insensitively). A blank cell in a
/// present column is `none`; a value not in the map is `unknown` and listed as unmapped. When the
/// source has no such column, every record is `unknown` and reports say "not available in this
/// source".
///
/// Dual-arrest heuristic (opt-in, `possible_victim_heuristic: true`): police responding to domestic
/// violence sometimes arrest both parties, so a person whose only record is a *pending*
/// domestic-violence charge — never convicted — may be the victim. Such records become
/// `possible_victim`, always reported apart from confirmed statuses.
struct VictimWitnessRule {
    var values: [String: VictimWitnessStatus]
    var sourceHasIndicator: Bool
    var heuristic: Bool

    init(values: [String: VictimWitnessStatus], sourceHasIndicator: Bool, heuristic: Bool) {
        self.values = Dictionary(
            values.map { (ColumnName.normalized($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.sourceHasIndicator = sourceHasIndicator
        self.heuristic = heuristic
    }

    func decide(_ record: SourceRecord, criminality: Criminality, evidence: Evidence, unmapped: inout [UnmappedValue])
        -> (VictimWitnessStatus, String)
    {
        var status = VictimWitnessStatus.unknown
        var rule = "victim_witness.not_in_source"
        if sourceHasIndicator {
            switch record[.victimWitnessIndicator] {
            case .value(let text):
                if let mapped = values[ColumnName.normalized(text)] {
                    (status, rule) = (mapped, "victim_witness.indicator_value")
                } else {
                    unmapped.append(UnmappedValue(field: Field.victimWitnessIndicator.rawValue, value: text))
                    (status, rule) = (.unknown, "victim_witness.unmapped_value")
                }
            case .missing: (status, rule) = (.none, "victim_witness.indicator_blank")
            case .redacted: (status, rule) = (.unknown, "victim_witness.indicator_redacted")
            }
        }
        if heuristic, !status.isConfirmed, criminality == .pendingCharges, evidence.chargeStatus != .convicted,
            evidence.offense.offense?.domesticViolence == true
        {
            return (.possibleVictim, "victim_witness.dual_arrest_heuristic")
        }
        return (status, rule)
    }
}
