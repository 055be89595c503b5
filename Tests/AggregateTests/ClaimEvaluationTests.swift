import Aggregate
import AuditCore
import Testing

/// Claims computed from a hand-made day table. Expected bounds are the Wilson score formula
/// evaluated by hand (Python, `z = 1.959963984540054`) and written out; the code under test never
/// produces its own expectations.
///
/// Day table: 2012-01-15 (60 records: 30 convicted, 10 pending, 15 no record, 5 unknown; levels
/// 6/10/8, not convicted 25, unclassified 11), 2012-02-01 (40: 20 convicted, 5 pending, 15 no record;
/// levels 4/8/8, not convicted 20), 2013-06-30 (100, criminality unknown for all).
struct ClaimEvaluationTests {
    static func counts(_ values: [CountColumn: Int]) -> CountVector {
        var list = [Int](repeating: 0, count: CountColumn.allCases.count)
        for (column, value) in values { list[column.index] = value }
        return CountVector(values: list)
    }

    static let byDay = ReportTable(
        spec: ReportSpec(name: "_day", groupBy: [.day]),
        rows: [
            ReportRow(
                key: ["2012-01-15"],
                counts: counts([
                    .records: 60, .convicted: 30, .pendingCharges: 10, .noCriminalRecord: 15, .criminalityUnknown: 5,
                    .level1: 6, .level2: 10, .level3: 8, .notConvicted: 25, .unclassified: 11,
                ])),
            ReportRow(
                key: ["2012-02-01"],
                counts: counts([
                    .records: 40, .convicted: 20, .pendingCharges: 5, .noCriminalRecord: 15, .level1: 4, .level2: 8,
                    .level3: 8, .notConvicted: 20,
                ])),
            ReportRow(
                key: ["2013-06-30"], counts: counts([.records: 100, .criminalityUnknown: 100, .unclassified: 100])),
        ])

    static let detainers = ClaimSource(recordType: .detainers, byDay: byDay)

    static func claim(
        _ from: String, _ to: String, numerator: [String] = ["convicted"], denominator: [String] = ["records"],
        claimed: ClaimedFigure?,
        type: ClaimRecordType = .detainers, place: String = "United States", notTestable: String? = nil
    ) -> Claim {
        Claim(
            id: "c", quote: "q", speaker: "s", date: "2012", source: "src",
            population: ClaimPopulation(
                program: "p", recordType: type, from: SimpleDate(isoText: from)!, to: SimpleDate(isoText: to)!,
                place: place),
            measure: ClaimMeasure(numerator: numerator, denominator: denominator), claimed: claimed,
            notTestable: notTestable)
    }

    static let unknownNote =
        "some records have an unknown criminality: computed among the known, the interval spans every way the unknown could fall"

    @Test func shareInsideTheIntervalWidenedByUnknownsIsConsistent() {
        let result = ClaimEvaluation.evaluate(
            Self.claim("2012-01-01", "2012-02-28", claimed: ClaimedFigure(share: 0.5)), source: Self.detainers)
        #expect(result.verdict == .consistent)
        #expect(result.numerator == 50 && result.denominator == 100 && result.unknown == 5)
        #expect(abs(result.computed! - 50.0 / 95.0) < 1e-12)
        #expect(abs(result.lower! - 0.4038315303659956) < 1e-12)  // 50 of 100
        #expect(abs(result.upper! - 0.6438546202048803) < 1e-12)  // 55 of 100: every unknown convicted
        #expect(
            result.reason == "the records cover only 2012-01-15 to 2012-02-28 of the claim's period; "
                + Self.unknownNote)
    }

    @Test func shareOutsideTheIntervalIsContradicted() {
        let result = ClaimEvaluation.evaluate(
            Self.claim("2012-01-01", "2012-02-28", claimed: ClaimedFigure(share: 0.8)), source: Self.detainers)
        #expect(result.verdict == .contradicted)
        #expect(result.reason.hasSuffix(Self.unknownNote))
    }

    @Test func atLeastIsContradictedOnlyBelowTheUpperBound() {
        let met = ClaimEvaluation.evaluate(
            Self.claim("2012-01-01", "2012-02-28", claimed: ClaimedFigure(share: 0.6, comparison: .atLeast)),
            source: Self.detainers)
        let missed = ClaimEvaluation.evaluate(
            Self.claim("2012-01-01", "2012-02-28", claimed: ClaimedFigure(share: 0.7, comparison: .atLeast)),
            source: Self.detainers)
        let atMost = ClaimEvaluation.evaluate(
            Self.claim("2012-01-01", "2012-02-28", claimed: ClaimedFigure(share: 0.3, comparison: .atMost)),
            source: Self.detainers)
        #expect(met.verdict == .consistent)
        #expect(missed.verdict == .contradicted)
        #expect(atMost.verdict == .contradicted)  // lower bound 0.4038 > 0.3
    }

    @Test func countOfTheSameTotalIsComparedExactly() {
        let exact = "the claimed total equals the records in scope: counts compared exactly"
        let equal = ClaimEvaluation.evaluate(
            Self.claim(
                "2012-02-01", "2012-02-01", numerator: ["not_convicted"], claimed: ClaimedFigure(count: 20, of: 40)),
            source: Self.detainers)
        let off = ClaimEvaluation.evaluate(
            Self.claim(
                "2012-02-01", "2012-02-01", numerator: ["not_convicted"], claimed: ClaimedFigure(count: 21, of: 40)),
            source: Self.detainers)
        #expect(equal.verdict == .consistent && equal.reason == exact)
        // 21/40 = 0.525 is inside the interval, but the count differs.
        #expect(off.verdict == .contradicted && off.reason == exact)
    }

    @Test func countOfAnotherTotalIsTestedAsAShare() {
        let result = ClaimEvaluation.evaluate(
            Self.claim(
                "2012-02-01", "2012-02-01", numerator: ["not_convicted"], claimed: ClaimedFigure(count: 200, of: 400)),
            source: Self.detainers)
        #expect(result.verdict == .consistent)
        #expect(abs(result.lower! - 0.3519952693346538) < 1e-12 && abs(result.upper! - 0.6480047306653463) < 1e-12)
        #expect(result.reason == "the claim's total differs from the records in scope: tested as the share count / of")
    }

    @Test func levelOverConvictedCountsConvictedWithoutALevelAsUnknown() {
        let result = ClaimEvaluation.evaluate(
            Self.claim(
                "2012-01-15", "2012-01-15", numerator: ["level_1"], denominator: ["convicted"],
                claimed: ClaimedFigure(share: 0.367, comparison: .atLeast)),
            source: Self.detainers)
        #expect(result.numerator == 6 && result.denominator == 30 && result.unknown == 6)
        #expect(abs(result.computed! - 0.25) < 1e-12)
        #expect(abs(result.lower! - 0.0950510717728987) < 1e-12 && abs(result.upper! - 0.5767963974667752) < 1e-12)
        #expect(result.verdict == .consistent)
        #expect(
            result.reason
                == "some records have an unknown derived level: computed among the known, the interval spans every way the unknown could fall"
        )
    }

    @Test func partlyCoveredPeriodSaysWhatWasUsed() {
        let result = ClaimEvaluation.evaluate(
            Self.claim("2011-10-01", "2012-01-31", claimed: ClaimedFigure(share: 0.5)), source: Self.detainers)
        #expect(result.numerator == 30 && result.denominator == 60 && result.unknown == 5)
        #expect(abs(result.upper! - 0.6993572144165838) < 1e-12)
        #expect(result.verdict == .consistent)
        #expect(
            result.reason == "the records cover only 2012-01-15 to 2012-01-31 of the claim's period; "
                + Self.unknownNote)
    }

    @Test(arguments: [
        (
            claim("2012-01-01", "2012-12-31", claimed: ClaimedFigure(share: 0.5), type: .removals), detainers,
            "record type: the claim is about removals, this source holds detainers"
        ),
        (
            claim("2012-01-01", "2012-12-31", claimed: ClaimedFigure(share: 0.5)),
            ClaimSource(recordType: nil, byDay: byDay),
            "the pipeline does not declare which kind of record it holds (source.record_type)"
        ),
        (
            claim("2012-01-01", "2012-12-31", claimed: ClaimedFigure(share: 0.5)),
            ClaimSource(recordType: .detainers, byDay: nil),
            "the records carry no date"
        ),
        (
            claim("2020-01-01", "2020-12-31", claimed: ClaimedFigure(share: 0.5)), detainers,
            "period not covered: the claim is about 2020-01-01 to 2020-12-31, the records run from 2012-01-15 to 2013-06-30"
        ),
        (
            claim("2013-06-01", "2013-06-30", claimed: ClaimedFigure(share: 0.5)), detainers,
            "criminality not available in this source: unknown for every record in scope"
        ),
        (
            claim("2012-01-01", "2012-12-31", claimed: ClaimedFigure(share: 0.5), place: "MINNESOTA"), detainers,
            "place: the claim is about MINNESOTA, this source has no state column"
        ),
        (
            claim("2012-01-01", "2012-12-31", claimed: nil, notTestable: "no label says interior"), detainers,
            "no label says interior"
        ),
        (
            claim("2012-01-01", "2012-12-31", numerator: ["convicted", "level_1"], claimed: ClaimedFigure(share: 0.5)),
            detainers,
            "the numerator mixes labels of different kinds (or names no criminality or derived-level column)"
        ),
        (
            claim(
                "2012-01-01", "2012-12-31", numerator: ["convicted"], denominator: ["level_1"],
                claimed: ClaimedFigure(share: 0.5)), detainers,
            "the denominator is a label the numerator's label cannot be related to in the counts"
        ),
        (
            claim("2012-03-01", "2013-05-31", claimed: ClaimedFigure(share: 0.5)), detainers,
            "no record in the claim's scope"
        ),
    ])
    func notTestableSaysWhy(_ claim: Claim, _ source: ClaimSource, _ reason: String) {
        let result = ClaimEvaluation.evaluate(claim, source: source)
        #expect(result.verdict == .notTestable)
        #expect(result.reason == reason)
        #expect(result.computed == nil && result.lower == nil)
    }

    @Test func stateClaimsUseTheDayStateTable() {
        let byDayState = ReportTable(
            spec: ReportSpec(name: "_day_state", groupBy: [.day, .state]),
            rows: [
                ReportRow(
                    key: ["2012-02-01", "MINNESOTA"],
                    counts: Self.counts([.records: 40, .convicted: 20, .noCriminalRecord: 20, .notConvicted: 20])),
                ReportRow(key: ["2012-02-01", "TEXAS"], counts: Self.counts([.records: 5, .convicted: 5])),
            ])
        let source = ClaimSource(recordType: .detainers, byDay: Self.byDay, byDayState: byDayState)
        let result = ClaimEvaluation.evaluate(
            Self.claim("2012-02-01", "2012-02-01", claimed: ClaimedFigure(count: 20, of: 40), place: "Minnesota"),
            source: source)
        #expect(result.numerator == 20 && result.denominator == 40 && result.verdict == .consistent)
    }

    /// Claims scoped by program (issue 14 item 5). Day × program table: 2012-01-15 `287G Program`
    /// 10 records (8 convicted, 2 no record), `ERO Criminal Alien Program` 30 (10 convicted, 20 no
    /// record), no program value 5 (all convicted).
    static let byDayProgram = ReportTable(
        spec: ReportSpec(name: "_day_program", groupBy: [.day, .program]),
        rows: [
            ReportRow(
                key: ["2012-01-15", "287G Program"],
                counts: counts([.records: 10, .convicted: 8, .noCriminalRecord: 2, .notConvicted: 2])),
            ReportRow(
                key: ["2012-01-15", "ERO Criminal Alien Program"],
                counts: counts([.records: 30, .convicted: 10, .noCriminalRecord: 20, .notConvicted: 20])),
            ReportRow(key: ["2012-01-15", "(missing)"], counts: counts([.records: 5, .convicted: 5])),
        ])

    static func programClaim(_ values: [String]?) -> Claim {
        var claim = Self.claim("2012-01-01", "2012-01-31", claimed: ClaimedFigure(share: 0.8))
        claim.population.program = "287(g)"
        claim.population.programValues = values
        return claim
    }

    @Test func aClaimScopedByProgramCountsOnlyThatProgram() {
        let source = ClaimSource(recordType: .detainers, byDay: Self.byDay, byDayProgram: Self.byDayProgram)
        let result = ClaimEvaluation.evaluate(Self.programClaim(["287g program"]), source: source)
        // 8 of the 10 287(g) records: exactly the claimed 0.8; the 5 without a program are named.
        #expect(result.numerator == 8 && result.denominator == 10 && result.unknown == 0)
        #expect(result.verdict == .consistent)
        #expect(
            result.reason
                == "the records cover only 2012-01-15 to 2012-01-31 of the claim's period; 5 records in the claim's period and place have no program value and are left out"
        )
    }

    @Test func aProgramClaimOnASourceWithoutProgramIsNotTestable() {
        let result = ClaimEvaluation.evaluate(Self.programClaim(["287G Program"]), source: Self.detainers)
        #expect(result.verdict == .notTestable)
        #expect(
            result.reason
                == "program: the claim is about 287(g) (program 287G Program), this source has no program column")
    }

    @Test func aProgramNoValueIdentifiesIsNotTestable() {
        let source = ClaimSource(recordType: .detainers, byDay: Self.byDay, byDayProgram: Self.byDayProgram)
        let result = ClaimEvaluation.evaluate(Self.programClaim([]), source: source)
        #expect(result.verdict == .notTestable)
        #expect(result.reason == "program: no value of the records' program field identifies 287(g)")
    }

    /// With k = 10 the 5 records without a program are not counted out loud.
    @Test func aSmallCountOfRecordsWithoutProgramIsNotGivenAway() {
        let source = ClaimSource(recordType: .detainers, byDay: Self.byDay, byDayProgram: Self.byDayProgram)
        let result = ClaimEvaluation.evaluate(Self.programClaim(["287G Program"]), source: source, k: 10)
        #expect(result.reason.contains("fewer than 10 records in the claim's period and place have no program value"))
    }

    /// Without program values the claim covers every record of its type, as before (the day table's 60).
    @Test func aClaimWithoutProgramValuesIsNotScoped() {
        let source = ClaimSource(recordType: .detainers, byDay: Self.byDay, byDayProgram: Self.byDayProgram)
        let result = ClaimEvaluation.evaluate(Self.programClaim(nil), source: source)
        #expect(result.denominator == 60)
    }
}
