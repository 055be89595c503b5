import AuditCore

/// Judges a labelled record against the stated targets of the era of its date.
///
/// The era is the one whose date range holds the record's date. Within it, a record with unknown
/// criminality is `target_undetermined` (a target about convictions cannot be checked); otherwise the
/// first off-target rule whose condition holds makes it `off_target`, named by the rule's id; every
/// other record is `on_target`. Outside every era, or undated: `target_not_judged`.
struct TargetJudge {
    var targets: TargetsDefinition?

    func judge(_ labels: Classification, date: SimpleDate?) -> (TargetStatus, String?, String) {
        guard let targets else { return (.notJudged, nil, "target.no_targets") }
        guard let date else { return (.notJudged, nil, "target.no_date") }
        guard let era = targets.era(for: date) else { return (.notJudged, nil, "target.outside_eras") }
        if labels.criminality == .unknown { return (.undetermined, era.id, "target.\(era.id).criminality_unknown") }
        for rule in era.offTarget where Self.holds(rule.when, labels) {
            return (.offTarget, era.id, "target.\(era.id).\(rule.id)")
        }
        return (.onTarget, era.id, "target.\(era.id).on_target")
    }

    static func holds(_ condition: TargetCondition, _ labels: Classification) -> Bool {
        if let values = condition.criminality, !values.contains(labels.criminality) { return false }
        if let values = condition.derivedLevel, !values.contains(labels.derivedLevel) { return false }
        if let value = condition.minorTraffic, value != labels.minorTraffic { return false }
        if let value = condition.immigrationOnly, value != labels.immigrationOnly { return false }
        if let values = condition.victimWitness, !values.contains(labels.victimWitness) { return false }
        return true
    }
}
