import Aggregate
import AuditCore
import Testing

/// The 95% Wilson score interval against an independent implementation: the expected bounds were
/// computed with SciPy 1.17 (`scipy.stats.binomtest(k, n).proportion_ci(0.95, method="wilson")`)
/// and written out here; the code under test never produces its own expectations.
struct WilsonIntervalTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var numerator: Int
        var denominator: Int
        var lower: Double
        var upper: Double
        var testDescription: String { "\(numerator) of \(denominator)" }
    }

    static let cases: [Case] = [
        Case(numerator: 0, denominator: 10, lower: 0, upper: 0.27753279986288926),
        Case(numerator: 5, denominator: 10, lower: 0.236593090512564, upper: 0.7634069094874361),
        Case(numerator: 10, denominator: 10, lower: 0.7224672001371109, upper: 1),
        Case(numerator: 1, denominator: 1, lower: 0.20654931437723745, upper: 1),
        Case(numerator: 3, denominator: 1000, lower: 0.0010207838811386186, upper: 0.008783014053503173),
        // ICE's Secure Communities figure: 27,047 of 94,218 removed did not fall under the three levels.
        Case(numerator: 27047, denominator: 94218, lower: 0.2841883469411244, upper: 0.28996559254077325),
        Case(numerator: 628, denominator: 632, lower: 0.9838406522831478, upper: 0.9975360593854232),
    ]

    @Test(arguments: cases)
    func boundsMatchSciPy(_ expected: Case) throws {
        let estimate = try #require(WilsonInterval.estimate(expected.numerator, of: expected.denominator))
        #expect(estimate.share == Double(expected.numerator) / Double(expected.denominator))
        #expect(abs(estimate.lower - expected.lower) < 1e-12, "lower \(estimate.lower)")
        #expect(abs(estimate.upper - expected.upper) < 1e-12, "upper \(estimate.upper)")
    }

    @Test func noDenominatorHasNoShare() {
        #expect(WilsonInterval.estimate(0, of: 0) == nil)
    }
}
