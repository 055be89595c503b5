package import AuditCore

/// The identities between the count columns of one report row, as the README documents them and
/// a reader may use them. The disclosure model is built from these declarations: a new family of
/// count columns needs only its line here.
package enum CountIdentities {
    /// A family of labels every record gets exactly one of: its columns add up to `records`.
    package struct Family: Sendable {
        package var columns: [CountColumn]
        /// Residual categories, preferred as complements.
        package var residual: [CountColumn]
    }

    package static let families: [Family] = [
        Family(
            columns: [.convicted, .pendingCharges, .noCriminalRecord, .noConvictionRecorded, .criminalityUnknown],
            residual: [.criminalityUnknown, .noConvictionRecorded]),
        Family(columns: [.level1, .level2, .level3, .notConvicted, .unclassified], residual: [.unclassified]),
        Family(
            columns: [.iceLevel1, .iceLevel2, .iceLevel3, .iceLevelNone, .iceLevelMissing],
            residual: [.iceLevelMissing, .iceLevelNone]),
        Family(
            columns: [.onTarget, .offTarget, .targetUndetermined, .targetNotJudged],
            residual: [.targetUndetermined, .targetNotJudged]),
        Family(
            columns: [
                .victimDomesticViolence, .victimViolentCrime, .victimTrafficking, .witness, .possibleVictim,
                .victimWitnessNone, .victimWitnessUnknown,
            ],
            residual: [.victimWitnessUnknown]),
        Family(columns: [.targeted, .collateral, .apprehensionTypeUnknown], residual: [.apprehensionTypeUnknown]),
    ]

    /// `total = Σ parts` within a row.
    package static let sums: [(total: CountColumn, parts: [CountColumn])] = [
        (.notConvicted, [.pendingCharges, .noCriminalRecord, .noConvictionRecorded])
    ]

    /// `part ≤ whole` within a row.
    package static let atMost: [(part: CountColumn, whole: CountColumn)] = [
        (.minorTraffic, .convicted), (.immigrationOnly, .convicted),
    ]

    /// The targets tables' `confirmed_victims_witnesses`: the sum of these columns.
    package static let confirmedVictimsWitnesses: [CountColumn] = [
        .victimDomesticViolence, .victimViolentCrime, .victimTrafficking, .witness,
    ]

    /// Whether a column is a residual category of its family.
    package static let isResidual: [Bool] = {
        var residual = [Bool](repeating: false, count: CountColumn.allCases.count)
        for family in families { for column in family.residual { residual[column.index] = true } }
        return residual
    }()
}
