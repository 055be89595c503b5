import AuditCore

/// Flags convictions whose most serious offense is a minor traffic offense.
///
/// The 2011 Task Force on Secure Communities asked ICE to "withhold ICE enforcement action based
/// solely on minor traffic offenses" (PUBLISHED_FIGURES.md §4). Minor = convicted, the most serious
/// conviction is in the NCIC traffic block (54xx), it is not one the analyst counts as serious
/// (default: driving under the influence 5403/5404 and hit and run 5401; `serious_traffic_codes`
/// overrides), and nothing in the record shows a felony, a violent misdemeanor or a gang conviction
/// (ICE's `Violent Misdemeanor` / `Criminal Street Gang` flags: not "solely" minor traffic).
struct MinorTrafficRule {
    /// Normalised codes counted as serious; nil = the table's `serious_traffic` flags.
    var seriousCodes: Set<String>?

    func decide(criminality: Criminality, evidence: Evidence) -> (Bool, String) {
        guard criminality == .convicted else { return (false, Self.notConvictedRule("minor_traffic", criminality)) }
        if case .categoryOnly(let category) = evidence.offense {
            return (false, category.traffic ? "minor_traffic.category_only_undetermined" : "minor_traffic.not_traffic")
        }
        guard let offense = evidence.offense.offense else {
            return (false, Self.noOffenseRule("minor_traffic", evidence))
        }
        guard offense.traffic else { return (false, "minor_traffic.not_traffic") }
        let serious = seriousCodes.map { $0.contains(offense.code) } ?? offense.seriousTraffic
        if serious { return (false, "minor_traffic.serious_traffic") }
        if evidence.anyFelony { return (false, "minor_traffic.felony_evidence") }
        if evidence.flags[.violentMisdemeanor] == true || evidence.flags[.criminalStreetGang] == true {
            return (false, "minor_traffic.priority_flag")
        }
        return (true, "minor_traffic.traffic_offense")
    }

    /// The rule that says why a label about convictions is false without a conviction: unknown
    /// criminality is not "not convicted" (issue 13 item 5).
    static func notConvictedRule(_ label: String, _ criminality: Criminality) -> String {
        criminality == .unknown ? label + ".criminality_unknown" : label + ".not_convicted"
    }

    /// The rule for a conviction whose offense is absent, or given but matched by no table row.
    static func noOffenseRule(_ label: String, _ evidence: Evidence) -> String {
        evidence.offense == .absent ? label + ".no_offense" : label + ".offense_unmapped"
    }
}

/// Flags convictions whose most serious offense is an immigration offense (illegal entry or
/// re-entry: NCIC 03xx, ICE's 03AB), which analysts routinely separate.
struct ImmigrationOnlyRule {
    func decide(criminality: Criminality, evidence: Evidence) -> (Bool, String) {
        guard criminality == .convicted else {
            return (false, MinorTrafficRule.notConvictedRule("immigration_only", criminality))
        }
        if case .categoryOnly(let category) = evidence.offense {
            guard let immigration = category.immigration else {
                return (false, "immigration_only.category_only_undetermined")
            }
            return immigration
                ? (true, "immigration_only.immigration_offense") : (false, "immigration_only.other_offense")
        }
        guard let offense = evidence.offense.offense else {
            return (false, MinorTrafficRule.noOffenseRule("immigration_only", evidence))
        }
        return offense.immigration
            ? (true, "immigration_only.immigration_offense") : (false, "immigration_only.other_offense")
    }
}
