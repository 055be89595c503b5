import Foundation
import AuditCore
import Aggregate
import Classify
import Ingest
public import Logging
import Reports

/// Runs a pipeline end to end: ingest → de-duplicate → classify → aggregate → publish, file by file.
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
        let references = try ReferenceTables.load(for: pipeline)
        let inputs = options.inputs.isEmpty ? pipeline.definition.defaultInputs.map(pipeline.resolveInput) : options.inputs
        guard !inputs.isEmpty else { throw RunnerError.noInputs(pipeline: options.pipelinePath) }

        let folder = try OutputFolder(destination: options.outputFolder)
        do {
            let ingested = try ingest(pipeline: pipeline, references: references, inputs: inputs, folder: folder)
            let outcome = try publish(ingested, pipeline: pipeline, references: references, folder: folder, started: started)
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

    /// What reading, classifying and counting every input produced.
    struct Ingested {
        var aggregator: Aggregator
        var inputs: [RunManifest.Input]
        var warnings: [String]
        var stops: [String]
        var victimWitnessAvailable: Bool
        var listings: [ListingFile]
    }

    /// Reports the charts need whatever the pipeline declares: pooled by fiscal year and by state.
    static func chartReports(_ definition: PipelineDefinition) -> [ReportSpec] {
        var specs: [ReportSpec] = []
        if definition.hasSource(.fiscalYear) { specs.append(ReportSpec(name: "_chart_fiscal_year", groupBy: [.fiscalYear])) }
        if definition.hasSource(.state) { specs.append(ReportSpec(name: "_chart_state", groupBy: [.state])) }
        return specs
    }

    private func ingest(pipeline: LoadedPipeline, references: ReferenceTables, inputs: [String], folder: OutputFolder) throws -> Ingested {
        let definition = pipeline.definition
        let reader = RecordReader(pipeline: definition)
        var aggregator = Aggregator(reports: definition.reports + Self.chartReports(definition))
        let rejects = try ListingFile(folder: folder, name: "internal/rejects.csv", header: RecordListings.rejects([]))
        let duplicates = try ListingFile(folder: folder, name: "internal/duplicates.csv", header: RecordListings.duplicates([]))
        let findings = try ListingFile(folder: folder, name: "internal/findings.csv", header: RecordListings.findings([]))
        var result = Ingested(aggregator: aggregator, inputs: [], warnings: [], stops: [], victimWitnessAvailable: false, listings: [rejects, duplicates, findings])

        for input in inputs {
            let display = displayPath(input)
            var deduplicator = Deduplicator(spec: definition.duplicates)
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
                        if available.contains(.victimWitnessIndicator) { result.victimWitnessAvailable = true }
                        classifier = Classifier(
                            table: references.offenses, spec: definition.classification, availableFields: available, targets: references.targets)
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
                    result.stops.append("\(described), above the stop threshold \(Self.percent(definition.thresholds.stop)); see internal/rejects.csv")
                } else if share > definition.thresholds.warn {
                    result.warnings.append("\(described), above the warn threshold \(Self.percent(definition.thresholds.warn))")
                }
            }
            result.inputs.append(RunManifest.Input(
                file: RunManifest.HashedFile(path: display, bytes: digest.bytes, sha256: digest.finalize()),
                headerLine: summary.headerLine, preambleRows: summary.preambleRows, rowsRead: summary.rowsRead,
                rowsCounted: counted, rowsDuplicate: duplicateCount, rowsRejected: summary.rowsRejected,
                columnsUsed: Dictionary(uniqueKeysWithValues: summary.columnsUsed.map { ($0.key.rawValue, $0.value) }),
                absentFields: summary.absentFields.map(\.rawValue)))
        }
        result.aggregator = aggregator
        return result
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
