public import AuditCore

/// What a run knows for computing claims: the kind of record it holds and its counts per day.
public struct ClaimSource: Sendable {
    public var recordType: ClaimRecordType?
    /// Counts keyed `[day]` (`YYYY-MM-DD`); nil when the records carry no date.
    public var byDay: ReportTable?
    /// Counts keyed `[day, state]`; nil when the source has no state column (or no claim needs it).
    public var byDayState: ReportTable?

    public init(recordType: ClaimRecordType?, byDay: ReportTable?, byDayState: ReportTable? = nil) {
        self.recordType = recordType
        self.byDay = byDay
        self.byDayState = byDayState
    }
}

/// Computes each claim from the records in its scope — record type, the part of its period the
/// records cover, its place — and decides its verdict (`ClaimVerdictRule`).
public enum ClaimEvaluation {
    public static let nationalPlace = "United States"

    /// Whether a claim's place is the whole country (every record of the run), case aside.
    public static func isNational(_ place: String) -> Bool {
        place.uppercased() == nationalPlace.uppercased()
    }

    /// - Parameter k: the minimum published count. When 1…k−1 records are unknown, the upper bound
    ///   is taken as if k−1 were (wider, never narrower), so the published bounds do not give the
    ///   small count away.
    public static func evaluate(_ claims: [Claim], source: ClaimSource, k: Int = 1) -> [ClaimResult] {
        claims.map { evaluate($0, source: source, k: k) }
    }

    public static func evaluate(_ claim: Claim, source: ClaimSource, k: Int = 1) -> ClaimResult {
        let population = claim.population
        if let reason = claim.notTestable { return .notTestable(claim, reason) }
        guard let recordType = source.recordType else {
            return .notTestable(
                claim, "the pipeline does not declare which kind of record it holds (source.record_type)")
        }
        guard population.recordType == recordType else {
            return .notTestable(
                claim,
                "record type: the claim is about \(population.recordType.rawValue), this source holds \(recordType.rawValue)"
            )
        }
        guard let days = source.byDay, let span = dateSpan(days) else {
            return .notTestable(claim, "the records carry no date")
        }
        let from = max(population.from, span.from)
        let to = min(population.to, span.to)
        guard from <= to else {
            return .notTestable(
                claim,
                "period not covered: the claim is about \(population.from.isoString) to \(population.to.isoString), the records run from \(span.from.isoString) to \(span.to.isoString)"
            )
        }
        let national = isNational(population.place)
        guard let table = national ? days : source.byDayState else {
            return .notTestable(claim, "place: the claim is about \(population.place), this source has no state column")
        }
        var counts = CountVector()
        for row in table.rows {
            guard let day = SimpleDate(isoText: row.key[0]), from <= day, day <= to else { continue }
            if !national && row.key[1].uppercased() != population.place.uppercased() { continue }
            counts.merge(row.counts)
        }
        var notes: [String] = []
        if from > population.from || to < population.to {
            notes.append("the records cover only \(from.isoString) to \(to.isoString) of the claim's period")
        }
        return measured(claim, counts: counts, notes: notes, k: k)
    }

    /// The claim's measure over the records in scope, its interval and verdict.
    static func measured(_ claim: Claim, counts: CountVector, notes: [String], k: Int) -> ClaimResult {
        var notes = notes
        let measure: ClaimMeasureCounts
        switch ClaimMeasureCounts.compute(claim.measure, from: counts) {
        case .failure(let problem): return .notTestable(claim, problem.reason)
        case .success(let value): measure = value
        }
        guard measure.denominator > 0 else {
            return .notTestable(claim, (notes + ["no record in the claim's scope"]).joined(separator: "; "))
        }
        guard measure.unknown < measure.denominator else {
            return ClaimResult(
                claim: claim, verdict: .notTestable,
                reason: "\(measure.unknownLabel) not available in this source: unknown for every record in scope",
                numerator: measure.numerator, denominator: measure.denominator, unknown: measure.unknown)
        }
        guard let claimed = claim.claimed else { return .notTestable(claim, "no figure claimed") }
        let known = measure.denominator - measure.unknown
        let widened = measure.unknown > 0 && measure.unknown < k ? k - 1 : measure.unknown
        guard let low = WilsonInterval.estimate(measure.numerator, of: measure.denominator),
            let high = WilsonInterval.estimate(
                min(measure.denominator, measure.numerator + widened), of: measure.denominator)
        else { return .notTestable(claim, "no record in the claim's scope") }
        if measure.unknown > 0 {
            notes.append(
                "some records have an unknown \(measure.unknownLabel): computed among the known, the interval spans every way the unknown could fall"
            )
        }
        let decision = ClaimVerdictRule.decide(
            claimed, numerator: measure.numerator, denominator: measure.denominator, unknown: measure.unknown,
            lower: low.lower, upper: high.upper)
        if widened != measure.unknown {
            notes.append("fewer than \(k) unknown: the upper bound is taken as if \(k - 1) were")
        }
        if let reason = decision.reason { notes.append(reason) }
        return ClaimResult(
            claim: claim, verdict: decision.verdict, reason: notes.joined(separator: "; "),
            numerator: measure.numerator,
            denominator: measure.denominator, unknown: measure.unknown,
            computed: Double(measure.numerator) / Double(known),
            lower: low.lower, upper: high.upper)
    }

    /// The first and last day of the dated rows.
    static func dateSpan(_ table: ReportTable) -> (from: SimpleDate, to: SimpleDate)? {
        let dates = table.rows.compactMap { SimpleDate(isoText: $0.key[0]) }
        guard let first = dates.min(), let last = dates.max() else { return nil }
        return (first, last)
    }
}
