import Aggregate
import AuditCore
import Classify
import Reports

/// One publication of a run's tables at a threshold k: every published table, the charts, and the
/// disclosure mask they were all cut with.
struct PublicationSet {
    var k: Int
    var tables: [PublishedTable]
    var extras: [PublishedTable]
    var ranking: PublishedTable
    var charts: ChartData
    var mask: PublicationMask

    /// The ranking, the report tables and the extras, in the order they are written.
    var all: [PublishedTable] { [ranking] + tables + extras }

    func extra(_ name: String) -> PublishedTable? { extras.first { $0.name == name } }
}

/// What a run publishes from, derived once: the counted tables and their target metrics, and what
/// the inputs could say. `publication(k:)` cuts a `PublicationSet` at a threshold (the pipeline's k,
/// and k = 1 for `--unsuppressed`'s internal copies).
struct PublicationSource {
    var result: AggregateResult
    /// The pipeline's own reports (not the runner's built-in ones).
    var declared: [ReportTable]
    var metrics: [[TargetMetricsRow]]
    var definition: PipelineDefinition
    var references: ReferenceTables
    var coverage: [CoverageSource]
    var victimWitnessAvailable: Bool
    var offenseAvailable: Bool
    var apprehensionTypeAvailable: Bool

    init(_ ingested: PipelineRun.Ingested, definition: PipelineDefinition, references: ReferenceTables) {
        result = ingested.aggregator.result()
        declared = result.tables.filter { !$0.spec.name.hasPrefix(BuiltInOutputs.runnerPrefix) }
        let threshold = references.targets.strayThreshold
        metrics = declared.map { TargetMetrics.rows(for: $0, strayThreshold: threshold) }
        self.definition = definition
        self.references = references
        coverage = ingested.coverage
        victimWitnessAvailable = ingested.victimWitnessAvailable
        func used(_ field: Field) -> Bool { ingested.inputs.contains { $0.columnsUsed[field.rawValue] != nil } }
        offenseAvailable = used(.mscCode) || used(.mscName)
        apprehensionTypeAvailable = used(.apprehensionType)
    }

    var strayThreshold: Double { references.targets.strayThreshold }
    var sourceInputs: SourceInputs { SourceInputs(victimWitness: victimWitnessAvailable, offense: offenseAvailable) }

    func publisher(k: Int) -> Publisher {
        var publisher = Publisher(
            k: k, victimWitnessAvailable: victimWitnessAvailable,
            possibleVictimComputed: definition.classification.possibleVictimHeuristic, strayThreshold: strayThreshold,
            offenseAvailable: offenseAvailable)
        publisher.untestableRules = references.targets.untestableRules(sourceInputs)
        publisher.apprehensionTypeAvailable = apprehensionTypeAvailable
        publisher.boundaries = PipelineRun.periodBoundaries(definition, references: references, coverage: coverage)
        return publisher
    }

    /// Every published table at threshold `k`, all cut with one disclosure mask.
    func publication(k: Int) -> PublicationSet {
        let publisher = publisher(k: k)
        let eraRows = PipelineRun.eraRows(result.tables, references: references)
        let mask = publisher.mask(
            PipelineRun.publication(result, declared: declared, eraRows: eraRows, claims: references.claims != nil))
        var tables: [PublishedTable] = []
        var forRanking: [(table: ReportTable, metrics: [TargetMetricsRow], targets: PublishedTable)] = []
        for (table, rows) in zip(declared, metrics) {
            let (counts, targets) = publisher.publish(table, metrics: rows, mask: mask)
            tables += [counts, targets]
            forRanking.append((table, rows, targets))
        }
        return PublicationSet(
            k: k, tables: tables, extras: extras(publisher, eraRows: eraRows, mask: mask),
            ranking: publisher.ranking(forRanking, limit: definition.publication.rankingSize),
            charts: ChartBuilder.charts(result.tables, publisher: publisher, mask: mask, threshold: strayThreshold),
            mask: mask)
    }

    /// agreement, rules, claims, eras and coverage.
    private func extras(_ publisher: Publisher, eraRows: [EraCounts]?, mask: PublicationMask) -> [PublishedTable] {
        var extras = [
            publisher.agreement(result.agreement, mask: mask),
            publisher.rules(
                result.rules, tableVersion: references.offenses.version, targetsVersion: references.targets.version,
                mask: mask),
        ]
        let claims = PipelineRun.claims(
            result.tables, definition: definition, references: references, publisher: publisher)
        extras += [claims, eraRows.map { publisher.eras($0, mask: mask) }].compactMap { $0 }
        extras.append(publisher.coverage(coverage))
        return extras
    }
}
