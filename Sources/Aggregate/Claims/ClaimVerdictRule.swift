package import AuditCore

/// Decides a computed claim's verdict from the claimed figure and the computed interval.
///
/// - A count with its total (`count: 27047, of: 94218`) whose total equals the computed denominator,
///   with no unknown records, is compared exactly: equal counts are consistent, any difference
///   contradicts (the same population counted twice must give the same number).
/// - Otherwise the claimed share (stated, or count / of) is compared with the 95% interval:
///   `equal` is consistent inside [lower, upper]; `at_least` ("more than 28 percent") is
///   contradicted only when the upper bound is below it; `at_most` only when the lower bound is
///   above it.
package enum ClaimVerdictRule {
    package static func decide(
        _ claimed: ClaimedFigure, numerator: Int, denominator: Int, unknown: Int, lower: Double, upper: Double
    ) -> (verdict: ClaimVerdict, reason: String?) {
        if let count = claimed.count, let of = claimed.of, of == denominator, unknown == 0 {
            return (
                count == numerator ? .consistent : .contradicted,
                "the claimed total equals the records in scope: counts compared exactly"
            )
        }
        guard let share = claimed.claimedShare else { return (.notTestable, "the claim states no share or count") }
        let reason =
            claimed.count != nil
            ? "the claim's total differs from the records in scope: tested as the share count / of" : nil
        let inside: Bool
        switch claimed.comparison {
        case .equal: inside = lower <= share && share <= upper
        case .atLeast: inside = upper >= share
        case .atMost: inside = lower <= share
        }
        return (inside ? .consistent : .contradicted, reason)
    }
}
