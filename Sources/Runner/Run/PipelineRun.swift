import Foundation
import AuditCore
import Aggregate
import Classify
import Ingest
public import Logging
import Reports

/// Runs a pipeline end to end: ingest → de-duplicate → classify → aggregate → write, file by file.
///
/// Every data row read ends up counted, listed as a duplicate, or listed as a reject; the manifest
/// proves `rows_read = rows_counted + rows_duplicate + rows_rejected` per file. Outputs are staged
/// and published only when complete (`OutputFolder`).
public struct PipelineRun {
    public var options: RunOptions
    public var logger: Logger

    public init(options: RunOptions, logger: Logger = Logger(label: "detention-audit")) {
        self.options = options
        self.logger = logger
    }

    public func execute() throws -> RunOutcome {
        let started = options.fixedTime ?? Timestamp.now()
        let pipeline = try LoadedPipeline.load(path: options.pipelinePath)
        let definition = pipeline.definition
        let references = try ReferenceTables.load(for: pipeline)
        let inputs = options.inputs.isEmpty ? definition.defaultInputs.map(pipeline.resolveInput) : options.inputs
        guard !inputs.isEmpty else { throw RunnerError.noInputs(pipeline: options.pipelinePath) }

        let folder = try OutputFolder(destination: options.outputFolder)
        do {
            let outcome = try process(pipeline: pipeline, references: references, inputs: inputs, folder: folder, started: started)
            try folder.publish()
            return outcome
        } catch let error as RunnerError {
            if case .rejectThreshold = error { throw error }
            folder.discard()
            throw error
        } catch {
            folder.discard()
            throw error
        }
    }

    private func process(
        pipeline: LoadedPipeline, references: ReferenceTables, inputs: [String], folder: OutputFolder, started: String
    ) throws -> RunOutcome {
        let definition = pipeline.definition
        let reader = RecordReader(pipeline: definition)
        var deduplicator = Deduplicator(spec: definition.duplicates)
        var aggregator = Aggregator(reports: definition.reports)
        let rejects = try ListingFile(folder: folder, name: "rejects.csv", header: RecordListings.rejects([]))
        let duplicates = try ListingFile(folder: folder, name: "duplicates.csv", header: RecordListings.duplicates([]))
        let findings = try ListingFile(folder: folder, name: "findings.csv", header: RecordListings.findings([]))
        defer { [rejects, duplicates, findings].forEach { $0.close() } }

        var manifestInputs: [RunManifest.Input] = []
        var warnings: [String] = []
        var stops: [String] = []
        var victimWitnessAvailable = false

        for input in inputs {
            let display = displayPath(input)
            var digest = StreamingDigest()
            var classifier: Classifier?
            var counted = 0
            var duplicateCount = 0
            var pendingRejects: [Reject] = []
            var pendingDuplicates: [DuplicateRecord] = []
            var pendingFindings: [Finding] = []
            let summary: FileIngestSummary
            do {
                summary = try reader.read(
                    path: input, displayName: display,
                    onRawChunk: { digest.update($0) },
                    onHeader: { header in
                        let available = Set(definition.columns.keys).subtracting(header.absentFields)
                        if available.contains(.victimWitnessIndicator) { victimWitnessAvailable = true }
                        classifier = Classifier(table: references.offenses, spec: definition.classification, availableFields: available)
                    },
                    onRecord: { record, fingerprint in
                        if let duplicate = deduplicator.check(record, fingerprint: fingerprint) {
                            duplicateCount += 1
                            pendingDuplicates.append(duplicate)
                            if pendingDuplicates.count >= 1024 {
                                duplicates.append(RecordListings.duplicates(pendingDuplicates))
                                pendingDuplicates.removeAll(keepingCapacity: true)
                            }
                            return
                        }
                        guard let classifier else { return }
                        let classified = classifier.classify(record)
                        counted += 1
                        aggregator.add(classified)
                        if !classified.findings.isEmpty {
                            pendingFindings.append(contentsOf: classified.findings)
                            if pendingFindings.count >= 1024 {
                                findings.append(RecordListings.findings(pendingFindings))
                                pendingFindings.removeAll(keepingCapacity: true)
                            }
                        }
                    },
                    onReject: { reject in
                        pendingRejects.append(reject)
                        if pendingRejects.count >= 1024 {
                            rejects.append(RecordListings.rejects(pendingRejects))
                            pendingRejects.removeAll(keepingCapacity: true)
                        }
                    })
            } catch let error as IngestError {
                throw RunnerError.input(error.description)
            }
            rejects.append(RecordListings.rejects(pendingRejects))
            duplicates.append(RecordListings.duplicates(pendingDuplicates))
            findings.append(RecordListings.findings(summary.findings.filter { $0.severity != .note } + pendingFindings))
            precondition(summary.rowsRead == counted + duplicateCount + summary.rowsRejected, "every row must be accounted for")

            logger.info("\(display): rows read \(summary.rowsRead), counted \(counted), duplicates \(duplicateCount), rejected \(summary.rowsRejected)")
            for note in summary.findings where note.severity == .note { logger.notice("\(note.message)") }
            if summary.rowsRead > 0 {
                let share = Double(summary.rowsRejected) / Double(summary.rowsRead)
                let described = "\(display): \(summary.rowsRejected) of \(summary.rowsRead) rows rejected (\(Self.percent(share)))"
                if share > definition.thresholds.stop {
                    stops.append("\(described), above the stop threshold \(Self.percent(definition.thresholds.stop)); see rejects.csv")
                } else if share > definition.thresholds.warn {
                    warnings.append("\(described), above the warn threshold \(Self.percent(definition.thresholds.warn))")
                }
            }
            manifestInputs.append(RunManifest.Input(
                file: RunManifest.HashedFile(path: display, bytes: digest.bytes, sha256: digest.finalize()),
                headerLine: summary.headerLine, preambleRows: summary.preambleRows, rowsRead: summary.rowsRead,
                rowsCounted: counted, rowsDuplicate: duplicateCount, rowsRejected: summary.rowsRejected,
                columnsUsed: Dictionary(uniqueKeysWithValues: summary.columnsUsed.map { ($0.key.rawValue, $0.value) }),
                absentFields: summary.absentFields.map(\.rawValue)))
        }

        let result = aggregator.result()
        var outputs: [OutputFile] = result.tables.map { CountTables.report(
            $0, victimWitnessAvailable: victimWitnessAvailable,
            possibleVictimComputed: definition.classification.possibleVictimHeuristic) }
        outputs.append(CountTables.agreement(result.agreement))
        outputs.append(CountTables.unmapped(result.unmapped))
        outputs.append(CountTables.rules(result.rules, tableVersion: references.offenses.version))
        for output in outputs { try folder.write(output.bytes, to: output.name) }
        [rejects, duplicates, findings].forEach { $0.close() }

        var hashed: [RunManifest.HashedFile] = []
        let names = (outputs.map(\.name) + [rejects.name, duplicates.name, findings.name]).sorted()
        for name in names { hashed.append(try FileDigest.of(path: folder.path(name), display: name)) }

        let totals = RunManifest.Totals(
            rowsRead: manifestInputs.reduce(0) { $0 + $1.rowsRead },
            rowsCounted: manifestInputs.reduce(0) { $0 + $1.rowsCounted },
            rowsDuplicate: manifestInputs.reduce(0) { $0 + $1.rowsDuplicate },
            rowsRejected: manifestInputs.reduce(0) { $0 + $1.rowsRejected },
            recordsCounted: result.tables.first?.rows.reduce(0) { $0 + $1.counts[.records] } ?? 0)
        let rate = result.agreementRate
        let manifest = RunManifest(
            tool: .init(name: ToolInfo.name, version: ToolInfo.version),
            pipeline: .init(name: pipeline.definition.name, file: FileDigest.of(bytes: pipeline.bytes, display: displayPath(pipeline.path))),
            referenceTables: references.manifestEntries, inputs: manifestInputs, totals: totals,
            agreement: .init(agreeing: rate?.agreeing ?? 0, compared: rate?.compared ?? 0),
            status: stops.isEmpty ? "ok" : "failed", startedAt: started, finishedAt: options.fixedTime ?? Timestamp.now(),
            outputs: hashed, warnings: warnings + stops)
        try folder.write(ManifestJSON.encode(manifest), to: "manifest.json")

        if !stops.isEmpty {
            throw RunnerError.rejectThreshold(details: stops, failedOutputs: folder.keepAsFailed())
        }
        return RunOutcome(manifest: manifest, summary: Self.summary(manifest), outputFolder: folder.destination)
    }

    static func percent(_ share: Double) -> String {
        let value = share * 100
        return value == value.rounded() ? "\(Int(value))%" : String(Double(Int(value * 100)) / 100) + "%"
    }

    /// The lines `run` prints: one per input with its accounting, the totals and the agreement rate.
    static func summary(_ manifest: RunManifest) -> String {
        var lines: [String] = []
        for input in manifest.inputs {
            lines.append("\(input.file.path): read \(input.rowsRead) = counted \(input.rowsCounted) + duplicates \(input.rowsDuplicate) + rejected \(input.rowsRejected)")
        }
        let totals = manifest.totals
        lines.append("total: read \(totals.rowsRead) = counted \(totals.rowsCounted) + duplicates \(totals.rowsDuplicate) + rejected \(totals.rowsRejected)")
        if let rate = manifest.agreement.rate {
            lines.append("agreement with ICE threat levels: \(manifest.agreement.agreeing) of \(manifest.agreement.compared) records (\(percent(rate)))")
        } else {
            lines.append("agreement with ICE threat levels: not measurable (no record has both an ICE level and a derived level)")
        }
        for warning in manifest.warnings { lines.append("warning: \(warning)") }
        return lines.joined(separator: "\n")
    }
}
