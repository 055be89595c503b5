import AuditCore

/// Judges a labelled record against the stated targets of the era of its date.
///
/// The era is the one whose date range holds the record's date. Within it, a record with unknown
/// criminality is `target_undetermined` (a target about convictions cannot be checked); otherwise the
/// first off-target rule whose condition holds makes it `off_target`, named by the rule's id; every
/// other record is `on_target`. Outside every era, undated, or in an era whose targets are too broad to
/// test (`verdict: none`, rule `target.<era>.no_verdict`): `target_not_judged`.
struct TargetJudge {
    let targets: TargetsDefinition?
    /// Every era's rule names, made once (not per record): `criminality_unknown`, `on_target`, then
    /// one per off-target rule.
    private let ruleNames: [[String]]

    init(targets: TargetsDefinition?) {
        self.targets = targets
        ruleNames = (targets?.eras ?? []).map { era in
            era.verdict == .none
                ? ["target.\(era.id).criminality_unknown", "target.\(era.id).no_verdict"]
                : ["target.\(era.id).criminality_unknown", "target.\(era.id).on_target"] + era.offTarget.map { "target.\(era.id).\($0.id)" }
        }
    }

    func judge(_ labels: Classification, date: SimpleDate?) -> (TargetStatus, String?, String) {
        guard let targets else { return (.notJudged, nil, "target.no_targets") }
        guard let date else { return (.notJudged, nil, "target.no_date") }
        guard let index = targets.eraIndex(for: date) else { return (.notJudged, nil, "target.outside_eras") }
        let era = targets.eras[index]
        if era.verdict == .none { return (.notJudged, era.id, ruleNames[index][1]) }
        if labels.criminality == .unknown { return (.undetermined, era.id, ruleNames[index][0]) }
        for (number, rule) in era.offTarget.enumerated() where Self.holds(rule.when, labels) {
            return (.offTarget, era.id, ruleNames[index][2 + number])
        }
        return (.onTarget, era.id, ruleNames[index][1])
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
