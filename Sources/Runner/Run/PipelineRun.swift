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
        let clock = Date()
        let started = options.fixedTime ?? Timestamp.now()
        let lock = try RunLock.acquire(outputFolder: options.outputFolder)
        defer { withExtendedLifetime(lock) {} }
        CrashPoint.locked.reach()
        let history = try RunHistory(path: options.resolvedHistoryPath)
        var recording = RunHistory.Recording(
            manifest: nil, startedAt: started, finishedAt: started, duration: 0, status: "failed", exitCode: 1,
            outputFolder: URL(fileURLWithPath: options.outputFolder).standardizedFileURL.path)
        func finish(_ status: String, _ code: Int32, _ message: String?) {
            recording.status = status
            recording.exitCode = code
            recording.message = message
            recording.finishedAt = options.fixedTime ?? Timestamp.now()
            recording.duration = Date().timeIntervalSince(clock)
            do { try history.record(recording) } catch { logger.error("\(error)") }
        }
        do {
            let pipeline = try LoadedPipeline.load(path: options.pipelinePath)
            let references = try ReferenceTables.load(for: pipeline)
            let inputs = options.inputs.isEmpty ? pipeline.definition.defaultInputs.map(pipeline.resolveInput) : options.inputs
            guard !inputs.isEmpty else { throw RunnerError.noInputs(pipeline: options.pipelinePath) }
            let folder = try OutputFolder(destination: options.outputFolder)
            do {
                let ingested = try ingest(pipeline: pipeline, references: references, inputs: inputs, folder: folder, recording: &recording)
                let previous = try history.lastSuccessful(outputFolder: recording.outputFolder)
                let outcome = try publish(ingested, pipeline: pipeline, references: references, folder: folder, started: started, previous: previous, recording: &recording)
                CrashPoint.staged.reach()
                try folder.publish()
                finish("ok", 0, outcome.manifest.warnings.isEmpty ? nil : outcome.manifest.warnings.joined(separator: "; "))
                return outcome
            } catch let error as RunnerError {
                if case .rejectThreshold = error {} else { folder.discard() }
                throw error
            } catch {
                folder.discard()
                throw error
            }
        } catch let error as RunnerError {
            finish(error.exitCode == 3 ? "rejected" : "failed", error.exitCode, error.description)
            throw error
        } catch {
            finish("failed", 1, "\(error)")
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
        /// Record index files of this run's inputs (for the record-level change report).
        var recordIndexes: [String]
        var cache: ResultCache?
    }

    /// Reports the charts need whatever the pipeline declares: pooled by fiscal year and by state.
    static func chartReports(_ definition: PipelineDefinition) -> [ReportSpec] {
        var specs: [ReportSpec] = []
        if definition.hasSource(.fiscalYear) { specs.append(ReportSpec(name: BuiltInOutputs.chartPrefix + "fiscal_year", groupBy: [.fiscalYear])) }
        if definition.hasSource(.state) { specs.append(ReportSpec(name: BuiltInOutputs.chartPrefix + "state", groupBy: [.state])) }
        return specs
    }

    private func ingest(
        pipeline: LoadedPipeline, references: ReferenceTables, inputs: [String], folder: OutputFolder, recording: inout RunHistory.Recording
    ) throws -> Ingested {
        let definition = pipeline.definition
        let reports = definition.reports + Self.chartReports(definition)
        var processor = FileProcessor(definition: definition, references: references, reports: reports)
        if let threads = options.threads { processor.parallelism = FileProcessor.parallelism(threads: threads) }
        processor.spill = options.spill
        let cache = options.useCache ? try ResultCache(folder: options.resolvedStateFolder + "/cache") : nil
        let pipelineHash = FileDigest.of(bytes: pipeline.bytes, display: "").sha256
        let progress = Progress(quiet: options.quiet)
        var aggregator = Aggregator(reports: reports)
        let rejects = try ListingFile(folder: folder, name: BuiltInOutputs.internalFolder + "/" + BuiltInOutputs.rejects + ".csv", header: RecordListings.rejects.headerFile)
        let duplicates = try ListingFile(folder: folder, name: BuiltInOutputs.internalFolder + "/" + BuiltInOutputs.duplicates + ".csv", header: RecordListings.duplicates.headerFile)
        let findings = try ListingFile(folder: folder, name: BuiltInOutputs.internalFolder + "/" + BuiltInOutputs.findings + ".csv", header: RecordListings.findings.headerFile)
        var result = Ingested(
            aggregator: aggregator, inputs: [], warnings: [], stops: [], victimWitnessAvailable: false,
            listings: [rejects, duplicates, findings], recordIndexes: [], cache: cache)

        for input in inputs {
            let display = displayPath(input)
            let fileResult: FileResult
            // Where the file's listing parts are: its cache entry, or a temporary folder.
            let partsFolder: String
            var temporaryParts: String?
            defer { if let temporaryParts { try? FileManager.default.removeItem(atPath: temporaryParts) } }
            do { try InputFile.check(path: input, displayName: display) } catch { throw RunnerError.input(error.description) }
            if let cache {
                let hashed = try FileDigest.of(path: input, display: display)
                let key = ResultCache.key(inputSHA256: hashed.sha256, pipelineSHA256: pipelineHash, references: references.manifestEntries)
                recording.cacheKeys[display] = key
                switch cache.load(key: key, inputSHA256: hashed.sha256) {
                case .hit(var cached):
                    logger.info("\(display): unchanged since it was last read (cache \(key.prefix(12))); not parsed again")
                    cached.input.file.path = display
                    fileResult = cached
                    recording.fromCache.insert(display)
                case .miss, .invalid:
                    if case .invalid(let reason) = cache.load(key: key, inputSHA256: hashed.sha256) {
                        logger.warning("cache entry ignored and rebuilt: \(reason)")
                        cache.remove(key: key)
                    }
                    let temporary = cache.begin(key: key)
                    let index = LineWriter(path: temporary + "/records.tsv")
                    progress.start(display, bytes: hashed.bytes)
                    do {
                        fileResult = try processor.process(path: input, display: display, progress: progress, recordIndex: index, partsFolder: temporary)
                    } catch {
                        index?.close()
                        cache.discard(temporary: temporary)
                        progress.finish()
                        throw error
                    }
                    index?.close()
                    progress.finish()
                    try cache.commit(key: key, temporary: temporary, inputSHA256: hashed.sha256, result: fileResult)
                }
                result.recordIndexes.append(cache.recordIndexPath(key))
                partsFolder = cache.entryFolder(key)
            } else {
                // Inside the staging folder: removed below, and with the staging folder if the run dies.
                let temporary = folder.staging + "/.parts"
                do { try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true) } catch {
                    throw RunnerError.outputFolder(path: temporary, reason: error.localizedDescription)
                }
                temporaryParts = temporary
                progress.start(display, bytes: (try? FileManager.default.attributesOfItem(atPath: input)[.size] as? Int) ?? 0)
                defer { progress.finish() }
                fileResult = try processor.process(path: input, display: display, progress: progress, recordIndex: nil, partsFolder: temporary)
                partsFolder = temporary
            }
            CrashPoint.fileDone.reach()
            do {
                aggregator.merge(try Aggregator(reports: reports, snapshot: fileResult.snapshot))
            } catch {
                throw RunnerError.input("\(display): error: \(error)")
            }
            try rejects.append(fileResult.rejects, from: partsFolder)
            try duplicates.append(fileResult.duplicates, from: partsFolder)
            try findings.append(fileResult.findings, from: partsFolder)
            if fileResult.victimWitnessAvailable { result.victimWitnessAvailable = true }
            let summary = fileResult.input
            logger.info("\(display): rows read \(summary.rowsRead), counted \(summary.rowsCounted), duplicates \(summary.rowsDuplicate), rejected \(summary.rowsRejected)")
            for note in fileResult.notes { logger.notice("\(note)") }
            if summary.rowsRead > 0 {
                let share = Double(summary.rowsRejected) / Double(summary.rowsRead)
                let described = "\(display): \(summary.rowsRejected) of \(summary.rowsRead) rows rejected (\(Self.percent(share)))"
                if share > definition.thresholds.stop {
                    result.stops.append("\(described), above the stop threshold \(Self.percent(definition.thresholds.stop)); see internal/rejects.csv")
                } else if share > definition.thresholds.warn {
                    result.warnings.append("\(described), above the warn threshold \(Self.percent(definition.thresholds.warn))")
                }
            }
            result.inputs.append(summary)
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
        if let changes = manifest.changes, let run = changes.previousRunID {
            var line = "changes since run \(run): files \(changes.filesNew) new, \(changes.filesChanged) changed, \(changes.filesVanished) vanished; "
                + "\(changes.groupValuesChanged) report values moved"
            if let added = changes.recordsAdded, let removed = changes.recordsRemoved, let revised = changes.recordsRevised {
                line += "; records \(added) added, \(removed) removed, \(revised) revised"
            }
            lines.append(line)
        }
        for warning in manifest.warnings { lines.append("warning: \(warning)") }
        return lines.joined(separator: "\n")
    }
}
