import AuditCore

/// Flags convictions whose most serious offense is a minor traffic offense.
///
/// The 2011 Task Force on Secure Communities asked ICE to "withhold ICE enforcement action based
/// solely on minor traffic offenses" (PUBLISHED_FIGURES.md §4). Minor = convicted, the most serious
/// conviction is in the NCIC traffic block (54xx), it is not one the analyst counts as serious
/// (default: driving under the influence 5403/5404 and hit and run 5401; `serious_traffic_codes`
/// overrides), and nothing in the record shows a felony.
struct MinorTrafficRule {
    /// Normalised codes counted as serious; nil = the table's `serious_traffic` flags.
    var seriousCodes: Set<String>?

    func decide(criminality: Criminality, evidence: Evidence) -> (Bool, String) {
        guard criminality == .convicted else { return (false, "minor_traffic.not_convicted") }
        guard let offense = evidence.offense.offense else { return (false, "minor_traffic.no_offense") }
        guard offense.traffic else { return (false, "minor_traffic.not_traffic") }
        let serious = seriousCodes.map { $0.contains(offense.code) } ?? offense.seriousTraffic
        if serious { return (false, "minor_traffic.serious_traffic") }
        if evidence.anyFelony { return (false, "minor_traffic.felony_evidence") }
        return (true, "minor_traffic.traffic_offense")
    }
}

/// Flags convictions whose most serious offense is an immigration offense (illegal entry or
/// re-entry: NCIC 03xx, ICE's 03AB), which analysts routinely separate.
struct ImmigrationOnlyRule {
    func decide(criminality: Criminality, evidence: Evidence) -> (Bool, String) {
        guard criminality == .convicted else { return (false, "immigration_only.not_convicted") }
        guard let offense = evidence.offense.offense else { return (false, "immigration_only.no_offense") }
        return offense.immigration ? (true, "immigration_only.immigration_offense") : (false, "immigration_only.other_offense")
    }
}
