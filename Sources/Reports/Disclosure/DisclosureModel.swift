/// The publication as one linear system: every count the run publishes (and the totals it does
/// not publish) is a cell, and every identity a reader knows between them (README "Disclosure
/// control": label families add up to `records`, finer rows to coarser rows, every table to the
/// grand total, …) is a row `Σ coefficient × cell = 0` (or `≤ 0`).
///
/// One model per run masks every table (issue 16): `SmallCellSuppression` marks the primary
/// cells and picks a first set of complements, `DisclosureAudit` checks by linear programming
/// that no primary cell can be narrowed below 1…k−1, and `DisclosureRepair` hides more until none
/// is. Cells are plain indexes; the identities of a cell are found through `identitiesOf`.
package struct DisclosureModel: Sendable {
    package enum Mark: Sendable, Equatable {
        /// Published as its value.
        case visible
        /// A count in 1…k−1, shown `<k`.
        case primary
        /// A count in 1…k−1 shown `x`: even "at least 1" would give another cell away (several
        /// `<k` cells adding up to a small total would put that total above 1).
        case primaryShownX
        /// Hidden so that a primary cell cannot be recovered, shown `x`.
        case complementary
        /// Never published by any file (a total no table shows): unknown to the reader.
        case unpublished

        package var isHidden: Bool { self != .visible }
        package var isPrimary: Bool { self == .primary || self == .primaryShownX }
        /// The attacker's bounds for a hidden cell: 1…k−1 for `<k`, any count for `x`.
        func lowerBound() -> Double { self == .primary ? 1 : 0 }
    }

    package struct Identity: Sendable, Equatable {
        package var cells: [Int]
        package var coefficients: [Double]
        /// `Σ = 0` when true, `Σ ≤ 0` when false.
        package var isEquality: Bool
    }

    package let k: Int
    package private(set) var values: [Int] = []
    package var marks: [Mark] = []
    /// Residual categories (unknown, missing, undetermined, …): preferred as complements, so the
    /// substantive counts and the shares built on them stay published.
    package private(set) var residual: [Bool] = []
    /// False for values another part of the publication prints in any case (the manifest's totals).
    package private(set) var hideable: [Bool] = []
    package private(set) var identities: [Identity] = []
    /// For each cell, the identities it appears in.
    package private(set) var identitiesOf: [[Int]] = []

    package init(k: Int) { self.k = k }

    package var cellCount: Int { values.count }

    package func isPrimaryValue(_ value: Int) -> Bool { value > 0 && value < k }

    /// Adds a cell; a published count from 1 to k−1 starts as primary, everything else visible.
    @discardableResult
    package mutating func addCell(_ value: Int, published: Bool = true, residual: Bool = false, hideable: Bool = true)
        -> Int
    {
        values.append(value)
        let mark: Mark =
            if !published { .unpublished } else if hideable && isPrimaryValue(value) { .primary } else { .visible }
        marks.append(mark)
        self.residual.append(residual)
        self.hideable.append(hideable && published)
        identitiesOf.append([])
        return values.count - 1
    }

    /// `Σ coefficient × cell = 0` (`equal`) or `≤ 0`; terms on one cell are summed, zero terms dropped.
    package mutating func relate(_ terms: [(cell: Int, coefficient: Double)], equal: Bool = true) {
        var merged: [Int: Double] = [:]
        for term in terms { merged[term.cell, default: 0] += term.coefficient }
        let cells = merged.keys.filter { merged[$0] != 0 }.sorted()
        guard !cells.isEmpty else { return }
        let number = identities.count
        identities.append(
            Identity(cells: cells, coefficients: cells.map { merged[$0]! }, isEquality: equal))
        for cell in cells { identitiesOf[cell].append(number) }
    }

    /// `total = Σ parts`.
    package mutating func sum(_ parts: [Int], equals total: Int) {
        relate(parts.map { ($0, 1.0) } + [(total, -1.0)])
    }

    /// Hides a visible, hideable cell as a complement; returns whether it did.
    @discardableResult
    package mutating func hide(_ cell: Int) -> Bool {
        guard marks[cell] == .visible, hideable[cell] else { return false }
        marks[cell] = .complementary
        return true
    }

    package var primaryCount: Int { marks.lazy.filter(\.isPrimary).count }
    package var primaryShownXCount: Int { marks.lazy.filter { $0 == .primaryShownX }.count }
    package var complementaryCount: Int { marks.lazy.filter { $0 == .complementary }.count }
    /// Cells some file publishes (visible or hidden there).
    package var publishedCount: Int { marks.lazy.filter { $0 != .unpublished }.count }
}
