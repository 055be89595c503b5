import AuditCore
import Reports
import Testing

/// The disclosure model, audit and repair on small tables whose intervals are worked out by hand —
/// one test per leak route of issue 16, each first with the mask the old greedy pass chose (the
/// audit must find the leak, with the interval a reader gets), then repaired (nothing narrowed).
struct DisclosureAuditTests {
    /// FY2009 of by_fiscal_year.csv: `361,167,60,131,x,<10` with not_convicted 191. The old pass hid
    /// no_conviction_recorded (a residual category, 0) beside criminality_unknown (3); the sum
    /// not_convicted = 60 + 131 + x gives x = 0, then unknown = 361 − 167 − 60 − 131 − 0 = 3.
    @Test func withinRowNotConvictedSumPinsTheCell() throws {
        var model = DisclosureModel(k: 10)
        let records = model.addCell(361)
        let parts = [167, 60, 131, 0].map { model.addCell($0) }
        let unknown = model.addCell(3, residual: true)
        let notConvicted = model.addCell(191)
        model.sum(parts + [unknown], equals: records)
        model.sum([parts[1], parts[2], parts[3]], equals: notConvicted)
        model.hide(parts[3])
        #expect(model.marks[unknown] == .primary)

        let leak = DisclosureAudit.audit(model)
        #expect(leak.narrowed[unknown]?.lower.map { abs($0 - 3) < 1e-6 } == true)
        #expect(leak.narrowed[unknown]?.upper.map { abs($0 - 3) < 1e-6 } == true)

        let record = DisclosureRepair.protect(&model)
        #expect(record.primaryNarrowed == 0 && record.primaryAudited == 1)
        // Hiding only parts of the not_convicted sum cannot help: a cell outside it must go too.
        #expect([parts[0], notConvicted, records].contains { model.marks[$0].isHidden })
    }

    /// "`<k` means at least 1": k = 5, a row `12,11,<5,0,0,x` (records, convicted, pending, no record,
    /// no conviction recorded, unknown): pending + unknown = 1 with pending ≥ 1 gives pending = 1.
    @Test func atLeastOneGivesTheCellAway() throws {
        var model = DisclosureModel(k: 5)
        let records = model.addCell(12)
        let convicted = model.addCell(11)
        let pending = model.addCell(1)
        let none = [0, 0].map { model.addCell($0) }
        let unknown = model.addCell(0, residual: true)
        model.sum([convicted, pending] + none + [unknown], equals: records)
        model.hide(unknown)

        let leak = DisclosureAudit.audit(model)
        #expect(leak.narrowed[pending]?.upper.map { abs($0 - 1) < 1e-6 } == true)
        #expect(leak.narrowed[pending]?.lower == nil)

        let record = DisclosureRepair.protect(&model)
        #expect(record.primaryNarrowed == 0)
        // Only convicted (11) or records can give pending room up to 4: zeros cannot.
        #expect(model.marks[convicted].isHidden || model.marks[records].isHidden)
    }

    /// The manifest's `agreement.compared` (153, always published) over agreement.csv: with the
    /// `<10` pair (3) and the not-compared pair (12, the old pass's complement) hidden,
    /// 100 + b + 50 = 153 gives b = 3.
    @Test func manifestAgreementComparedPinsTheCell() throws {
        var model = DisclosureModel(k: 10)
        let total = model.addCell(165, hideable: false)
        let compared = model.addCell(153, hideable: false)
        let rows = [100, 3, 50, 12].map { model.addCell($0) }
        model.sum(rows, equals: total)
        model.sum(Array(rows.prefix(3)), equals: compared)
        model.hide(rows[3])

        let leak = DisclosureAudit.audit(model)
        #expect(leak.narrowed[rows[1]]?.lower.map { abs($0 - 3) < 1e-6 } == true)
        #expect(leak.narrowed[rows[1]]?.upper.map { abs($0 - 3) < 1e-6 } == true)

        let record = DisclosureRepair.protect(&model)
        #expect(record.primaryNarrowed == 0)
        #expect(!model.marks[total].isHidden && !model.marks[compared].isHidden)
        #expect(model.marks[rows[0]].isHidden || model.marks[rows[2]].isHidden)
    }

    /// Another report's rows: the grand total 631 = FY2011 (628, x) + FY2012 (3, `<10`) alone says
    /// nothing, but the year × county report publishes FY2011's counties 600 and 28: 628, then 3.
    @Test func anotherReportsRowsPinTheCell() throws {
        var model = DisclosureModel(k: 10)
        let total = model.addCell(631, hideable: false)
        let years = [628, 3].map { model.addCell($0) }
        let counties = [600, 28, 3].map { model.addCell($0) }
        model.sum(years, equals: total)
        model.sum([counties[0], counties[1]], equals: years[0])
        model.sum([counties[2]], equals: years[1])
        model.sum(counties, equals: total)
        model.hide(years[0])

        let leak = DisclosureAudit.audit(model)
        #expect(leak.narrowed[years[1]]?.upper.map { abs($0 - 3) < 1e-6 } == true)
        #expect(leak.narrowed[counties[2]]?.lower.map { abs($0 - 3) < 1e-6 } == true)

        let record = DisclosureRepair.protect(&model)
        #expect(record.primaryNarrowed == 0 && record.primaryAudited == 2)
        #expect(model.marks[counties[0]].isHidden || model.marks[counties[1]].isHidden)
    }

    /// Several `<k` cells adding up to a small `<k` total put it above 1 (three counties of 1 under a
    /// year of 3): nothing published is left to hide, so one of them is shown `x` instead.
    @Test func atLeastOneOfSeveralPartsIsShownX() throws {
        var model = DisclosureModel(k: 10)
        let total = model.addCell(700, hideable: false)
        let years = [697, 3].map { model.addCell($0) }
        let counties = [1, 1, 1].map { model.addCell($0) }
        model.sum(years, equals: total)
        model.sum(counties, equals: years[1])
        model.hide(years[0])
        let leak = DisclosureAudit.audit(model)
        #expect(leak.narrowed[years[1]]?.lower.map { abs($0 - 3) < 1e-6 } == true)

        let record = DisclosureRepair.protect(&model)
        #expect(record.primaryNarrowed == 0)
        #expect(counties.contains { model.marks[$0] == .primaryShownX })
    }

    /// The published values the change report and the history take: nil where the mask hides a cell.
    @Test func publishedValuesLeaveHiddenCellsOut() throws {
        var counts = CountVector()
        counts.add([.records, .convicted], weight: 11)
        counts.add([.records, .pendingCharges], weight: 1)
        let table = ReportTable(
            spec: ReportSpec(name: "by_x", groupBy: [.state]), rows: [ReportRow(key: ["TX"], counts: counts)])
        var mask = PublicationMask()
        var marks = [DisclosureModel.Mark](repeating: .visible, count: CountColumn.allCases.count)
        marks[CountColumn.pendingCharges.index] = .primary
        marks[CountColumn.convicted.index] = .complementary
        mask.tables["by_x"] = [marks]
        let published = mask.published(table)[0]
        #expect(published[CountColumn.records.index] == 12)
        #expect(published[CountColumn.convicted.index] == nil)
        #expect(published[CountColumn.pendingCharges.index] == nil)
        #expect(published[CountColumn.noCriminalRecord.index] == 0)
    }
}
