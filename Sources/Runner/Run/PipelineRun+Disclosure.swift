import Aggregate
import AuditCore
import Reports

extension PipelineRun {
    /// Everything this run publishes with counts, for the one disclosure model: the declared
    /// reports, the charts' reports (with the columns the charts show), the eras, the agreement and
    /// rules listings and the manifest's totals.
    static func publication(
        _ result: AggregateResult, declared: [ReportTable], eraRows: [EraCounts]?, claims: Bool
    ) -> Publication {
        var tables = declared.map { Publication.Table($0, confirmed: true) }
        for chart in ChartData.reports {
            guard let table = result.tables.first(where: { $0.spec.name == chart.name }) else { continue }
            tables.append(Publication.Table(table, published: chart.columns, confirmed: chart.confirmed))
        }
        if let eraRows {
            tables.append(
                Publication.Table(
                    Publisher.eraTable(eraRows), published: Publisher.eraCountColumns, related: false,
                    confirmed: false))
        }
        let rate = result.agreementRate
        var publication = Publication(
            tables: tables, agreement: result.agreement, rules: result.rules,
            recordsCounted: result.tables.first?.rows.reduce(0) { $0 + $1.counts[.records] } ?? 0,
            agreeing: rate?.agreeing ?? 0, compared: rate?.compared ?? 0)
        if claims { publication.notModelled = [ClaimsDisclosure.note] }
        return publication
    }
}
