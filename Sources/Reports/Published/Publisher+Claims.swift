package import AuditCore

extension Publisher {
    static let claimColumns: [(String, PublishedColumnKind)] = [
        ("claim_id", .text), ("speaker", .text), ("date", .text), ("source", .text), ("record_type", .text),
        ("period_from", .text), ("period_to", .text), ("place", .text), ("claimed", .text),
        ("numerator", .count), ("records_used", .count), ("records_unknown", .count),
        ("computed", .share), ("lower", .share), ("upper", .share), ("verdict", .text), ("reason", .text),
    ]

    /// `claims.csv`: one row per claim in file order. A count in 1…k−1 is shown `<k`. A small
    /// numerator or denominator withholds the shares and the verdict too (they would give the count
    /// away: the claim is `not testable here` under disclosure control); a small unknown count
    /// withholds only `computed` (the bounds were widened as if k−1 were unknown).
    package func claims(_ results: [ClaimResult]) -> PublishedTable {
        let columns = Self.claimColumns.map {
            PublishedColumn(name: $0.0, kind: $0.1, description: ColumnDescriptions.claim($0.0, k: k))
        }
        let rows = results.map(claimRow)
        return PublishedTable(
            name: BuiltInOutputs.claims, title: "Official claims",
            description:
                "One row per claim of the claims file: the figure claimed, computed from this run's records in the claim's scope (record type, period, place) with its 95% Wilson interval, and a verdict.",
            columns: columns, rows: rows)
    }

    private func claimRow(_ result: ClaimResult) -> [PublishedCell] {
        let claim = result.claim
        let population = claim.population
        var cells: [PublishedCell] = [
            .text(claim.id), .text(claim.speaker), .text(claim.date), .text(claim.source),
            .text(population.recordType.rawValue),
            .text(population.from.isoString), .text(population.to.isoString), .text(population.place),
            Self.claimedText(claim.claimed),
        ]
        let counts = [result.numerator, result.denominator, result.unknown]
        func isSmall(_ value: Int?) -> Bool { (value ?? 0) > 0 && (value ?? 0) < k }
        let small = isSmall(result.numerator) || isSmall(result.denominator)
        cells += counts.map { $0.map { $0 > 0 && $0 < k ? .suppressed(k) : .count($0) } ?? .empty }
        // A small unknown count is hidden with the share among the known (which would give it
        // away); its bounds were widened by the evaluation and stay.
        let shares = [isSmall(result.unknown) ? nil : result.computed, result.lower, result.upper]
        if small {
            cells += [.withheld, .withheld, .withheld]
            cells += [
                .text(ClaimVerdict.notTestable.rawValue),
                .text("a count in scope is below \(k): withheld under disclosure control"),
            ]
        } else {
            cells += zip(shares, [result.computed, result.lower, result.upper]).map { shown, value in
                shown.map { .share(Self.rounded($0)) } ?? (value == nil ? .empty : .withheld)
            }
            cells += [.text(result.verdict.rawValue), .text(result.reason)]
        }
        return cells
    }

    /// `0.7`, `at least 0.28`, `27047 of 94218`; empty when the claim states no figure.
    static func claimedText(_ figure: ClaimedFigure?) -> PublishedCell {
        guard let figure else { return .empty }
        if let count = figure.count, let of = figure.of { return .text("\(count) of \(of)") }
        guard let share = figure.share else { return .empty }
        let prefix =
            switch figure.comparison {
            case .equal: ""
            case .atLeast: "at least "
            case .atMost: "at most "
            }
        return .text(prefix + CSVDocument.decimal(share))
    }
}
