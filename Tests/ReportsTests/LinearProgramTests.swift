import Reports
import Testing

/// The GLPK wrapper on small programs whose optima are worked out by hand.
struct LinearProgramTests {
    /// max x + y  s.t.  x + 2y ≤ 4,  3x + y ≤ 6,  x, y ≥ 0: the corner (1.6, 1.2), value 2.8.
    @Test func maximumAtACorner() throws {
        var program = LinearProgram()
        let x = program.addVariable(.init(lower: 0, upper: nil))
        let y = program.addVariable(.init(lower: 0, upper: nil))
        program.addRow([.init(x, 1), .init(y, 2)], .init(lower: nil, upper: 4))
        program.addRow([.init(x, 3), .init(y, 1)], .init(lower: nil, upper: 6))
        let solver = LinearProgram.Solver(program)
        guard case .optimal(let value) = try solver.optimize([.init(x, 1), .init(y, 1)], .maximize) else {
            Issue.record("expected an optimum")
            return
        }
        #expect(abs(value - 2.8) < 1e-9)
        #expect(abs(solver.value(of: x) - 1.6) < 1e-9)
        #expect(abs(solver.value(of: y) - 1.2) < 1e-9)
    }

    /// x + y = 10 with y in [0, 3]: x runs from 7 to 10; the same solver answers both directions.
    @Test func bothBoundsOfOneVariable() throws {
        var program = LinearProgram()
        let x = program.addVariable(.init(lower: 0, upper: nil))
        let y = program.addVariable(.init(lower: 0, upper: 3))
        program.addRow([.init(x, 1), .init(y, 1)], .exactly(10))
        let solver = LinearProgram.Solver(program)
        #expect(try solver.optimize([.init(x, 1)], .minimize) == .optimal(7))
        #expect(try solver.optimize([.init(x, 1)], .maximize) == .optimal(10))
        #expect(try solver.optimize([.init(y, 1)], .maximize) == .optimal(3))
    }

    @Test func unboundedAndInfeasible() throws {
        var open = LinearProgram()
        let x = open.addVariable(.init(lower: 0, upper: nil))
        #expect(try open.optimize([.init(x, 1)], .maximize) == .unbounded)

        var contradictory = LinearProgram()
        let z = contradictory.addVariable(.init(lower: 5, upper: nil))
        contradictory.addRow([.init(z, 1)], .init(lower: nil, upper: 3))
        #expect(try contradictory.optimize([.init(z, 1)], .minimize) == .infeasible)
    }

    @Test func reportsGLPKsVersion() {
        #expect(LinearProgram.solverVersion.split(separator: ".").count >= 2)
        #expect(LinearProgram.solverVersion.first?.isNumber == true)
    }
}
