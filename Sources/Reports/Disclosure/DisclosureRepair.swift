/// Audit, then repair: the greedy complements first (`SmallCellSuppression`), then the LP audit
/// (`DisclosureAudit`); for every primary cell it finds narrowed, one more cell sharing an identity
/// with it is hidden (one with enough room first, as in the greedy pass), and only the components
/// that changed are audited again — until none is narrowed or `maxPasses` audits have run.
package enum DisclosureRepair {
    /// What the audit checked, for the manifest.
    package struct Record: Sendable, Equatable {
        package var primaryAudited = 0
        package var primaryNarrowed = 0
        package var primaryNotAudited = 0
        package var complementsByGreedy = 0
        package var complementsByRepair = 0
        package var primaryShownX = 0
        package var passes = 0
        package var solves = 0
    }

    package static func protect(
        _ model: inout DisclosureModel, maxPasses: Int = 60, log: ((String) -> Void)? = nil
    ) -> Record {
        var record = Record()
        record.complementsByGreedy = SmallCellSuppression.complement(&model)
        log?("greedy: \(model.primaryCount) primary, \(record.complementsByGreedy) complements")
        var targets: Set<Int>? = nil
        var attempts: [Int: Int] = [:]
        var outcome = DisclosureAudit.Outcome()
        for pass in 1...max(1, maxPasses) {
            outcome = DisclosureAudit.audit(model, only: targets)
            record.passes = pass
            record.solves += outcome.solves
            log?(
                "pass \(pass): audited \(outcome.audited), solves \(outcome.solves), narrowed \(outcome.narrowed.count)"
            )
            guard !outcome.narrowed.isEmpty, pass < maxPasses else { break }
            var changed = false
            for cell in outcome.narrowed.keys.sorted() {
                attempts[cell, default: 0] += 1
                changed = repair(cell, outcome.narrowed[cell]!, all: attempts[cell]! > 2, &model) || changed
            }
            guard changed else { break }
            targets = Set(outcome.narrowed.keys)
        }
        record.complementsByRepair = model.complementaryCount - record.complementsByGreedy
        record.primaryShownX = model.primaryShownXCount
        record.primaryNotAudited = outcome.failed.count
        record.primaryNarrowed = outcome.narrowed.count
        record.primaryAudited = model.primaryCount - outcome.failed.count
        return record
    }

    /// Hides one cell for a narrowed primary cell: a published cell of a binding identity, else
    /// shows a binding `<k` cell as `x`, else a published cell of any of its identities. With `all`
    /// (a cell still narrowed after two repairs) every such cell at once.
    private static func repair(
        _ cell: Int, _ narrowing: DisclosureAudit.Narrowing, all: Bool, _ model: inout DisclosureModel
    ) -> Bool {
        if all {
            var changed = false
            for number in narrowing.binding {
                for other in model.identities[number].cells { changed = model.hide(other) || changed }
            }
            for other in narrowing.boundAt where model.marks[other] == .primary {
                model.marks[other] = .primaryShownX
                changed = true
            }
            if changed { return true }
        }
        if let choice = complement(for: cell, narrowing, in: narrowing.binding, model), model.hide(choice) {
            return true
        }
        if let shown = narrowing.boundAt.first(where: { model.marks[$0] == .primary }) {
            // Nothing published binds: other `<k` cells do, through "at least 1".
            model.marks[shown] = .primaryShownX
            return true
        }
        if let choice = complement(for: cell, narrowing, in: model.identitiesOf[cell], model) {
            return model.hide(choice)
        }
        return false
    }

    /// A visible cell of `identities` (those binding at the narrowed bound, the solver's non-zero
    /// duals, or all of the cell's) chosen to give the cell the room it lacks: a residual category
    /// with enough value first, then the smallest with enough, then the largest.
    static func complement(
        for cell: Int, _ narrowing: DisclosureAudit.Narrowing, in identities: [Int], _ model: DisclosureModel
    ) -> Int? {
        let k = Double(model.k)
        let missing = max(narrowing.upper.map { k - 1 - $0 } ?? 0, narrowing.lower.map { $0 - 1 } ?? 0)
        var cells = Set<Int>()
        for number in identities {
            for other in model.identities[number].cells where model.marks[other] == .visible && model.hideable[other] {
                cells.insert(other)
            }
        }
        return SmallCellSuppression.choose(cells.sorted(), enough: missing, model)
    }
}
