import Aggregate
import AuditCore
import Classify
import Foundation
import Ingest
import Reports

/// Reads, de-duplicates, classifies and counts one input file.
struct FileProcessor {
    let definition: PipelineDefinition
    let references: ReferenceTables
    let reports: [ReportSpec]
    /// How many threads parse one file (nil: one).
    var parallelism: Parallelism? = FileProcessor.defaultParallelism
    /// Fiscal years the run found a field a rule reads not recorded in this file (set for the second
    /// read by `processDetectingPeriods`).
    var notRecordedFound: [Field: [ClosedRange<Int>]] = [:]
    /// Where and in what portions duplicates are found (`SpilledDeduplicator`).
    var spill = SpilledDeduplicator.Settings()

    /// One parsing thread per core (`run --threads` overrides); the calling thread de-duplicates.
    static let defaultParallelism = parallelism(threads: ProcessInfo.processInfo.activeProcessorCount)

    /// `threads` parsing threads; 1 (or less) reads, classifies and counts on the calling thread alone.
    static func parallelism(threads: Int) -> Parallelism? {
        threads <= 1 ? nil : Parallelism(workers: threads)
    }

    /// - Parameters:
    ///   - recordIndex: receives every counted record's fingerprint and key when the pipeline
    ///     declares a duplicate key (for the record-level change report); nil skips it.
    ///   - partsFolder: where the file's listing parts (`rejects.csv`, `duplicates.csv`,
    ///     `findings.csv`) are written; the caller discards the folder when this throws.
    func process(
        path: String, display: String, progress: Progress, recordIndex: RecordIndexSorter?, partsFolder: String
    ) throws -> FileResult {
        // The dates this file is authoritative for (`inputs`); a record dated outside is superseded:
        // decided on the parsing thread, never counted nor handed to the de-duplicator.
        let range = definition.inputRange(for: display)
        var superseded = 0
        var firstDate: SimpleDate?
        var lastDate: SimpleDate?
        let reader = RecordReader(pipeline: definition, parallelism: parallelism)
        // Parsing threads classify each record and count it in their own `CellCounter`; this thread
        // takes the records in file order and hands them to the de-duplicator, which spills them to
        // temporary files and finds the duplicates once the file is read; they are then taken out of
        // the counts again. This thread sees no record's strings, only positions, digests, the key's
        // text and cell numbers; every listing goes to disk as it grows. Nothing here grows with the
        // number of records.
        let digest = DigestBox()
        let counters = CounterRegistry()
        let deduplicator = SpilledDeduplicator(spec: definition.duplicates, settings: spill)
        var victimWitnessAvailable = false
        let rejects = try ListingPartWriter(folder: partsFolder, name: BuiltInOutputs.rejects + ".csv")
        let duplicates = try ListingPartWriter(folder: partsFolder, name: BuiltInOutputs.duplicates + ".csv")
        let findings = try ListingPartWriter(folder: partsFolder, name: BuiltInOutputs.findings + ".csv")
        defer { [rejects, duplicates, findings].forEach { $0.abandon() } }
        // Findings of records not yet known to be distinct, in file order, as listing rows: record
        // number and row count, then the rows.
        let pending: SpillFile
        do { pending = try SpillFile(directory: spill.directory) } catch {
            throw RunnerError.spill(file: display, reason: error.description)
        }
        var pendingFailure: SpillError?
        let keyFields = definition.duplicates.key
        let recordIndex = keyFields.isEmpty ? nil : recordIndex
        var indexFailure: (any Error)?
        let result: Result<FileIngestSummary, IngestError>
        do {
            result = .success(
                try reader.read(
                    path: path, displayName: display,
                    onRawChunk: { [progress] chunk in
                        digest.digest.update(chunk)
                        progress.advance(chunk.count)
                    },
                    onHeader: { header in
                        victimWitnessAvailable = Set(definition.columns.keys).subtracting(header.absentFields).contains(
                            .victimWitnessIndicator)
                    },
                    prepare: { [definition, references, reports, keyFields, range, notRecordedFound] header in
                        // Once per parsing thread.
                        let available = Set(definition.columns.keys).union(
                            definition.charges == nil ? [] : [.chargeCount]
                        ).subtracting(header.absentFields)
                        let references = references.privateCopy()
                        let keyFields = keyFields.map { $0 }
                        let classifier = Classifier(
                            table: references.offenses, spec: definition.classification, availableFields: available,
                            targets: references.targets,
                            recordedPeriods: Self.recordedPeriods(definition.columns, found: notRecordedFound))
                        let counter = counters.make(reports: reports, coverageFields: Array(available))
                        return { record, _ in
                            if let range, let date = record.date, !range.contains(date) {
                                return Prepared(
                                    counter: -1, cell: 0, weight: record.weight, key: nil, findings: [], date: date,
                                    superseded: true)
                            }
                            counter.coverage.add(record)
                            let classified = classifier.classify(record)
                            return Prepared(
                                counter: counter.id, cell: counter.counts.add(classified), weight: record.weight,
                                key: Deduplicator.key(of: record, fields: keyFields), findings: classified.findings,
                                date: record.date)
                        }
                    },
                    onRecord: { position, fingerprint, prepared in
                        if prepared.superseded, let range, let date = prepared.date {
                            duplicates.append(
                                DuplicateRecord(
                                    lineage: Lineage(file: display, line: position.line, record: position.record),
                                    original: Lineage(file: "", line: 0, record: 0), kind: .superseded,
                                    key: "date=\(date.isoString); authoritative \(range.label)"),
                                as: RecordListings.duplicates)
                            superseded += 1
                            return
                        }
                        if let date = prepared.date {
                            if firstDate.map({ date < $0 }) ?? true { firstDate = date }
                            if lastDate.map({ date > $0 }) ?? true { lastDate = date }
                        }
                        deduplicator.add(
                            position, fingerprint: fingerprint, key: prepared.key,
                            tag: UInt64(UInt32(prepared.counter)) << 32 | UInt64(UInt32(bitPattern: prepared.cell)),
                            weight: prepared.weight)
                        if !prepared.findings.isEmpty {
                            var rows = CSVDocument()
                            for var finding in prepared.findings {
                                // Classified before its record number was final.
                                if finding.lineage != nil {
                                    finding.lineage = Lineage(
                                        file: display, line: position.line, record: position.record)
                                }
                                RecordListings.findings.append(finding, to: &rows)
                            }
                            rows.data.withUnsafeBytes { bytes in
                                do throws(SpillError) {
                                    try pending.append(
                                        (UInt64(position.record), UInt64(rows.rowCount), 0, 0, 0, 0, 0, 0), text: bytes)
                                } catch { pendingFailure = pendingFailure ?? error }
                            }
                        }
                    },
                    onReject: { rejects.append($0, as: RecordListings.rejects) }))
        } catch let error as IngestError {
            result = .failure(error)
        } catch {
            result = .failure(.parser(path: display, line: 0, reason: "\(error)"))
        }
        let ending = (result: result, bytes: digest.digest.bytes, sha256: digest.digest.finalize())
        let summary: FileIngestSummary
        switch ending.result {
        case .success(let value): summary = value
        case .failure(let error): throw RunnerError.ingest(error)
        }
        // Every parsing thread has ended: their counts are this thread's now. Duplicates arrive in
        // file order, and the pending findings are in file order: a merge keeps those of distinct
        // records, after the file-level findings.
        for finding in summary.findings where finding.severity != .note {
            findings.append(finding, as: RecordListings.findings)
        }
        var duplicateCount = 0
        do {
            if let pendingFailure { throw pendingFailure }
            let pendingRows = try pending.cursor()
            var hasPending = try pendingRows.next()
            func keepPending(before record: Int) throws(SpillError) {
                while hasPending && Int(pendingRows.word(0)) <= record {
                    if Int(pendingRows.word(0)) < record {
                        findings.appendRows(pendingRows.text!, count: Int(pendingRows.word(1)))
                    }
                    hasPending = try pendingRows.next()
                }
            }
            var mergeFailure: SpillError?
            try deduplicator.finish(
                onDuplicate: { found in
                    do throws(SpillError) { try keepPending(before: found.position.record) } catch {
                        mergeFailure = mergeFailure ?? error
                    }
                    duplicates.append(
                        DuplicateRecord(
                            lineage: Lineage(file: display, line: found.position.line, record: found.position.record),
                            original: Lineage(file: display, line: found.original.line, record: found.original.record),
                            kind: found.kind, key: found.key), as: RecordListings.duplicates)
                    counters.remove(
                        counter: Int(found.tag >> 32), cell: Int32(bitPattern: UInt32(truncatingIfNeeded: found.tag)),
                        weight: found.weight)
                    duplicateCount += 1
                },
                onDistinct: { fingerprint, keyText in
                    guard let recordIndex, let keyText, indexFailure == nil else { return }
                    do { try recordIndex.add(high: fingerprint.high, low: fingerprint.low, key: keyText) } catch {
                        indexFailure = error
                    }
                })
            if let mergeFailure { throw mergeFailure }
            try keepPending(before: Int.max)
        } catch {
            throw RunnerError.spill(file: display, reason: "\(error)")
        }
        if let indexFailure { throw indexFailure }
        pending.close()
        var aggregator = Aggregator(reports: reports)
        counters.add(into: &aggregator)
        let counted = deduplicator.count - duplicateCount
        precondition(
            summary.rowsRead == deduplicator.count + summary.rowsRejected + superseded,
            "every row must be accounted for")
        var input = RunManifest.Input(
            file: RunManifest.HashedFile(path: display, bytes: ending.bytes, sha256: ending.sha256),
            headerLine: summary.headerLine, preambleRows: summary.preambleRows, rowsRead: summary.rowsRead,
            rowsCounted: counted, rowsDuplicate: duplicateCount, rowsRejected: summary.rowsRejected,
            columnsUsed: Dictionary(uniqueKeysWithValues: summary.columnsUsed.map { ($0.key.rawValue, $0.value) }),
            absentFields: summary.absentFields.map(\.rawValue))
        input.rowsSuperseded = superseded
        input.unmappedKnownColumns = Dictionary(
            uniqueKeysWithValues: summary.unmappedKnownColumns.map { ($0.key.rawValue, $0.value) })
        input.authoritativeFrom = range?.from?.isoString
        input.authoritativeTo = range?.to?.isoString
        input.firstDate = firstDate?.isoString
        input.lastDate = lastDate?.isoString
        return FileResult(
            input: input, snapshot: aggregator.snapshot(),
            rejects: try rejects.finish(), duplicates: try duplicates.finish(), findings: try findings.finish(),
            recordIndex: nil, notes: summary.findings.filter { $0.severity == .note }.map(\.message),
            victimWitnessAvailable: victimWitnessAvailable, coverage: counters.coverage())
    }

    /// What a parsing thread hands on for one record.
    private struct Prepared: Sendable {
        var counter: Int
        var cell: Int32
        var weight: Int
        var key: DuplicateKey?
        var findings: [Finding]
        var date: SimpleDate?
        /// Outside the file's declared range: listed, not counted, not de-duplicated.
        var superseded = false
    }

    /// One parsing thread's counts.
    private final class Counter: @unchecked Sendable {
        let id: Int
        var counts: CellCounter
        var coverage: CoverageCounter

        init(id: Int, reports: [ReportSpec], coverageFields: [Field]) {
            self.id = id
            counts = CellCounter(reports: reports)
            coverage = CoverageCounter(fields: coverageFields)
        }
    }

    /// Every parsing thread's counts, to merge once reading is over.
    private final class CounterRegistry: @unchecked Sendable {
        private let lock = NSLock()
        private var counters: [Counter] = []

        func make(reports: [ReportSpec], coverageFields: [Field]) -> Counter {
            lock.lock()
            defer { lock.unlock() }
            let counter = Counter(id: counters.count, reports: reports, coverageFields: coverageFields)
            counters.append(counter)
            return counter
        }

        /// Takes one duplicate back out (once reading is over).
        func remove(counter: Int, cell: Int32, weight: Int) {
            lock.lock()
            defer { lock.unlock() }
            counters[counter].counts.remove(cell: cell, weight: weight)
        }

        /// Adds every counter's remaining counts to `aggregator`.
        func add(into aggregator: inout Aggregator) {
            lock.lock()
            defer { lock.unlock() }
            for counter in counters { counter.counts.add(to: &aggregator) }
        }

        /// Every counter's coverage, merged (empty when no record was counted).
        func coverage() -> [FieldCoverage] {
            lock.lock()
            defer { lock.unlock() }
            guard var merged = counters.first?.coverage else { return [] }
            for counter in counters.dropFirst() { merged.merge(counter.coverage) }
            return merged.rows()
        }
    }

    /// The reading thread's running hash of the input, read once reading is over.
    private final class DigestBox: @unchecked Sendable {
        var digest = StreamingDigest()
    }
}
