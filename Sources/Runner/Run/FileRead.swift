import Aggregate
import AuditCore
import Classify
import Foundation
import Ingest
import Reports

/// One input file being read by a `FileProcessor`: its listings, its de-duplicator and the parsing
/// threads' counts, and the steps from bytes to a `FileResult`.
///
/// Parsing threads classify each record and count it in their own `CellCounter` (`preparer`); the
/// calling thread takes the records in file order (`take`) and hands them to the de-duplicator,
/// which spills them to temporary files and finds the duplicates once the file is read
/// (`findDuplicates`); they are then taken out of the counts again. That thread sees no record's
/// strings, only positions, digests, the key's text and cell numbers; every listing goes to disk as
/// it grows. Nothing here grows with the number of records.
final class FileRead: @unchecked Sendable {
    private let processor: FileProcessor
    private let display: String
    /// The dates this file is authoritative for (`inputs`); a record dated outside is superseded:
    /// decided on the parsing thread, never counted nor handed to the de-duplicator.
    private let range: InputRange?
    private let recordIndex: RecordIndexSorter?
    private let rejects: ListingPartWriter
    private let duplicates: ListingPartWriter
    private let findings: ListingPartWriter
    /// Findings of records not yet known to be distinct, in file order, as listing rows: record
    /// number and row count, then the rows.
    private let pending: SpillFile
    private var pendingFailure: SpillError?
    private let deduplicator: SpilledDeduplicator
    private let counters = CounterRegistry()
    private var digest = StreamingDigest()
    private var superseded = 0
    private var duplicateCount = 0
    private var firstDate: SimpleDate?
    private var lastDate: SimpleDate?
    private var victimWitnessAvailable = false

    init(processor: FileProcessor, display: String, partsFolder: String, recordIndex: RecordIndexSorter?) throws {
        self.processor = processor
        self.display = display
        self.recordIndex = recordIndex
        range = processor.definition.inputRange(for: display)
        deduplicator = SpilledDeduplicator(spec: processor.definition.duplicates, settings: processor.spill)
        rejects = try ListingPartWriter(folder: partsFolder, name: BuiltInOutputs.rejects + ".csv")
        duplicates = try ListingPartWriter(folder: partsFolder, name: BuiltInOutputs.duplicates + ".csv")
        findings = try ListingPartWriter(folder: partsFolder, name: BuiltInOutputs.findings + ".csv")
        do { pending = try SpillFile(directory: processor.spill.directory) } catch {
            throw RunnerError.spill(file: display, reason: error.description)
        }
    }

    /// Drops the listing parts not finished (after a failure).
    func abandon() { [rejects, duplicates, findings].forEach { $0.abandon() } }

    /// Reads every row: records to `take`, rejects to their listing.
    func readRecords(path: String, progress: Progress) throws -> FileIngestSummary {
        let reader = RecordReader(pipeline: processor.definition, parallelism: processor.parallelism)
        let definition = processor.definition
        do {
            return try reader.read(
                path: path, displayName: display,
                onRawChunk: { [progress] chunk in
                    self.digest.update(chunk)
                    progress.advance(chunk.count)
                },
                onHeader: { header in
                    self.victimWitnessAvailable = Set(definition.columns.keys).subtracting(header.absentFields)
                        .contains(.victimWitnessIndicator)
                },
                prepare: { header in self.preparer(header) },
                onRecord: { position, fingerprint, prepared in self.take(position, fingerprint, prepared) },
                onReject: { self.rejects.append($0, as: RecordListings.rejects) })
        } catch let error as IngestError {
            throw RunnerError.ingest(error)
        } catch {
            throw RunnerError.ingest(.parser(path: display, line: 0, reason: "\(error)"))
        }
    }

    /// What a parsing thread hands on for one record.
    struct PreparedRecord: Sendable {
        var tag: CellTag
        var weight: Int
        var key: DuplicateKey?
        var findings: [Finding]
        var date: SimpleDate?
        /// Outside the file's declared range: listed, not counted, not de-duplicated.
        var superseded = false
    }

    /// Once per parsing thread: its classifier and counter, and the function that classifies and
    /// counts one record.
    private func preparer(_ header: FileIngestSummary) -> (SourceRecord, RowFingerprint) -> PreparedRecord {
        let definition = processor.definition
        let available = Set(definition.columns.keys).union(definition.charges == nil ? [] : [.chargeCount])
            .subtracting(header.absentFields)
        let references = processor.references.privateCopy()
        let keyFields = definition.duplicates.key.map { $0 }
        let classifier = Classifier(
            table: references.offenses, spec: definition.classification, availableFields: available,
            targets: references.targets,
            recordedPeriods: FileProcessor.recordedPeriods(definition.columns, found: processor.notRecordedFound))
        let counter = counters.make(reports: processor.reports, coverageFields: Array(available))
        let range = range
        return { record, _ in
            if let range, let date = record.date, !range.contains(date) {
                return PreparedRecord(
                    tag: CellTag(counter: -1, cell: 0), weight: record.weight, key: nil, findings: [], date: date,
                    superseded: true)
            }
            counter.coverage.add(record)
            let classified = classifier.classify(record)
            return PreparedRecord(
                tag: CellTag(counter: counter.id, cell: counter.counts.add(classified)), weight: record.weight,
                key: Deduplicator.key(of: record, fields: keyFields), findings: classified.findings, date: record.date)
        }
    }

    /// One record in file order: superseded, or to the de-duplicator with its findings held back.
    private func take(_ position: RecordPosition, _ fingerprint: RowFingerprint, _ prepared: PreparedRecord) {
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
            position, fingerprint: fingerprint, key: prepared.key, tag: prepared.tag.packed, weight: prepared.weight)
        if !prepared.findings.isEmpty { holdFindings(prepared.findings, at: position) }
    }

    /// A record's findings, until it is known to be distinct.
    private func holdFindings(_ recordFindings: [Finding], at position: RecordPosition) {
        var rows = CSVDocument()
        for var finding in recordFindings {
            // Classified before its record number was final.
            if finding.lineage != nil {
                finding.lineage = Lineage(file: display, line: position.line, record: position.record)
            }
            RecordListings.findings.append(finding, to: &rows)
        }
        rows.data.withUnsafeBytes { bytes in
            do throws(SpillError) {
                try pending.append((UInt64(position.record), UInt64(rows.rowCount), 0, 0, 0, 0, 0, 0), text: bytes)
            } catch { pendingFailure = pendingFailure ?? error }
        }
    }

    /// The file-level findings (header, columns), before the records' own.
    func listFileFindings(_ summary: FileIngestSummary) throws {
        for finding in summary.findings where finding.severity != .note {
            findings.append(finding, as: RecordListings.findings)
        }
    }

    /// Every parsing thread has ended: their counts are this thread's now. Duplicates arrive in file
    /// order, and the pending findings are in file order: a merge keeps those of distinct records.
    func findDuplicates() throws {
        var indexFailure: (any Error)?
        do {
            if let pendingFailure { throw pendingFailure }
            let merge = try PendingFindings(pending, into: findings)
            var mergeFailure: SpillError?
            try deduplicator.finish(
                onDuplicate: { found in
                    do throws(SpillError) { try merge.keep(before: found.position.record) } catch {
                        mergeFailure = mergeFailure ?? error
                    }
                    self.list(found)
                },
                onDistinct: { fingerprint, keyText in
                    guard let recordIndex = self.recordIndex, let keyText, indexFailure == nil else { return }
                    do { try recordIndex.add(high: fingerprint.high, low: fingerprint.low, key: keyText) } catch {
                        indexFailure = error
                    }
                })
            if let mergeFailure { throw mergeFailure }
            try merge.keep(before: Int.max)
        } catch {
            throw RunnerError.spill(file: display, reason: "\(error)")
        }
        if let indexFailure { throw indexFailure }
        pending.close()
    }

    /// A duplicate: listed, and taken back out of the counts.
    private func list(_ found: SpilledDeduplicator.Duplicate) {
        duplicates.append(
            DuplicateRecord(
                lineage: Lineage(file: display, line: found.position.line, record: found.position.record),
                original: Lineage(file: display, line: found.original.line, record: found.original.record),
                kind: found.kind, key: found.key), as: RecordListings.duplicates)
        counters.remove(CellTag(packed: found.tag), weight: found.weight)
        duplicateCount += 1
    }

    /// The file's counts, accounting and listings.
    func result(_ summary: FileIngestSummary) throws -> FileResult {
        var aggregator = Aggregator(reports: processor.reports)
        counters.add(into: &aggregator)
        precondition(
            summary.rowsRead == deduplicator.count + summary.rowsRejected + superseded,
            "every row must be accounted for")
        return FileResult(
            input: manifestInput(summary), snapshot: aggregator.snapshot(),
            rejects: try rejects.finish(), duplicates: try duplicates.finish(), findings: try findings.finish(),
            recordIndex: nil, notes: summary.findings.filter { $0.severity == .note }.map(\.message),
            victimWitnessAvailable: victimWitnessAvailable, coverage: counters.coverage())
    }

    private func manifestInput(_ summary: FileIngestSummary) -> RunManifest.Input {
        var input = RunManifest.Input(
            file: RunManifest.HashedFile(path: display, bytes: digest.bytes, sha256: digest.finalize()),
            headerLine: summary.headerLine, preambleRows: summary.preambleRows, rowsRead: summary.rowsRead,
            rowsCounted: deduplicator.count - duplicateCount, rowsDuplicate: duplicateCount,
            rowsRejected: summary.rowsRejected,
            columnsUsed: Dictionary(uniqueKeysWithValues: summary.columnsUsed.map { ($0.key.rawValue, $0.value) }),
            absentFields: summary.absentFields.map(\.rawValue))
        input.rowsSuperseded = superseded
        input.unmappedKnownColumns = Dictionary(
            uniqueKeysWithValues: summary.unmappedKnownColumns.map { ($0.key.rawValue, $0.value) })
        input.authoritativeFrom = range?.from?.isoString
        input.authoritativeTo = range?.to?.isoString
        input.firstDate = firstDate?.isoString
        input.lastDate = lastDate?.isoString
        return input
    }
}

/// The held-back findings, merged in file order with the de-duplicator's verdicts: those of a record
/// before the next duplicate are kept, the duplicate's own are dropped.
private final class PendingFindings {
    private let rows: SpillCursor
    private let findings: ListingPartWriter
    private var hasPending: Bool

    init(_ pending: SpillFile, into findings: ListingPartWriter) throws(SpillError) {
        rows = try pending.cursor()
        self.findings = findings
        hasPending = try rows.next()
    }

    /// Keeps the findings of records before `record`; drops those of `record` itself.
    func keep(before record: Int) throws(SpillError) {
        while hasPending && Int(rows.word(0)) <= record {
            if Int(rows.word(0)) < record { findings.appendRows(rows.text!, count: Int(rows.word(1))) }
            hasPending = try rows.next()
        }
    }
}
