package import AuditCore

/// A claim's measure summed over a count vector: numerator, denominator, and how many records of
/// the denominator have an unknown value of the label the numerator is about.
///
/// Numerator columns must be of one kind: criminality (`convicted`, `pending_charges`,
/// `no_criminal_record`, `no_conviction_recorded`, `not_convicted`; unknown = `criminality_unknown`)
/// or derived level (`level_1` … `level_3`; unknown = `unclassified` over all records, or
/// convicted records without a level 1–3 over `convicted`). The denominator is `records`, or columns
/// of the numerator's kind (then nothing is unknown).
package struct ClaimMeasureCounts: Sendable, Equatable {
    package var numerator: Int
    package var denominator: Int
    package var unknown: Int
    /// What is unknown, for reasons: `criminality` or `derived level`.
    package var unknownLabel: String

    enum Kind: String {
        case criminality
        case level = "derived level"
    }

    static func kind(of column: CountColumn) -> Kind? {
        switch column {
        case .convicted, .pendingCharges, .noCriminalRecord, .noConvictionRecorded, .notConvicted: .criminality
        case .level1, .level2, .level3: .level
        default: nil
        }
    }

    /// The counts, or why the measure cannot be computed from count columns.
    package static func compute(_ measure: ClaimMeasure, from counts: CountVector) -> Result<
        ClaimMeasureCounts, MeasureProblem
    > {
        let numeratorColumns = measure.numerator.compactMap(CountColumn.init(rawValue:))
        let denominatorColumns = measure.denominator.compactMap(CountColumn.init(rawValue:))
        let kinds = Set(numeratorColumns.map { kind(of: $0) })
        guard kinds.count == 1, let kind = kinds.first ?? nil, numeratorColumns.count == measure.numerator.count,
            denominatorColumns.count == measure.denominator.count
        else { return .failure(.mixedNumerator) }
        let numerator = numeratorColumns.reduce(0) { $0 + counts[$1] }
        let denominator = denominatorColumns.reduce(0) { $0 + counts[$1] }
        let unknown: Int
        if denominatorColumns == [.records] {
            unknown = kind == .criminality ? counts[.criminalityUnknown] : counts[.unclassified]
        } else if denominatorColumns.allSatisfy({ self.kind(of: $0) == kind }) {
            unknown = 0
        } else if kind == .level && denominatorColumns == [.convicted] {
            unknown = max(0, counts[.convicted] - counts[.level1] - counts[.level2] - counts[.level3])
        } else {
            return .failure(.unrelatedDenominator)
        }
        return .success(
            ClaimMeasureCounts(
                numerator: numerator, denominator: denominator, unknown: unknown, unknownLabel: kind.rawValue))
    }

    package enum MeasureProblem: Error, Sendable, Equatable {
        case mixedNumerator, unrelatedDenominator

        package var reason: String {
            switch self {
            case .mixedNumerator:
                "the numerator mixes labels of different kinds (or names no criminality or derived-level column)"
            case .unrelatedDenominator:
                "the denominator is a label the numerator's label cannot be related to in the counts"
            }
        }
    }
}
