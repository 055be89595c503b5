import Aggregate
import AuditCore
import Classify
import Foundation
import Reports

extension PipelineRun {
    /// Computes the target metrics, applies disclosure control and writes every output format.
    func publish(
        _ ingested: Ingested, pipeline: LoadedPipeline, references: ReferenceTables, folder: OutputFolder,
        started: String,
        previous: (run: RunHistory.Run, inputs: [RunHistory.Input], groups: [String: [[String]: [Int?]]])?,
        recording: inout RunHistory.Recording
    ) throws -> RunOutcome {
        let definition = pipeline.definition
        let result = ingested.aggregator.result()
        let declared = result.tables.filter { !$0.spec.name.hasPrefix(BuiltInOutputs.runnerPrefix) }
        let threshold = references.targets.strayThreshold
        let k = options.minCount ?? definition.publication.minCount
        let metrics = declared.map { TargetMetrics.rows(for: $0, strayThreshold: threshold) }

        let offenseAvailable = ingested.inputs.contains {
            $0.columnsUsed[Field.mscCode.rawValue] != nil || $0.columnsUsed[Field.mscName.rawValue] != nil
        }
        let sourceInputs = SourceInputs(victimWitness: ingested.victimWitnessAvailable, offense: offenseAvailable)
        let untestable = references.targets.untestableRules(sourceInputs)
        let boundaries = Self.periodBoundaries(definition, references: references, coverage: ingested.coverage)
        func bundle(k: Int) -> (
            tables: [PublishedTable], extras: [PublishedTable], ranking: PublishedTable, charts: ChartData,
            mask: PublicationMask
        ) {
            var publisher = Publisher(
                k: k, victimWitnessAvailable: ingested.victimWitnessAvailable,
                possibleVictimComputed: definition.classification.possibleVictimHeuristic, strayThreshold: threshold,
                offenseAvailable: offenseAvailable)
            publisher.untestableRules = untestable
            publisher.apprehensionTypeAvailable = ingested.inputs.contains {
                $0.columnsUsed[Field.apprehensionType.rawValue] != nil
            }
            publisher.boundaries = boundaries
            let eraRows = Self.eraRows(result.tables, references: references)
            let mask = publisher.mask(
                Self.publication(result, declared: declared, eraRows: eraRows, claims: references.claims != nil))
            var tables: [PublishedTable] = []
            var forRanking: [(table: ReportTable, metrics: [TargetMetricsRow], targets: PublishedTable)] = []
            for (table, rows) in zip(declared, metrics) {
                let (counts, targets) = publisher.publish(table, metrics: rows, mask: mask)
                tables += [counts, targets]
                forRanking.append((table, rows, targets))
            }
            let ranking = publisher.ranking(forRanking, limit: definition.publication.rankingSize)
            var extras = [
                publisher.agreement(result.agreement, mask: mask),
                publisher.rules(
                    result.rules, tableVersion: references.offenses.version, targetsVersion: references.targets.version,
                    mask: mask),
            ]
            let claims = Self.claims(
                result.tables, definition: definition, references: references, publisher: publisher)
            extras += [claims, eraRows.map { publisher.eras($0, mask: mask) }].compactMap { $0 }
            extras.append(publisher.coverage(ingested.coverage))
            let charts = ChartBuilder.charts(result.tables, publisher: publisher, mask: mask, threshold: threshold)
            return (tables, extras, ranking, charts, mask)
        }

        var published = bundle(k: k)
        published.charts.boundaries = Self.chartBoundaries(
            references.targets, declared: definition.columns, coverage: ingested.coverage)
        let codebook = Publisher.codebook([published.ranking] + published.tables + published.extras)
        for table in [published.ranking] + published.tables + published.extras + [codebook] {
            let file = PublishedCSV.file(table)
            try folder.write(file.bytes, to: file.name)
        }
        for file in [CountTables.unmapped(result.unmapped), CountTables.coverageCounts(ingested.coverage)] {
            try folder.write(file.bytes, to: BuiltInOutputs.internalFolder + "/" + file.name)
        }
        if options.unsuppressed {
            let unsuppressedBundle = bundle(k: 1)
            for table in [unsuppressedBundle.ranking] + unsuppressedBundle.tables + unsuppressedBundle.extras {
                try folder.write(
                    PublishedCSV.file(table).bytes,
                    to: BuiltInOutputs.internalFolder + "/unsuppressed_" + table.name + ".csv")
            }
        }
        for listing in ingested.listings { try listing.close() }

        // What changed since the last successful run into this folder.
        let records = try recordChanges(
            ingested, previous: previous?.inputs, keyDeclared: !definition.duplicates.key.isEmpty, folder: folder,
            recording: recording)
        let changes = ChangeReport.build(
            current: declared, currentInputs: ingested.inputs, previous: previous, records: records,
            mask: published.mask)
        for file in [changes.changes, changes.files] { try folder.write(file.bytes, to: file.name) }
        recording.groups = declared.flatMap { table in
            zip(table.rows, published.mask.published(table)).map { (report: table.spec.name, key: $0.key, counts: $1) }
        }

        let totals = RunManifest.Totals(
            rowsRead: ingested.inputs.reduce(0) { $0 + $1.rowsRead },
            rowsCounted: ingested.inputs.reduce(0) { $0 + $1.rowsCounted },
            rowsDuplicate: ingested.inputs.reduce(0) { $0 + $1.rowsDuplicate },
            rowsRejected: ingested.inputs.reduce(0) { $0 + $1.rowsRejected },
            recordsCounted: result.tables.first?.rows.reduce(0) { $0 + $1.counts[.records] } ?? 0,
            rowsSuperseded: ingested.inputs.reduce(0) { $0 + $1.rowsSuperseded })
        let rate = result.agreementRate
        var manifest = RunManifest(
            tool: .init(name: ToolInfo.name, version: ToolInfo.version),
            pipeline: .init(
                name: definition.name, file: FileDigest.of(bytes: pipeline.bytes, display: displayPath(pipeline.path))),
            referenceTables: references.manifestEntries, inputs: ingested.inputs, totals: totals,
            agreement: .init(agreeing: rate?.agreeing ?? 0, compared: rate?.compared ?? 0),
            status: ingested.stops.isEmpty ? "ok" : "failed", startedAt: started,
            finishedAt: options.fixedTime ?? Timestamp.now(),
            outputs: [],
            warnings: ingested.warnings + [UnmappedOffenseCheck.warning(rules: result.rules)].compactMap { $0 }
                + ingested.stops)
        manifest.changes = changes.summary
        manifest.disclosure = published.mask.record

        let eras = Self.publishedEras(references.targets, sourceInputs: sourceInputs)
        let title = definition.publication.title ?? "Deviation from stated targets: \(definition.name)"
        var publishedBundle = PublishedBundle(
            title: title, tables: published.tables, ranking: published.ranking, eras: eras,
            targetsName: references.targets.name,
            targetsVersion: references.targets.version, suppressionThreshold: k,
            methodNotes: MethodNotes.paragraphs(k: k, threshold: threshold, offenseVersion: references.offenses.version)
                + [MethodNotes.criminalitySources(ingested.inputs)]
                + published.extras.filter { $0.name == BuiltInOutputs.rules }.map(MethodNotes.unmappedOffenses),
            charts: published.charts, manifest: manifest)
        publishedBundle.claims = published.extras.first { $0.name == BuiltInOutputs.claims }
        publishedBundle.eraShares = published.extras.first { $0.name == BuiltInOutputs.eras }
        publishedBundle.coverage = published.extras.first { $0.name == BuiltInOutputs.coverage }
        // Formats that embed the manifest get it without the output hashes (they are computed last).
        try folder.write(try SummaryJSON.encode(publishedBundle), to: BuiltInOutputs.summary + ".json")
        try writeWorkbook(
            WorkbookBuilder.workbook(publishedBundle, extraTables: published.extras + [codebook]), folder: folder,
            created: options.fixedTime ?? started)
        publishedBundle.manifest = manifest
        try folder.write(Array(HTMLReport.render(publishedBundle).utf8), to: BuiltInOutputs.report + ".html")

        manifest.outputs = try folder.files().map { try FileDigest.of(path: folder.path($0), display: $0) }
        try folder.write(ManifestJSON.encode(manifest), to: BuiltInOutputs.manifest + ".json")
        recording.manifest = manifest

        if !ingested.stops.isEmpty {
            throw RunnerError.rejectThreshold(details: ingested.stops, failedOutputs: folder.keepAsFailed())
        }
        return RunOutcome(
            manifest: manifest, summary: Self.summary(manifest), outputFolder: folder.destination,
            cachedInputs: ingested.inputs.map(\.file.path).filter { recording.fromCache.contains($0) })
    }

    /// Era boundaries, declared recorded periods and the not-recorded periods the run found in a
    /// field a rule reads: no period-over-period change crosses one.
    static func periodBoundaries(
        _ definition: PipelineDefinition, references: ReferenceTables, coverage: [CoverageSource]
    ) -> PeriodBoundaries {
        let declared = definition.columns.values.filter(\.hasDeclaredPeriod)
        let found = coverage.flatMap(\.notRecorded).filter { FileProcessor.evidenceFields.contains($0.field) }
        return PeriodBoundaries(
            starts: references.targets.eras.map(\.from) + declared.compactMap(\.recordedFrom)
                + found.compactMap { SimpleDate(year: $0.fromFiscalYear - 1, month: 10, day: 1) },
            ends: references.targets.eras.compactMap(\.to) + declared.compactMap(\.recordedUntil)
                + found.compactMap { SimpleDate(year: $0.toFiscalYear, month: 9, day: 30) })
    }

    /// What the fiscal-year charts mark: each era's start (`pep from`), an era's end followed by a gap
    /// (`sc_2017 ends`), and where a field a rule reads starts or stops being recorded (found or declared).
    static func chartBoundaries(
        _ targets: TargetsDefinition, declared: [Field: ColumnSpec], coverage: [CoverageSource]
    ) -> [ChartData.Boundary] {
        var marks = targets.eras.map { ChartData.Boundary(date: $0.from, label: "\($0.id) from") }
        for era in targets.eras {
            guard let end = era.to, !targets.eras.contains(where: { end.isFollowed(by: $0.from) }),
                let after = SimpleDate(dayAfter: end)
            else { continue }
            marks.append(ChartData.Boundary(date: after, label: "\(era.id) ended"))
        }
        for period in coverage.flatMap(\.notRecorded) where FileProcessor.evidenceFields.contains(period.field) {
            let field = period.field.rawValue
            if let start = SimpleDate(year: period.fromFiscalYear - 1, month: 10, day: 1) {
                marks.append(ChartData.Boundary(date: start, label: "\(field) not recorded"))
            }
            if let after = SimpleDate(year: period.toFiscalYear, month: 10, day: 1) {
                marks.append(ChartData.Boundary(date: after, label: "\(field) recorded"))
            }
        }
        for (field, spec) in declared where FileProcessor.evidenceFields.contains(field) {
            if let from = spec.recordedFrom {
                marks.append(ChartData.Boundary(date: from, label: "\(field.rawValue) recorded"))
            }
            if let until = spec.recordedUntil, let after = SimpleDate(dayAfter: until) {
                marks.append(ChartData.Boundary(date: after, label: "\(field.rawValue) not recorded"))
            }
        }
        var seen = Set<String>()
        return marks.sorted { $0.date < $1.date }.filter { seen.insert("\($0.date.isoString) \($0.label)").inserted }
    }

    /// `report.xlsx`; a failure (the archive library's own error) becomes a disk error naming the file.
    private func writeWorkbook(_ workbook: XLSXWorkbook, folder: OutputFolder, created: String) throws {
        let path = folder.path(BuiltInOutputs.report + ".xlsx")
        if WriteFaults.injected() {
            throw RunnerError.disk(path: path, action: "write the workbook", reason: WriteFaults.reason)
        }
        do {
            try XLSXWriter.write(workbook, toPath: path, created: created)
        } catch let error as XLSXWriterError {
            if case .io(let detail) = error {
                throw RunnerError.disk(path: path, action: "write the workbook", reason: detail)
            }
            throw error
        }
    }

    /// Compares this run's records with the previous run's (`RecordChanges`), writing
    /// `internal/changes_records.csv` when both indexes are there. When every input was a cache hit
    /// on the very entries the previous run used, the comparison is empty without reading them.
    func recordChanges(
        _ ingested: Ingested, previous: [RunHistory.Input]?, keyDeclared: Bool, folder: OutputFolder,
        recording: RunHistory.Recording
    ) throws -> RecordChanges.Outcome {
        let found = RecordChanges.previousIndexes(
            previous: previous, cache: ingested.cache, keyDeclared: keyDeclared)
        guard let previousPaths = found.paths else { return RecordChanges.Outcome(note: found.note) }
        let unchanged =
            previousPaths == ingested.recordIndexes
            && ingested.inputs.allSatisfy { recording.fromCache.contains($0.file.path) }
        return try RecordChanges.compare(
            previous: previousPaths, current: ingested.recordIndexes, unchanged: unchanged,
            writingTo: folder.path(BuiltInOutputs.internalFolder + "/" + BuiltInOutputs.changesRecords + ".csv"),
            settings: options.recordIndexSort)
    }
}
