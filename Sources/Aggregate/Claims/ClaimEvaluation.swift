package import AuditCore

/// What a run knows for computing claims: the kind of record it holds and its counts per day.
package struct ClaimSource: Sendable {
    package var recordType: ClaimRecordType?
    /// Counts keyed `[day]` (`YYYY-MM-DD`); nil when the records carry no date.
    package var byDay: ReportTable?
    /// Counts keyed `[day, state]`; nil when the source has no state column (or no claim needs it).
    package var byDayState: ReportTable?
    /// Counts keyed `[day, program]` or `[day, state, program]`; nil when the source has no program
    /// column (or no claim is scoped by program).
    package var byDayProgram: ReportTable?

    package init(
        recordType: ClaimRecordType?, byDay: ReportTable?, byDayState: ReportTable? = nil,
        byDayProgram: ReportTable? = nil
    ) {
        self.recordType = recordType
        self.byDay = byDay
        self.byDayState = byDayState
        self.byDayProgram = byDayProgram
    }
}

/// Computes each claim from the records in its scope — record type, the part of its period the
/// records cover, its place — and decides its verdict (`ClaimVerdictRule`).
package enum ClaimEvaluation {
    package static let nationalPlace = "United States"

    /// Whether a claim's place is the whole country (every record of the run), case aside.
    package static func isNational(_ place: String) -> Bool {
        place.uppercased() == nationalPlace.uppercased()
    }

    /// - Parameter k: the minimum published count. When 1…k−1 records are unknown, the upper bound
    ///   is taken as if k−1 were (wider, never narrower), so the published bounds do not give the
    ///   small count away.
    package static func evaluate(_ claims: [Claim], source: ClaimSource, k: Int = 1) -> [ClaimResult] {
        claims.map { evaluate($0, source: source, k: k) }
    }

    package static func evaluate(_ claim: Claim, source: ClaimSource, k: Int = 1) -> ClaimResult {
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
        if let reason = programProblem(population, source: source) { return .notTestable(claim, reason) }
        var notes: [String] = []
        if from > population.from || to < population.to {
            notes.append("the records cover only \(from.isoString) to \(to.isoString) of the claim's period")
        }
        switch scoped(population, source: source, from: from, to: to) {
        case .failure(let reason): return .notTestable(claim, reason.text)
        case .success(let (counts, noProgram)):
            if noProgram > 0 {
                // A count below k is not given away in the reason either.
                let amount = noProgram < k ? "fewer than \(k)" : String(noProgram)
                notes.append("\(amount) records in the claim's period and place have no program value and are left out")
            }
            return measured(claim, counts: counts, notes: notes, k: k)
        }
    }

    struct ScopeProblem: Error { var text: String }

    /// Why a claim scoped by program cannot be computed here, or nil.
    static func programProblem(_ population: ClaimPopulation, source: ClaimSource) -> String? {
        guard let values = population.programValues else { return nil }
        if values.isEmpty {
            return "program: no value of the records' program field identifies \(population.program)"
        }
        if source.byDayProgram == nil {
            return
                "program: the claim is about \(population.program) (program \(values.joined(separator: " or "))), this source has no program column"
        }
        return nil
    }

    /// The counts of the records in the claim's period, place and program, and how many records of
    /// the period and place carry no program value (left out); or why the source cannot scope it.
    static func scoped(_ population: ClaimPopulation, source: ClaimSource, from: SimpleDate, to: SimpleDate)
        -> Result<(CountVector, Int), ScopeProblem>
    {
        let national = isNational(population.place)
        let byProgram = population.programValues != nil
        guard let table = byProgram ? source.byDayProgram : (national ? source.byDay : source.byDayState) else {
            return .failure(
                .init(text: "place: the claim is about \(population.place), this source has no state column"))
        }
        let stateIndex = table.spec.groupBy.firstIndex(of: .state)
        if !national && stateIndex == nil {
            return .failure(
                .init(text: "place: the claim is about \(population.place), this source has no state column"))
        }
        let programIndex = table.spec.groupBy.firstIndex(of: .program)
        let values = Set((population.programValues ?? []).map { $0.uppercased() })
        var counts = CountVector()
        var noProgram = 0
        for row in table.rows {
            guard let day = SimpleDate(isoText: row.key[0]), from <= day, day <= to else { continue }
            if !national, let stateIndex, row.key[stateIndex].uppercased() != population.place.uppercased() {
                continue
            }
            if let programIndex {
                let program = row.key[programIndex]
                if program.hasPrefix("(") {
                    noProgram += row.counts[.records]
                    continue
                }
                if !values.contains(program.uppercased()) { continue }
            }
            counts.merge(row.counts)
        }
        return .success((counts, noProgram))
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
