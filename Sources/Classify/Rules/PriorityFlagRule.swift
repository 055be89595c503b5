import AuditCore

/// Findings where ICE's own priority flags contradict the record's labels.
///
/// The labels stay as the rules decided them; the contradiction is reported so an analyst can see
/// which field to doubt:
/// - `conflict.flag_without_conviction`: a flag that asserts a conviction (`aggravated_felony_flag`,
///   `multiple_prior_misd`, `criminal_street_gang`; I-247D: "has been convicted of …") says `YES`
///   while criminality says pending charges, none, or no conviction recorded; or a flag that asserts
///   a conviction *or a charge* (`prior_felony`, `violent_misdemeanor`; ICE detainer guidance of
///   21 December 2012) says `YES` while criminality says no criminal record.
/// - `conflict.minor_traffic_flag`: the most serious conviction is a minor traffic offense, but
///   `violent_misdemeanor` or `criminal_street_gang` says `YES`; the record is not counted as minor
///   traffic (`minor_traffic.priority_flag`).
struct PriorityFlagRule {
    static let convictionFlags: [PriorityFlag] = [.aggravatedFelony, .multiplePriorMisdemeanors, .criminalStreetGang]
    static let convictionOrChargeFlags: [PriorityFlag] = [.priorFelony, .violentMisdemeanor]

    func contradictions(criminality: Criminality, minorTrafficRule: String, evidence: Evidence, lineage: Lineage)
        -> [Finding]
    {
        var findings: [Finding] = []
        let flags = evidence.flags
        var contradicting: [PriorityFlag] = []
        if [.pendingCharges, .noCriminalRecord, .noConvictionRecorded].contains(criminality) {
            contradicting += Self.convictionFlags.filter { flags[$0] == true }
        }
        if criminality == .noCriminalRecord {
            contradicting += Self.convictionOrChargeFlags.filter { flags[$0] == true }
        }
        if !contradicting.isEmpty {
            findings.append(
                Finding(
                    severity: .warning, lineage: lineage, column: nil, code: "conflict.flag_without_conviction",
                    message:
                        "\(Self.names(contradicting)) YES but criminality is \(criminality.rawValue); the criminality decides"
                ))
        }
        if minorTrafficRule == "minor_traffic.priority_flag" {
            let named = [PriorityFlag.violentMisdemeanor, .criminalStreetGang].filter { flags[$0] == true }
            findings.append(
                Finding(
                    severity: .warning, lineage: lineage, column: nil, code: "conflict.minor_traffic_flag",
                    message:
                        "the most serious conviction is a minor traffic offense but \(Self.names(named)) YES; not counted as minor traffic"
                ))
        }
        return findings
    }

    /// `violent_misdemeanor says` or `prior_felony and violent_misdemeanor say`.
    private static func names(_ flags: [PriorityFlag]) -> String {
        flags.map(\.rawValue).joined(separator: " and ") + (flags.count == 1 ? " says" : " say")
    }
}
