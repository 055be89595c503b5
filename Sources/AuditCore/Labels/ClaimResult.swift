package import AuditCore

/// How a claim fares against the records in scope.
package enum ClaimVerdict: String, Sendable, Equatable {
    /// The claimed value lies inside the 95% interval of the computed share (or, for a count of the
    /// very population counted, equals the computed count).
    case consistent
    /// The claimed value lies outside the interval (or the exact count differs).
    case contradicted
    /// The source cannot speak to the claim; `ClaimResult.reason` says why.
    case notTestable = "not testable here"
}

/// One claim computed from a run's records.
///
/// `numerator` and `denominator` are the measure's sums over the records in scope; `unknown` counts
/// the records of the denominator whose label the numerator needs is unknown. The interval spans
/// every way the unknown records could fall (lower bound with none of them in the numerator, upper
/// bound with all of them), so unknown data never decides a verdict. Reasons never quote counts
/// (they are published in their own, suppressed, columns).
package struct ClaimResult: Sendable, Equatable {
    package var claim: Claim
    package var verdict: ClaimVerdict
    /// Why not testable, or how it was tested; clauses joined by "; ", empty when plain.
    package var reason: String
    package var numerator: Int?
    package var denominator: Int?
    package var unknown: Int?
    /// The share among the records whose label is known.
    package var computed: Double?
    package var lower: Double?
    package var upper: Double?

    package init(
        claim: Claim, verdict: ClaimVerdict, reason: String, numerator: Int? = nil, denominator: Int? = nil,
        unknown: Int? = nil,
        computed: Double? = nil, lower: Double? = nil, upper: Double? = nil
    ) {
        self.claim = claim
        self.verdict = verdict
        self.reason = reason
        self.numerator = numerator
        self.denominator = denominator
        self.unknown = unknown
        self.computed = computed
        self.lower = lower
        self.upper = upper
    }

    package static func notTestable(_ claim: Claim, _ reason: String) -> ClaimResult {
        ClaimResult(claim: claim, verdict: .notTestable, reason: reason)
    }
}
