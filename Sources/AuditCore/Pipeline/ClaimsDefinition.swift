/// What officials (and independent analysts, marked as such) have said about whom enforcement reaches,
/// as measures the labels can compute.
///
/// Decoded from `Pipelines/claims/*.yml`. Grain: one claim per quote and figure. Each claim names its
/// population (program, record type, period, place) and its figure as numerator / denominator in
/// count-column terms, so a run can compute it from the records in scope.
package struct ClaimsDefinition: Sendable, Equatable, Decodable {
    package var name: String
    package var version: String
    package var claims: [Claim]

    enum CodingKeys: String, CodingKey, CaseIterable { case name, version, claims }

    package init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        version = try c.decode(String.self, forKey: .version)
        claims = try c.decode([Claim].self, forKey: .claims)
    }

    /// Problems beyond the shape: duplicate ids, unknown count columns, empty periods, a figure
    /// that is neither a share nor a count, a claim without a figure that does not say why.
    package func validate() -> [PipelineIssue] {
        var issues: [PipelineIssue] = []
        var ids: Set<String> = []
        for (index, claim) in claims.enumerated() {
            let path = "claims[\(index)]"
            if !ids.insert(claim.id).inserted {
                issues.append(.init(keyPath: path + ".id", message: "duplicate claim id '\(claim.id)'"))
            }
            for (key, text) in [("quote", claim.quote), ("speaker", claim.speaker), ("source", claim.source)]
            where text.isEmpty {
                issues.append(.init(keyPath: path + "." + key, message: "every claim cites its \(key)"))
            }
            if claim.population.to < claim.population.from {
                issues.append(
                    .init(
                        keyPath: path + ".population",
                        message:
                            "ends (\(claim.population.to.isoString)) before it starts (\(claim.population.from.isoString))"
                    ))
            }
            for (key, names) in [("numerator", claim.measure.numerator), ("denominator", claim.measure.denominator)] {
                if names.isEmpty {
                    issues.append(.init(keyPath: path + ".measure." + key, message: "name at least one count column"))
                }
                for name in names where CountColumn(rawValue: name) == nil {
                    issues.append(.init(keyPath: path + ".measure." + key, message: "unknown count column '\(name)'"))
                }
            }
            issues += claim.figureIssues(keyPath: path)
        }
        return issues
    }
}

/// One sourced statement with the figure it claims.
package struct Claim: Sendable, Equatable, Decodable {
    package var id: String
    package var quote: String
    package var speaker: String
    /// As precise as the source is: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    package var date: String
    package var source: String
    package var population: ClaimPopulation
    package var measure: ClaimMeasure
    package var claimed: ClaimedFigure?
    /// Why the claim cannot be computed from any release this tool reads (then no figure is needed).
    package var notTestable: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, quote, speaker, date, source, population, measure, claimed
        case notTestable = "not_testable"
    }

    package init(
        id: String, quote: String, speaker: String, date: String, source: String, population: ClaimPopulation,
        measure: ClaimMeasure,
        claimed: ClaimedFigure?, notTestable: String? = nil
    ) {
        self.id = id
        self.quote = quote
        self.speaker = speaker
        self.date = date
        self.source = source
        self.population = population
        self.measure = measure
        self.claimed = claimed
        self.notTestable = notTestable
    }

    package init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        quote = try c.decode(String.self, forKey: .quote)
        speaker = try c.decode(String.self, forKey: .speaker)
        date = try c.decode(String.self, forKey: .date)
        source = try c.decode(String.self, forKey: .source)
        population = try c.decode(ClaimPopulation.self, forKey: .population)
        measure = try c.decode(ClaimMeasure.self, forKey: .measure)
        claimed = try c.decodeIfPresent(ClaimedFigure.self, forKey: .claimed)
        notTestable = try c.decodeIfPresent(String.self, forKey: .notTestable)
    }

    func figureIssues(keyPath: String) -> [PipelineIssue] {
        let datePattern = date.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
        var issues: [PipelineIssue] = []
        if ![[4], [4, 2], [4, 2, 2]].contains(datePattern) {
            issues.append(.init(keyPath: keyPath + ".date", message: "write YYYY, YYYY-MM or YYYY-MM-DD"))
        }
        guard let claimed else {
            if (notTestable ?? "").isEmpty {
                issues.append(
                    .init(
                        keyPath: keyPath + ".claimed",
                        message: "give the claimed figure, or say why it is not testable (not_testable)"))
            }
            return issues
        }
        if let message = claimed.problem { issues.append(.init(keyPath: keyPath + ".claimed", message: message)) }
        return issues
    }
}
