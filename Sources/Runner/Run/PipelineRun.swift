import Aggregate
import AuditCore
import Classify
import Foundation
import Ingest
package import Logging
import Reports

/// Runs a pipeline end to end: ingest → de-duplicate → classify → aggregate → publish, file by file.
///
/// Every data row read ends up counted, listed as a duplicate, or listed as a reject; the manifest
/// proves `rows_read = rows_counted + rows_duplicate + rows_rejected + rows_superseded` per file. Outputs are staged
/// and published only when complete (`OutputFolder`).
package struct PipelineRun {
    package var options: RunOptions
    package var logger: Logger

    package init(options: RunOptions, logger: Logger = Logger(label: "detention-audit")) {
        self.options = options
        self.logger = logger
    }

    package func execute() throws -> RunOutcome {
        let clock = Date()
        let started = options.fixedTime ?? Timestamp.now()
        let loaded = Result { () throws -> (LoadedPipeline, ReferenceTables) in
            let pipeline = try LoadedPipeline.load(path: options.pipelinePath)
            return (pipeline, try ReferenceTables.load(for: pipeline))
        }
        let run = try checkingPaths(loaded: try? loaded.get())
        let history = try RunHistory(path: run.options.resolvedHistoryPath, busySeconds: options.historyBusySeconds)
        try history.markInterrupted()
        let id = try history.begin(startedAt: started, outputFolder: run.options.outputFolder)
        var recording = RunHistory.Recording(
            manifest: nil, startedAt: started, finishedAt: started, duration: 0, status: "failed", exitCode: 1,
            outputFolder: run.options.outputFolder)
        func finish(_ status: String, _ code: Int32, _ message: String?) throws(RunnerError) {
            recording.status = status
            recording.exitCode = code
            recording.message = message
            recording.finishedAt = options.fixedTime ?? Timestamp.now()
            recording.duration = Date().timeIntervalSince(clock)
            try history.finish(id, recording)
        }
        do {
            let outcome = try run.executeLocked(
                loaded: loaded, started: started, history: history, recording: &recording)
            do {
                try finish(
                    "ok", 0, outcome.manifest.warnings.isEmpty ? nil : outcome.manifest.warnings.joined(separator: "; ")
                )
            } catch {
                throw RunnerError.notRecorded(
                    historyPath: history.path, reason: error.description, outputFolder: outcome.outputFolder)
            }
            return outcome
        } catch let error as RunnerError {
            if case .notRecorded = error { throw error }
            recordFailure { () throws(RunnerError) in
                try finish(Self.status(of: error), error.exitCode, error.description)
            }
            throw error
        } catch {
            recordFailure { () throws(RunnerError) in try finish("failed", 1, "\(error)") }
            throw error
        }
    }

    /// How the history names a run that stopped with `error`.
    static func status(of error: RunnerError) -> String {
        switch error {
        case .rejectThreshold: "rejected"
        case .locked: "refused"
        default: "failed"
        }
    }

    /// A failed run whose failure cannot be recorded either: the run's own error is what the user
    /// needs to see; the history's is logged beside it.
    private func recordFailure(_ body: () throws(RunnerError) -> Void) {
        do { try body() } catch { logger.error("\(error)") }
    }

    /// Holds the output folder's lock while the run reads, publishes and swaps in its outputs.
    private func executeLocked(
        loaded: Result<(LoadedPipeline, ReferenceTables), any Error>, started: String, history: RunHistory,
        recording: inout RunHistory.Recording
    ) throws -> RunOutcome {
        let lock = try RunLock.acquire(outputFolder: options.outputFolder)
        defer { withExtendedLifetime(lock) {} }
        CrashPoint.locked.reach()
        let (pipeline, references) = try loaded.get()
        let inputs =
            options.inputs.isEmpty ? pipeline.definition.defaultInputs.map(pipeline.resolveInput) : options.inputs
        guard !inputs.isEmpty else { throw RunnerError.noInputs(pipeline: options.pipelinePath) }
        try InputSet.check(inputs, allowIdentical: pipeline.definition.duplicates.allowIdenticalInputs)
        let folder = try OutputFolder(destination: options.outputFolder)
        do {
            let ingested = try ingest(
                pipeline: pipeline, references: references, inputs: inputs, folder: folder, recording: &recording)
            let previous = try history.lastSuccessful(outputFolder: recording.outputFolder)
            let outcome = try publish(
                ingested, pipeline: pipeline, references: references, folder: folder, started: started,
                previous: previous, recording: &recording)
            CrashPoint.staged.reach()
            try folder.publish()
            if let cache = ingested.cache { pruneCache(cache, history: history, recording: recording) }
            return outcome
        } catch let error as RunnerError {
            if case .rejectThreshold = error {} else { folder.discard() }
            throw error
        } catch {
            folder.discard()
            throw error
        }
    }

    /// Removes cache entries beyond the bound that neither this run nor the last run into any other
    /// output folder used, through the run's own cache (whose shared lock it trades for an exclusive
    /// one). Pruning is housekeeping: a failure is logged, never fails the run.
    private func pruneCache(_ cache: ResultCache, history: RunHistory, recording: RunHistory.Recording) {
        guard let limit = options.cacheLimitBytes else { return }
        do {
            let keep = try history.lastCacheKeys().union(recording.cacheKeys.values)
            if let removed = cache.prune(keep: keep, limitBytes: limit), removed > 0 {
                logger.info("cache: removed \(removed) entries no recent run used (limit \(limit / 1_048_576) MiB)")
            }
        } catch {
            logger.warning("cache not pruned: \(error)")
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
        /// Per input, how it fills each mapped field (`coverage.csv`).
        var coverage: [CoverageSource] = []
    }

    /// Reports the charts need whatever the pipeline declares: pooled by fiscal year and by state.
    static func chartReports(_ definition: PipelineDefinition) -> [ReportSpec] {
        var specs: [ReportSpec] = []
        if definition.hasSource(.fiscalYear) {
            specs.append(ReportSpec(name: BuiltInOutputs.chartPrefix + "fiscal_year", groupBy: [.fiscalYear]))
        }
        if definition.hasSource(.state) {
            specs.append(ReportSpec(name: BuiltInOutputs.chartPrefix + "state", groupBy: [.state]))
        }
        return specs
    }

    private func ingest(
        pipeline: LoadedPipeline, references: ReferenceTables, inputs: [String], folder: OutputFolder,
        recording: inout RunHistory.Recording
    ) throws -> Ingested {
        let definition = pipeline.definition
        let processor = makeProcessor(definition, references: references)
        let cache = options.useCache ? try ResultCache(folder: options.resolvedStateFolder + "/cache") : nil
        let pipelineHash = FileDigest.of(bytes: pipeline.bytes, display: "").sha256
        let progress = Progress(quiet: options.quiet)
        var aggregator = Aggregator(reports: processor.reports)
        let listings = try Self.runListings(in: folder)
        var result = Ingested(
            aggregator: aggregator, inputs: [], warnings: [], stops: [], victimWitnessAvailable: false,
            listings: listings, recordIndexes: [], cache: cache)

        for input in inputs {
            let display = displayPath(input)
            let (fileResult, partsFolder) = try read(
                input, display: display, processor: processor, cache: cache, pipelineHash: pipelineHash,
                references: references,
                folder: folder, progress: progress, result: &result, recording: &recording)
            defer { if cache == nil { try? FileManager.default.removeItem(atPath: partsFolder) } }
            try InputSet.checkContent(
                fileResult.input.file, against: result.inputs,
                allowIdentical: definition.duplicates.allowIdenticalInputs)
            CrashPoint.fileDone.reach()
            do {
                aggregator.merge(try Aggregator(reports: processor.reports, snapshot: fileResult.snapshot))
            } catch {
                throw RunnerError.partialResult(file: display, reason: "\(error)")
            }
            for (listing, part) in zip(listings, [fileResult.rejects, fileResult.duplicates, fileResult.findings]) {
                try listing.append(part, from: partsFolder)
            }
            account(fileResult, display: display, definition: definition, into: &result)
        }
        result.warnings += Self.overlapWarnings(result.inputs)
        result.aggregator = aggregator
        return result
    }

    /// The file processor for the pipeline's reports plus the runner's own (charts, days).
    private func makeProcessor(_ definition: PipelineDefinition, references: ReferenceTables) -> FileProcessor {
        let reports =
            definition.reports + Self.chartReports(definition) + Self.dayReports(definition, claims: references.claims)
        var processor = FileProcessor(definition: definition, references: references, reports: reports)
        if let threads = options.threads { processor.parallelism = FileProcessor.parallelism(threads: threads) }
        processor.spill = options.spill
        return processor
    }

    /// `internal/rejects.csv`, `duplicates.csv` and `findings.csv`, in that order.
    private static func runListings(in folder: OutputFolder) throws -> [ListingFile] {
        try [
            (BuiltInOutputs.rejects, RecordListings.rejects.headerFile),
            (BuiltInOutputs.duplicates, RecordListings.duplicates.headerFile),
            (BuiltInOutputs.findings, RecordListings.findings.headerFile),
        ].map { name, header in
            try ListingFile(folder: folder, name: BuiltInOutputs.internalFolder + "/" + name + ".csv", header: header)
        }
    }

    /// One file's accounting line, notes, warnings and coverage, into the run's.
    private func account(
        _ fileResult: FileResult, display: String, definition: PipelineDefinition, into result: inout Ingested
    ) {
        if fileResult.victimWitnessAvailable { result.victimWitnessAvailable = true }
        let summary = fileResult.input
        let superseded =
            summary.hasDeclaredRange
            ? ", superseded \(summary.rowsSuperseded) (authoritative \(definition.inputRange(for: display)?.label ?? ""))"
            : ""
        logger.info(
            "\(display): rows read \(summary.rowsRead), counted \(summary.rowsCounted), duplicates \(summary.rowsDuplicate), rejected \(summary.rowsRejected)\(superseded)"
        )
        for note in fileResult.notes { logger.notice("\(note)") }
        checkRejectShare(summary, display: display, thresholds: definition.thresholds, result: &result)
        result.warnings += MeaningWarnings.warnings(for: summary, display: display, definition: definition)
        result.warnings += MeaningWarnings.notRecorded(fileResult.notRecorded, display: display, input: summary)
        result.coverage.append(
            CoverageSource(
                file: display,
                columns: Dictionary(
                    uniqueKeysWithValues: summary.columnsUsed.compactMap { key, column in
                        Field(rawValue: key).map { ($0, column) }
                    }),
                rows: fileResult.coverage, notRecorded: fileResult.notRecorded,
                declared: definition.columns.filter(\.value.hasDeclaredPeriod)))
        result.inputs.append(summary)
    }

    /// One input's partial result — from the cache when the file is unchanged, else read now — and
    /// the folder holding its listing parts.
    private func read(
        _ input: String, display: String, processor: FileProcessor, cache: ResultCache?, pipelineHash: String,
        references: ReferenceTables,
        folder: OutputFolder, progress: Progress, result: inout Ingested, recording: inout RunHistory.Recording
    ) throws -> (FileResult, String) {
        guard let cache else {
            // Inside the staging folder: removed after use, and with the staging folder if the run dies.
            let parts = folder.staging + "/.parts"
            try DiskFile.makeFolder(parts, action: "create a folder for listing parts")
            progress.start(
                display, bytes: (try? FileManager.default.attributesOfItem(atPath: input)[.size] as? Int) ?? 0)
            defer { progress.finish() }
            let read = try processor.processDetectingPeriods(
                path: input, display: display, progress: progress, partsFolder: parts, makeRecordIndex: { nil })
            return (read.result, parts)
        }
        let hashed = try FileDigest.of(path: input, display: display)
        // The declared range depends on the file's name too: a renamed file may fall under another.
        let range = processor.definition.inputRange(for: display).map { " authoritative \($0.label)" } ?? ""
        let key = ResultCache.key(
            inputSHA256: hashed.sha256, pipelineSHA256: pipelineHash + range, references: references.manifestEntries)
        recording.cacheKeys[display] = key
        result.recordIndexes.append(cache.recordIndexPath(key))
        switch cache.load(key: key, inputSHA256: hashed.sha256) {
        case .hit(var cached):
            logger.info("\(display): unchanged since it was last read (cache \(key.prefix(12))); not parsed again")
            cached.input.file.path = display
            recording.fromCache.insert(display)
            return (cached, cache.entryFolder(key))
        case .invalid(let reason):
            logger.warning("cache entry ignored and rebuilt: \(reason)")
            cache.remove(key: key)
        case .miss:
            break
        }
        progress.start(display, bytes: hashed.bytes)
        defer { progress.finish() }
        let fileResult = try readIntoCache(
            input, display: display, key: key, sha256: hashed.sha256,
            keyDeclared: !processor.definition.duplicates.key.isEmpty,
            processor: processor, cache: cache, progress: progress)
        return (fileResult, cache.entryFolder(key))
    }

    /// Reads an input into a temporary cache entry — with its record index sorted by key when the
    /// pipeline declares one — and commits it; a failure removes the entry.
    private func readIntoCache(
        _ input: String, display: String, key: String, sha256: String, keyDeclared: Bool, processor: FileProcessor,
        cache: ResultCache,
        progress: Progress
    ) throws -> FileResult {
        let temporary = try cache.begin(key: key)
        var fileResult: FileResult
        do {
            let settings = options.recordIndexSort
            let read = try processor.processDetectingPeriods(
                path: input, display: display, progress: progress, partsFolder: temporary,
                makeRecordIndex: { keyDeclared ? RecordIndexSorter(settings: settings) : nil })
            fileResult = read.result
            if let index = read.recordIndex {
                let bytes = try index.finish(writingTo: cache.recordIndexPath(inFolder: temporary))
                fileResult.recordIndex = RecordIndexInfo(records: index.count, bytes: bytes)
            }
        } catch {
            cache.discard(temporary: temporary)
            throw error
        }
        CrashPoint.caching.reach()
        try cache.commit(key: key, temporary: temporary, inputSHA256: sha256, result: fileResult)
        return fileResult
    }

    /// Warns (or, above the stop threshold, stops) when a file's share of rejected rows is high.
    private func checkRejectShare(
        _ summary: RunManifest.Input, display: String, thresholds: RejectThresholds, result: inout Ingested
    ) {
        guard summary.rowsRead > 0 else { return }
        let share = Double(summary.rowsRejected) / Double(summary.rowsRead)
        let described =
            "\(display): \(summary.rowsRejected) of \(summary.rowsRead) rows rejected (\(Self.percent(share)))"
        if share > thresholds.stop {
            result.stops.append(
                "\(described), above the stop threshold \(Self.percent(thresholds.stop)); see internal/rejects.csv")
        } else if share > thresholds.warn {
            result.warnings.append("\(described), above the warn threshold \(Self.percent(thresholds.warn))")
        }
    }

    /// One warning per pair of inputs whose record dates overlap while neither has a declared range
    /// (`inputs` in the pipeline): the same records may be counted twice.
    static func overlapWarnings(_ inputs: [RunManifest.Input]) -> [String] {
        var warnings: [String] = []
        let open = inputs.filter { !$0.hasDeclaredRange }
        for (index, first) in open.enumerated() {
            guard let firstStart = first.firstDate, let firstEnd = first.lastDate else { continue }
            for second in open[(index + 1)...] {
                guard let secondStart = second.firstDate, let secondEnd = second.lastDate else { continue }
                // ISO dates compare as text.
                let start = max(firstStart, secondStart)
                let end = min(firstEnd, secondEnd)
                guard start <= end else { continue }
                warnings.append(
                    "\(first.file.path) (\(firstStart) to \(firstEnd)) and \(second.file.path) (\(secondStart) to \(secondEnd)) "
                        + "overlap from \(start) to \(end); records in both are counted twice unless the pipeline declares each file's dates under 'inputs'"
                )
            }
        }
        return warnings
    }

    static func percent(_ share: Double) -> String {
        let value = share * 100
        return value == value.rounded() ? "\(Int(value))%" : String(Double(Int(value * 100)) / 100) + "%"
    }

    /// The lines `run` prints: one per input with its accounting, the totals and the agreement rate.
    static func summary(_ manifest: RunManifest) -> String {
        var lines: [String] = []
        // The superseded term only when a range is declared: runs without one keep their line.
        let ranged = manifest.totals.rowsSuperseded > 0 || manifest.inputs.contains(where: \.hasDeclaredRange)
        for input in manifest.inputs {
            lines.append(
                "\(input.file.path): read \(input.rowsRead) = counted \(input.rowsCounted) + duplicates \(input.rowsDuplicate) + rejected \(input.rowsRejected)"
                    + (ranged ? " + superseded \(input.rowsSuperseded)" : ""))
        }
        let totals = manifest.totals
        lines.append(
            "total: read \(totals.rowsRead) = counted \(totals.rowsCounted) + duplicates \(totals.rowsDuplicate) + rejected \(totals.rowsRejected)"
                + (ranged ? " + superseded \(totals.rowsSuperseded)" : ""))
        if let rate = manifest.agreement.rate {
            lines.append(
                "agreement with ICE threat levels: \(manifest.agreement.agreeing) of \(manifest.agreement.compared) records (\(percent(rate)))"
            )
        } else {
            lines.append(
                "agreement with ICE threat levels: not measurable (no record has both an ICE level and a derived level)"
            )
        }
        if let changes = manifest.changes, let run = changes.previousRunID {
            var line =
                "changes since run \(run): files \(changes.filesNew) new, \(changes.filesChanged) changed, \(changes.filesVanished) vanished; "
                + "\(changes.groupValuesChanged) report values moved"
            if let added = changes.recordsAdded, let removed = changes.recordsRemoved,
                let revised = changes.recordsRevised
            {
                line += "; records \(added) added, \(removed) removed, \(revised) revised"
            }
            lines.append(line)
        }
        for warning in manifest.warnings { lines.append("warning: \(warning)") }
        return lines.joined(separator: "\n")
    }
}
