package import AuditCore

/// The Wilson score interval for a binomial proportion.
///
/// Wilson (1927), "Probable inference, the law of succession, and statistical inference", JASA 22;
/// recommended over the normal ("Wald") interval for small counts and shares near 0 or 1 by Brown, Cai
/// & DasGupta (2001), "Interval Estimation for a Binomial Proportion", Statistical Science 16(2).
package enum WilsonInterval {
    /// z for a two-sided 95% interval.
    package static let z95 = 1.959963984540054

    package static func estimate(_ numerator: Int, of denominator: Int, z: Double = z95) -> ShareEstimate? {
        guard denominator > 0 else { return nil }
        let n = Double(denominator)
        let p = Double(numerator) / n
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return ShareEstimate(
            numerator: numerator, denominator: denominator, share: p, lower: max(0, centre - half),
            upper: min(1, centre + half))
    }
}
