import Aggregate
import AuditCore
import Classify
import Foundation
import Reports

extension PipelineRun {
    /// Computes the target metrics, applies disclosure control and writes every output format.
    func publish(
        _ ingested: Ingested, pipeline: LoadedPipeline, references: ReferenceTables, folder: OutputFolder,
        started: String, previous: RunHistory.Previous?, recording: inout RunHistory.Recording
    ) throws -> RunOutcome {
        let source = PublicationSource(ingested, definition: pipeline.definition, references: references)
        var published = source.publication(k: options.minCount ?? pipeline.definition.publication.minCount)
        published.charts.boundaries = Self.chartBoundaries(
            references.targets, declared: pipeline.definition.columns, coverage: ingested.coverage)
        let codebook = Publisher.codebook(published.all)
        try writeTables(published.all + [codebook], source: source, coverage: ingested.coverage, folder: folder)
        if options.unsuppressed { try writeUnsuppressed(source.publication(k: 1), folder: folder) }
        for listing in ingested.listings { try listing.close() }
        let changes = try writeChanges(
            ingested, source: source, mask: published.mask, previous: previous, folder: folder,
            recording: &recording)
        var manifest = runManifest(ingested, source: source, pipeline: pipeline, started: started)
        manifest.changes = changes.summary
        manifest.disclosure = published.mask.record
        try writeFormats(
            presentation(published, source: source, ingested: ingested, manifest: manifest),
            extraTables: published.extras + [codebook], folder: folder, started: started)
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

    /// The published CSV files, and the internal counts behind `rules.csv`'s unmapped offenses and
    /// `coverage.csv`.
    private func writeTables(
        _ tables: [PublishedTable], source: PublicationSource, coverage: [CoverageSource], folder: OutputFolder
    ) throws {
        for table in tables {
            let file = PublishedCSV.file(table)
            try folder.write(file.bytes, to: file.name)
        }
        for file in [CountTables.unmapped(source.result.unmapped), CountTables.coverageCounts(coverage)] {
            try folder.write(file.bytes, to: BuiltInOutputs.internalFolder + "/" + file.name)
        }
    }

    /// `--unsuppressed`: every published table at k = 1, as `internal/unsuppressed_<name>.csv`.
    private func writeUnsuppressed(_ unsuppressed: PublicationSet, folder: OutputFolder) throws {
        for table in unsuppressed.all {
            try folder.write(
                PublishedCSV.file(table).bytes,
                to: BuiltInOutputs.internalFolder + "/unsuppressed_" + table.name + ".csv")
        }
    }

    /// What changed since the last successful run into this folder (`changes.csv`,
    /// `changes_files.csv`); the published group counts go into the history recording.
    private func writeChanges(
        _ ingested: Ingested, source: PublicationSource, mask: PublicationMask, previous: RunHistory.Previous?,
        folder: OutputFolder, recording: inout RunHistory.Recording
    ) throws -> ChangeReport {
        let records = try recordChanges(
            ingested, previous: previous?.inputs, keyDeclared: !source.definition.duplicates.key.isEmpty,
            folder: folder, recording: recording)
        let changes = ChangeReport.build(
            current: source.declared, currentInputs: ingested.inputs, previous: previous, records: records,
            mask: mask)
        for file in [changes.changes, changes.files] { try folder.write(file.bytes, to: file.name) }
        recording.groups = source.declared.flatMap { table in
            zip(table.rows, mask.published(table)).map { (report: table.spec.name, key: $0.key, counts: $1) }
        }
        return changes
    }

    /// The manifest without its output hashes (they are computed last).
    private func runManifest(
        _ ingested: Ingested, source: PublicationSource, pipeline: LoadedPipeline, started: String
    ) -> RunManifest {
        let inputs = ingested.inputs
        let totals = RunManifest.Totals(
            rowsRead: inputs.reduce(0) { $0 + $1.rowsRead }, rowsCounted: inputs.reduce(0) { $0 + $1.rowsCounted },
            rowsDuplicate: inputs.reduce(0) { $0 + $1.rowsDuplicate },
            rowsRejected: inputs.reduce(0) { $0 + $1.rowsRejected },
            recordsCounted: source.result.tables.first?.rows.reduce(0) { $0 + $1.counts[.records] } ?? 0,
            rowsSuperseded: inputs.reduce(0) { $0 + $1.rowsSuperseded })
        let rate = source.result.agreementRate
        return RunManifest(
            tool: .init(name: ToolInfo.name, version: ToolInfo.version),
            pipeline: .init(
                name: source.definition.name,
                file: FileDigest.of(bytes: pipeline.bytes, display: displayPath(pipeline.path))),
            referenceTables: source.references.manifestEntries, inputs: inputs, totals: totals,
            agreement: .init(agreeing: rate?.agreeing ?? 0, compared: rate?.compared ?? 0),
            status: ingested.stops.isEmpty ? "ok" : "failed", startedAt: started,
            finishedAt: options.fixedTime ?? Timestamp.now(), outputs: [],
            warnings: ingested.warnings + [UnmappedOffenseCheck.warning(rules: source.result.rules)].compactMap { $0 }
                + ingested.stops)
    }

    /// What the summary, the workbook and the page show.
    private func presentation(
        _ published: PublicationSet, source: PublicationSource, ingested: Ingested, manifest: RunManifest
    ) -> PublishedBundle {
        let definition = source.definition
        let references = source.references
        let k = published.k
        var bundle = PublishedBundle(
            title: definition.publication.title ?? "Deviation from stated targets: \(definition.name)",
            tables: published.tables, ranking: published.ranking,
            eras: Self.publishedEras(references.targets, sourceInputs: source.sourceInputs),
            targetsName: references.targets.name, targetsVersion: references.targets.version,
            suppressionThreshold: k,
            methodNotes: MethodNotes.paragraphs(
                k: k, threshold: source.strayThreshold, offenseVersion: references.offenses.version)
                + [MethodNotes.criminalitySources(ingested.inputs)]
                + [published.extra(BuiltInOutputs.rules).map(MethodNotes.unmappedOffenses)].compactMap { $0 },
            charts: published.charts, manifest: manifest)
        bundle.claims = published.extra(BuiltInOutputs.claims)
        bundle.eraShares = published.extra(BuiltInOutputs.eras)
        bundle.coverage = published.extra(BuiltInOutputs.coverage)
        return bundle
    }

    /// summary.json and report.xlsx embed the manifest without output hashes; report.html too.
    private func writeFormats(
        _ bundle: PublishedBundle, extraTables: [PublishedTable], folder: OutputFolder, started: String
    ) throws {
        try folder.write(try SummaryJSON.encode(bundle), to: BuiltInOutputs.summary + ".json")
        try writeWorkbook(
            WorkbookBuilder.workbook(bundle, extraTables: extraTables), folder: folder,
            created: options.fixedTime ?? started)
        try folder.write(Array(HTMLReport.render(bundle).utf8), to: BuiltInOutputs.report + ".html")
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
