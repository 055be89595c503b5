import CGLPK

/// A linear program — bounded variables, sparse rows with bounds — solved by GLPK's simplex method.
///
/// The one file that sees GLPK (like `LibCSVParser` for libcsv): no `glp_*` type leaves it. The
/// disclosure audit asks the same program for the minimum and the maximum of many variables in
/// turn, so a `Solver` keeps one GLPK problem and only swaps the objective (the simplex restarts
/// from the last basis). GLPK's terminal output is switched off.
package struct LinearProgram: Sendable, Equatable {
    /// A bound pair; nil = unbounded on that side.
    package struct Bounds: Sendable, Equatable {
        package var lower: Double?
        package var upper: Double?

        package init(lower: Double?, upper: Double?) {
            self.lower = lower
            self.upper = upper
        }

        package static func exactly(_ value: Double) -> Bounds { Bounds(lower: value, upper: value) }
    }

    /// One constraint row: lower ≤ Σ coefficient × variable ≤ upper.
    package struct Row: Sendable, Equatable {
        package var terms: [Term]
        package var bounds: Bounds
    }

    package struct Term: Sendable, Equatable {
        package var variable: Int
        package var coefficient: Double

        package init(_ variable: Int, _ coefficient: Double) {
            self.variable = variable
            self.coefficient = coefficient
        }
    }

    package enum Sense: Sendable, Equatable { case minimize, maximize }

    /// What the simplex found.
    package enum Outcome: Sendable, Equatable {
        case optimal(Double)
        /// The objective has no finite optimum in that direction.
        case unbounded
        case infeasible
    }

    package private(set) var variables: [Bounds] = []
    package private(set) var rows: [Row] = []

    package init() {}

    /// Adds a variable; returns its index.
    @discardableResult
    package mutating func addVariable(_ bounds: Bounds) -> Int {
        variables.append(bounds)
        return variables.count - 1
    }

    package mutating func addRow(_ terms: [Term], _ bounds: Bounds) {
        precondition(
            terms.allSatisfy { variables.indices.contains($0.variable) },
            "a row names a variable the program does not have")
        rows.append(Row(terms: terms, bounds: bounds))
    }

    /// GLPK's version (`glp_version()`), for the manifest.
    package static var solverVersion: String { String(cString: glp_version()) }

    /// Solves for one objective; for many objectives over one program, use `Solver`.
    package func optimize(_ objective: [Term], _ sense: Sense) throws(LinearProgramError) -> Outcome {
        try Solver(self).optimize(objective, sense)
    }
}

/// GLPK stopped without an answer (numerical trouble, an iteration limit).
package enum LinearProgramError: Error, Equatable, CustomStringConvertible {
    case solverFailed(code: Int32)

    package var description: String {
        switch self {
        case .solverFailed(let code):
            "the linear-programming solver (GLPK \(LinearProgram.solverVersion)) stopped with code \(code); the disclosure audit cannot vouch for this publication — report it with the pipeline and input"
        }
    }
}

extension LinearProgram {
    /// Owns one GLPK problem built from a program; frees it on deinit.
    package final class Solver {
        private let problem: OpaquePointer
        private let columnCount: Int
        private let rowCount: Int
        private var lastObjective: [Int32] = []

        package init(_ program: LinearProgram) {
            glp_term_out(GLP_OFF)
            problem = glp_create_prob()
            columnCount = program.variables.count
            rowCount = program.rows.count
            if !program.variables.isEmpty { glp_add_cols(problem, Int32(program.variables.count)) }
            for (index, bounds) in program.variables.enumerated() {
                Self.setBounds(bounds) { glp_set_col_bnds(problem, Int32(index + 1), $0, $1, $2) }
            }
            if !program.rows.isEmpty { glp_add_rows(problem, Int32(program.rows.count)) }
            for (index, row) in program.rows.enumerated() {
                let number = Int32(index + 1)
                Self.setBounds(row.bounds) { glp_set_row_bnds(problem, number, $0, $1, $2) }
                var columns: [Int32] = [0] + row.terms.map { Int32($0.variable + 1) }
                var values: [Double] = [0] + row.terms.map(\.coefficient)
                glp_set_mat_row(problem, number, Int32(row.terms.count), &columns, &values)
            }
            // A crash basis (triangular) to start from: far fewer iterations than the standard one
            // on the audit's large components.
            if !program.rows.isEmpty && !program.variables.isEmpty { glp_adv_basis(problem, 0) }
        }

        deinit { glp_delete_prob(problem) }

        /// The optimum of `objective` in direction `sense`, starting from the previous basis.
        package func optimize(_ objective: [Term], _ sense: Sense) throws(LinearProgramError) -> Outcome {
            for column in lastObjective { glp_set_obj_coef(problem, column, 0) }
            lastObjective = objective.map { Int32($0.variable + 1) }
            for term in objective {
                precondition(term.variable < columnCount, "the objective names a variable the program does not have")
                glp_set_obj_coef(problem, Int32(term.variable + 1), term.coefficient)
            }
            glp_set_obj_dir(problem, sense == .minimize ? GLP_MIN : GLP_MAX)
            var parameters = glp_smcp()
            glp_init_smcp(&parameters)
            parameters.msg_lev = GLP_MSG_OFF
            parameters.presolve = GLP_OFF
            var code = glp_simplex(problem, &parameters)
            if code != 0 {
                // A stale or singular basis: rebuild it once and retry.
                glp_adv_basis(problem, 0)
                code = glp_simplex(problem, &parameters)
            }
            guard code == 0 else { throw .solverFailed(code: code) }
            switch glp_get_status(problem) {
            case GLP_OPT: return .optimal(glp_get_obj_val(problem))
            case GLP_UNBND: return .unbounded
            case GLP_NOFEAS, GLP_INFEAS: return .infeasible
            default:
                if glp_get_prim_stat(problem) == GLP_NOFEAS { return .infeasible }
                if glp_get_dual_stat(problem) == GLP_NOFEAS { return .unbounded }
                throw .solverFailed(code: glp_get_status(problem))
            }
        }

        /// A variable's value in the last optimal solution.
        package func value(of variable: Int) -> Double {
            precondition(variable < columnCount, "no such variable")
            return glp_get_col_prim(problem, Int32(variable + 1))
        }

        /// A row's dual value (shadow price) in the last optimal solution: non-zero where the row binds.
        package func dual(ofRow row: Int) -> Double {
            precondition(row < rowCount, "no such row")
            return glp_get_row_dual(problem, Int32(row + 1))
        }

        /// A variable's reduced cost in the last optimal solution: non-zero where its bound binds.
        package func dual(ofColumn variable: Int) -> Double {
            precondition(variable < columnCount, "no such variable")
            return glp_get_col_dual(problem, Int32(variable + 1))
        }

        private static func setBounds(_ bounds: Bounds, _ set: (Int32, Double, Double) -> Void) {
            switch (bounds.lower, bounds.upper) {
            case (nil, nil): set(GLP_FR, 0, 0)
            case (let lower?, nil): set(GLP_LO, lower, 0)
            case (nil, let upper?): set(GLP_UP, 0, upper)
            case (let lower?, let upper?): set(lower == upper ? GLP_FX : GLP_DB, lower, upper)
            }
        }
    }
}
