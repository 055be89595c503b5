/// The attacker's question, asked of a masked `DisclosureModel`: over all non-negative (relaxed)
/// solutions of the identities with the published cells fixed, `<k` read as 1…k−1 and `x` as any
/// count, how low and how high can each primary cell go? A primary cell is safe when its minimum
/// is at most 1 and its maximum at least k−1.
///
/// The hidden cells fall into connected components (cells sharing an identity); each component is
/// one linear program (`LinearProgram.Solver`), asked in turn with only the objective changed. Any
/// optimal solution proves the bound of every primary cell it puts at 1 or at k−1, so the audit
/// first maximises (then minimises) the sum of the primary cells still unproven, and solves for
/// single cells only when a batch proves nothing new.
package enum DisclosureAudit {
    /// A primary cell whose interval is narrower than 1…k−1; nil on the side that was proven.
    package struct Narrowing: Sendable, Equatable {
        package var lower: Double?
        package var upper: Double?
        /// The identities that bind at the narrowed bound (non-zero duals): where a repair helps.
        package var binding: [Int] = []
        /// Other `<k` cells held at 1 or k−1 at the narrowed bound (non-zero reduced costs).
        package var boundAt: [Int] = []
    }

    package struct Outcome: Sendable, Equatable {
        /// Primary cells whose both bounds were checked.
        package var audited = 0
        package var narrowed: [Int: Narrowing] = [:]
        /// Primary cells of components the solver could not answer for (not audited).
        package var failed: [Int] = []
        package var solves = 0
    }

    static let tolerance = 1e-6

    /// Audits `only` these primary cells (every primary cell when nil), each in its component.
    /// Hiding more cells or showing a `<k` cell as `x` only relaxes the program, so a cell proven
    /// safe stays safe: after a repair only the cells found narrowed need auditing again.
    package static func audit(_ model: DisclosureModel, only targets: Set<Int>? = nil) -> Outcome {
        var outcome = Outcome()
        for component in components(model) {
            let wanted = component.filter { model.marks[$0].isPrimary && (targets?.contains($0) ?? true) }
            guard !wanted.isEmpty else { continue }
            do {
                let result = try auditComponent(component, wanted: Set(wanted), model)
                outcome.audited += wanted.count
                outcome.solves += result.solves
                outcome.narrowed.merge(result.narrowed) { first, _ in first }
            } catch {
                outcome.failed += wanted
            }
        }
        return outcome
    }

    /// Hidden cells grouped by the identities they share (union–find), each group sorted.
    package static func components(_ model: DisclosureModel) -> [[Int]] {
        var parent = Array(0..<model.cellCount)
        func root(_ cell: Int) -> Int {
            var cell = cell
            while parent[cell] != cell {
                parent[cell] = parent[parent[cell]]
                cell = parent[cell]
            }
            return cell
        }
        for identity in model.identities {
            let hidden = identity.cells.filter { model.marks[$0].isHidden }
            guard let first = hidden.first else { continue }
            for cell in hidden.dropFirst() {
                let (a, b) = (root(first), root(cell))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var groups: [Int: [Int]] = [:]
        for cell in 0..<model.cellCount where model.marks[cell].isHidden {
            groups[root(cell), default: []].append(cell)
        }
        return groups.keys.sorted().map { groups[$0]! }
    }

    /// The linear program of one component: its hidden cells as variables, published cells as
    /// constants; with the identity behind each row.
    package static func program(_ component: [Int], _ model: DisclosureModel) -> (
        program: LinearProgram, identities: [Int]
    ) {
        var program = LinearProgram()
        var local = [Int: Int]()
        for cell in component {
            let bounds: LinearProgram.Bounds =
                model.marks[cell] == .primary
                ? .init(lower: 1, upper: Double(model.k - 1)) : .init(lower: 0, upper: nil)
            local[cell] = program.addVariable(bounds)
        }
        var seen = Set<Int>()
        var rows: [Int] = []
        for cell in component {
            for number in model.identitiesOf[cell] where seen.insert(number).inserted {
                rows.append(number)
                let identity = model.identities[number]
                var terms: [LinearProgram.Term] = []
                var constant = 0.0
                for (member, coefficient) in zip(identity.cells, identity.coefficients) {
                    if let variable = local[member] {
                        terms.append(.init(variable, coefficient))
                    } else {
                        constant += coefficient * Double(model.values[member])
                    }
                }
                let bound = -constant
                program.addRow(terms, identity.isEquality ? .exactly(bound) : .init(lower: nil, upper: bound))
            }
        }
        return (program, rows)
    }

    private static func auditComponent(_ component: [Int], wanted: Set<Int>, _ model: DisclosureModel)
        throws(LinearProgramError) -> (narrowed: [Int: Narrowing], solves: Int)
    {
        let (program, rows) = program(component, model)
        let solver = LinearProgram.Solver(program)
        let primaries = component.indices.filter { model.marks[component[$0]].isPrimary }
        var search = BoundSearch(
            primaries: primaries.filter { wanted.contains(component[$0]) }, k: Double(model.k), rows: rows)
        search.others = primaries
        for sense in [LinearProgram.Sense.maximize, .minimize] {
            try search.prove(sense, solver)
        }
        var narrowed: [Int: Narrowing] = [:]
        for (variable, var narrowing) in search.narrowed {
            narrowing.boundAt = narrowing.boundAt.map { component[$0] }
            narrowed[component[variable]] = narrowing
        }
        return (narrowed, search.solves)
    }
}

/// Proves, for the primary variables of one component, that each reaches 1 and k−1 (or finds how
/// far it does reach).
private struct BoundSearch {
    var primaries: [Int]
    var k: Double
    /// The identity behind each row of the program.
    var rows: [Int]
    /// Every primary variable of the component (bounds of others may bind).
    var others: [Int] = []
    var upperProven: Set<Int> = []
    var lowerProven: Set<Int> = []
    var narrowed: [Int: DisclosureAudit.Narrowing] = [:]
    var solves = 0

    init(primaries: [Int], k: Double, rows: [Int]) {
        self.primaries = primaries
        self.k = k
        self.rows = rows
    }

    mutating func prove(_ sense: LinearProgram.Sense, _ solver: LinearProgram.Solver) throws(LinearProgramError) {
        let maximizing = sense == .maximize
        func open() -> [Int] { primaries.filter { !(maximizing ? upperProven : lowerProven).contains($0) } }
        var unproven = open()
        while !unproven.isEmpty {
            try solve(unproven, sense, solver)
            let left = open()
            if left.count == unproven.count { break }
            unproven = left
        }
        for variable in open() where !(maximizing ? upperProven : lowerProven).contains(variable) {
            let value = try solve([variable], sense, solver)
            if maximizing ? upperProven.contains(variable) : lowerProven.contains(variable) { continue }
            if maximizing {
                narrowed[variable, default: .init()].upper = value
            } else {
                narrowed[variable, default: .init()].lower = value
            }
            narrowed[variable]!.binding += rows.indices.filter { abs(solver.dual(ofRow: $0)) > 1e-9 }.map { rows[$0] }
            narrowed[variable]!.boundAt += others.filter { $0 != variable && abs(solver.dual(ofColumn: $0)) > 1e-9 }
        }
    }

    /// Optimises the sum of `variables`; marks every bound the solution proves. Returns the optimum.
    @discardableResult
    private mutating func solve(_ variables: [Int], _ sense: LinearProgram.Sense, _ solver: LinearProgram.Solver)
        throws(LinearProgramError) -> Double
    {
        solves += 1
        guard case .optimal(let optimum) = try solver.optimize(variables.map { .init($0, 1) }, sense) else {
            throw .solverFailed(code: -1)
        }
        let tolerance = DisclosureAudit.tolerance
        for variable in primaries {
            let value = solver.value(of: variable)
            if value >= k - 1 - tolerance { upperProven.insert(variable) }
            if value <= 1 + tolerance { lowerProven.insert(variable) }
        }
        return optimum
    }
}
