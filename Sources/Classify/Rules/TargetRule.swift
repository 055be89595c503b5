import AuditCore

/// Judges a labelled record against the stated targets of the era of its date.
///
/// The era is the one whose date range holds the record's date. Within it, a record with unknown
/// criminality is `target_undetermined` (a target about convictions cannot be checked). Otherwise
/// each off-target rule the source can test is evaluated in three values: it holds, it fails, or the
/// record cannot tell — `no_conviction_recorded` (pending charges or none) against a rule that lists
/// only one of the two, as Executive Order 13768's "neither convicted nor charged"; an unknown
/// victim / witness status against a victim rule; a conviction whose offense is unknown against a
/// minor-traffic, immigration-only or level rule. The first rule that holds makes the record
/// `off_target`; else a rule the record cannot tell makes it `target_undetermined`
/// (`target.<era>.<rule>.cannot_tell`); else `on_target`. A rule whose inputs the source lacks
/// altogether (a victim rule without a victim column, a minor-traffic rule without offense data) is not tested and is named "not testable in
/// this source" in the outputs. A rule's `unless_flags` (ICE priority flags the era's documents list
/// as grounds of their own) are applied after its condition: a flag saying `YES` makes the rule fail,
/// an empty one makes a rule that would hold unable to tell (`excepting`). Outside every era, undated, or in an era whose targets are too broad to
/// test (`verdict: none`, rule `target.<era>.no_verdict`): `target_not_judged`.
struct TargetJudge {
    let targets: TargetsDefinition?
    /// Per era, per rule: whether the source can test it.
    private let testable: [[Bool]]
    /// Per era, per rule: its `unless_flags` that the source has a column for.
    private let exceptions: [[[PriorityFlag]]]
    /// Every era's rule names, made once (not per record): `criminality_unknown`, `on_target`, then
    /// one per off-target rule, then one per rule a record cannot tell.
    private let ruleNames: [[String]]

    init(targets: TargetsDefinition?, available: SourceInputs = .init(victimWitness: true, offense: true)) {
        self.targets = targets
        let eras = targets?.eras ?? []
        testable = eras.map { era in era.offTarget.map { $0.when.testable(available) } }
        exceptions = eras.map { era in era.offTarget.map { $0.unlessFlags.filter(available.flags.contains) } }
        ruleNames = eras.map { era in
            era.verdict == .none
                ? ["target.\(era.id).criminality_unknown", "target.\(era.id).no_verdict"]
                : ["target.\(era.id).criminality_unknown", "target.\(era.id).on_target"]
                    + era.offTarget.map { "target.\(era.id).\($0.id)" }
                    + era.offTarget.map { "target.\(era.id).\($0.id).cannot_tell" }
        }
    }

    func judge(_ labels: Classification, date: SimpleDate?) -> (TargetStatus, String?, String) {
        guard let targets else { return (.notJudged, nil, "target.no_targets") }
        guard let date else { return (.notJudged, nil, "target.no_date") }
        guard let index = targets.eraIndex(for: date) else { return (.notJudged, nil, "target.outside_eras") }
        let era = targets.eras[index]
        if era.verdict == .none { return (.notJudged, era.id, ruleNames[index][1]) }
        if labels.criminality == .unknown { return (.undetermined, era.id, ruleNames[index][0]) }
        var cannotTell: Int?
        for (number, rule) in era.offTarget.enumerated() where testable[index][number] {
            let outcome = Self.excepting(
                exceptions[index][number], labels.priorityFlags, Self.evaluate(rule.when, labels))
            switch outcome {
            case .holds: return (.offTarget, era.id, ruleNames[index][2 + number])
            case .cannotTell: cannotTell = cannotTell ?? number
            case .fails: continue
            }
        }
        if let number = cannotTell {
            return (.undetermined, era.id, ruleNames[index][2 + era.offTarget.count + number])
        }
        return (.onTarget, era.id, ruleNames[index][1])
    }

    enum Outcome { case holds, fails, cannotTell }

    /// A rule's `unless_flags`: a flag saying `YES` puts the record within the stated targets (the
    /// rule fails); an unknown flag leaves a rule that would hold unable to tell; `NO` changes nothing.
    static func excepting(_ flags: [PriorityFlag], _ values: PriorityFlags, _ outcome: Outcome) -> Outcome {
        guard outcome != .fails, !flags.isEmpty else { return outcome }
        var unknown = false
        for flag in flags {
            switch values[flag] {
            case true?: return .fails
            case nil: unknown = true
            case false?: continue
            }
        }
        return unknown ? .cannotTell : outcome
    }

    /// Every part of a condition must hold; one that fails decides, one the record cannot tell
    /// leaves the outcome open.
    static func evaluate(_ condition: TargetCondition, _ labels: Classification) -> Outcome {
        var outcome = Outcome.holds
        if let values = condition.criminality {
            switch criminality(values, labels.criminality) {
            case .fails: return .fails
            case .cannotTell: outcome = .cannotTell
            case .holds: break
            }
        }
        // A conviction whose offense is unknown has these labels only defaulted: they cannot tell.
        let offenseParts = [
            condition.derivedLevel.map { $0.contains(labels.derivedLevel) },
            condition.minorTraffic.map { $0 == labels.minorTraffic },
            condition.immigrationOnly.map { $0 == labels.immigrationOnly },
        ]
        for matches in offenseParts.compactMap({ $0 }) where !matches {
            if labels.offenseKnown { return .fails }
            outcome = .cannotTell
        }
        if let values = condition.victimWitness, !values.contains(labels.victimWitness) {
            if labels.victimWitness != .unknown { return .fails }
            outcome = .cannotTell
        }
        return outcome
    }

    /// `no_conviction_recorded` is pending charges or none: a list holding both (or the label itself)
    /// holds, a list holding one of them cannot tell, a list holding neither fails.
    private static func criminality(_ values: [Criminality], _ label: Criminality) -> Outcome {
        if values.contains(label) { return .holds }
        guard label == .noConvictionRecorded else { return .fails }
        let pending = values.contains(.pendingCharges)
        let none = values.contains(.noCriminalRecord)
        if pending && none { return .holds }
        return pending || none ? .cannotTell : .fails
    }
}
