import Aggregate
import AuditCore
import Reports

extension PipelineRun {
    /// The runner's day reports: counts per day whenever the records are dated (for `eras.csv` and
    /// the claims), per day and state when a claim speaks of a state and the source has one, and per
    /// day (state) and program when a claim is scoped by program values and the source has a program.
    static func dayReports(_ definition: PipelineDefinition, claims: ClaimsDefinition?) -> [ReportSpec] {
        guard definition.hasSource(.day) else { return [] }
        var specs = [ReportSpec(name: BuiltInOutputs.dayReport, groupBy: [.day])]
        let statewide = (claims?.claims ?? []).contains { !ClaimEvaluation.isNational($0.population.place) }
        let state = statewide && definition.hasSource(.state)
        if state { specs.append(ReportSpec(name: BuiltInOutputs.dayStateReport, groupBy: [.day, .state])) }
        let byProgram = (claims?.claims ?? []).contains { !($0.population.programValues ?? []).isEmpty }
        if byProgram && definition.hasSource(.program) {
            specs.append(
                ReportSpec(
                    name: BuiltInOutputs.dayProgramReport,
                    groupBy: state ? [.day, .state, .program] : [.day, .program]))
        }
        return specs
    }

    /// `claims.csv` as published by `publisher`: nil when there is no claims file.
    static func claims(
        _ tables: [ReportTable], definition: PipelineDefinition, references: ReferenceTables, publisher: Publisher
    ) -> PublishedTable? {
        let byDay = tables.first { $0.spec.name == BuiltInOutputs.dayReport }
        let byDayState = tables.first { $0.spec.name == BuiltInOutputs.dayStateReport }
        let byDayProgram = tables.first { $0.spec.name == BuiltInOutputs.dayProgramReport }
        let source = ClaimSource(
            recordType: definition.source.recordType, byDay: byDay, byDayState: byDayState, byDayProgram: byDayProgram)
        return references.claims.map {
            publisher.claims(ClaimEvaluation.evaluate($0.claims, source: source, k: publisher.k))
        }
    }

    /// The rows of `eras.csv`: nil when the records carry no date.
    static func eraRows(_ tables: [ReportTable], references: ReferenceTables) -> [EraCounts]? {
        tables.first { $0.spec.name == BuiltInOutputs.dayReport }.map { EraShares.rows(references.targets, byDay: $0) }
    }

    /// The eras as the method notes, summary.json and the HTML show them.
    /// The eras as published: each off-target rule the source cannot test says so beside its text.
    static func publishedEras(_ targets: TargetsDefinition, sourceInputs: SourceInputs) -> [PublishedEra] {
        targets.eras.map { era in
            PublishedEra(
                id: era.id, name: era.name, from: era.from.isoString, to: era.to?.isoString,
                offTarget: era.offTarget.map { rule in
                    let tested = rule.when.testable(sourceInputs)
                    let description =
                        tested
                        ? rule.description
                        : rule.description + " (\(CountTables.notTestable): \(sourceInputs.missing(for: rule.when)))"
                    return (id: rule.id, description: description, source: rule.source)
                },
                verdict: Publisher.verdictText(era), source: era.source, note: era.note)
        }
    }
}
