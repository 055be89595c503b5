import AuditCore

/// Warns when too many convictions carry an offense no table row matches.
///
/// An unmatched MSC code or name leaves the record's level unclassified (or decided by other
/// fields) and its minor-traffic and immigration-only labels false, so a table that misses ICE's
/// vocabulary biases every share quietly (issue 13: 7.5% of convicted records on real releases).
/// Above `threshold` of convicted records the run warns; warnings go to the manifest, which the
/// command line prints even under `--quiet`.
enum UnmappedOffenseCheck {
    /// Share of convicted records with an unmatched offense above which a run warns.
    static let threshold = 0.01

    /// Counts from the `immigration_only` rules, which see every record exactly once:
    /// `immigration_only.offense_unmapped` over every rule for a conviction.
    static func warning(rules: [RuleRow]) -> String? {
        let decided = rules.filter { $0.label == "immigration_only" }
        let notConvicted: Set<String> = ["immigration_only.not_convicted", "immigration_only.criminality_unknown"]
        let convicted = decided.filter { !notConvicted.contains($0.rule) }.reduce(0) { $0 + $1.records }
        let unmapped = decided.filter { $0.rule == "immigration_only.offense_unmapped" }.reduce(0) { $0 + $1.records }
        guard convicted > 0, Double(unmapped) / Double(convicted) > threshold else { return nil }
        let share = PipelineRun.percent(Double(unmapped) / Double(convicted))
        return
            "\(unmapped) of \(convicted) convicted records (\(share)) have an offense (MSC code or name, or the most serious convicted charge) that no offense table row matches, "
            + "above \(PipelineRun.percent(threshold)): their level is unclassified and they count as neither minor traffic nor "
            + "immigration only; add the values in internal/unmapped.csv to the offense table"
    }
}
