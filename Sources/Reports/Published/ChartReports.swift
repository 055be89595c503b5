package import AuditCore

extension ChartData {
    /// A runner report behind the HTML charts and the count columns the charts show (or give away:
    /// the off-target share with its `records`); the disclosure model masks exactly these.
    package struct Report: Sendable {
        package var name: String
        package var columns: Set<CountColumn>
        /// Whether the chart shows confirmed victims / witnesses (the sum of the four columns).
        package var confirmed: Bool
    }

    package static let reports: [Report] = [
        Report(
            name: BuiltInOutputs.chartPrefix + "fiscal_year",
            columns: [
                .records, .level1, .level2, .level3, .notConvicted, .unclassified, .minorTraffic, .possibleVictim,
                .onTarget, .offTarget,
            ], confirmed: true),
        Report(
            name: BuiltInOutputs.chartPrefix + "state", columns: [.records, .onTarget, .offTarget], confirmed: false),
    ]
}

/// `claims.csv` lies outside the disclosure model: its counts cover the claims' own periods and
/// places, which no identity relates to the tables.
package enum ClaimsDisclosure {
    package static let note =
        "claims.csv: numerator, records_used and records_unknown cover each claim's own period and place; counts from 1 to k-1 are shown <k (and the claim's shares withheld), but no complement is chosen and the audit does not include them"
}
