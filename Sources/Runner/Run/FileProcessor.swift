import AuditCore
import Aggregate
import Foundation
import Classify
import Ingest
import Reports

/// Reads, de-duplicates, classifies and counts one input file.
struct FileProcessor {
    let definition: PipelineDefinition
    let references: ReferenceTables
    let reports: [ReportSpec]
    /// How many threads parse one file (nil: one).
    var parallelism: Parallelism? = FileProcessor.defaultParallelism
    /// Where and in what portions duplicates are found (`SpilledDeduplicator`).
    var spill = SpilledDeduplicator.Settings()

    /// One parsing thread per core (`run --threads` overrides); the calling thread de-duplicates.
    static let defaultParallelism = parallelism(threads: ProcessInfo.processInfo.activeProcessorCount)

    /// `threads` parsing threads; 1 (or less) reads, classifies and counts on the calling thread alone.
    static func parallelism(threads: Int) -> Parallelism? {
        threads <= 1 ? nil : Parallelism(workers: threads)
    }

    /// - Parameter recordIndex: receives one line per counted record when the pipeline declares a
    ///   duplicate key (for the record-level change report); nil skips it.
    func process(path: String, display: String, progress: Progress, recordIndex: LineWriter?) throws -> FileResult {
        let reader = RecordReader(pipeline: definition, parallelism: parallelism)
        // Parsing threads classify each record and count it in their own `CellCounter`; this thread
        // takes the records in file order and hands them to the de-duplicator, which spills them to
        // temporary files and finds the duplicates once the file is read; they are then taken out of
        // the counts again. This thread sees no record's strings, only positions, digests, the key's
        // text and cell numbers — and no table that grows with the input.
        let digest = DigestBox()
        let counters = CounterRegistry()
        let deduplicator = SpilledDeduplicator(spec: definition.duplicates, settings: spill)
        var victimWitnessAvailable = false
        var rejects: [Reject] = []
        // Findings of records not yet known to be distinct, in file order.
        var pendingFindings: [(record: Int, findings: [Finding])] = []
        let keyFields = definition.duplicates.key
        let recordIndex = keyFields.isEmpty ? nil : recordIndex
        recordIndex?.write(Self.recordIndexScheme)
        let result: Result<FileIngestSummary, IngestError>
        do {
            result = .success(try reader.read(
                path: path, displayName: display,
                onRawChunk: { [progress] chunk in
                    digest.digest.update(chunk)
                    progress.advance(chunk.count)
                },
                onHeader: { header in
                    victimWitnessAvailable = Set(definition.columns.keys).subtracting(header.absentFields).contains(.victimWitnessIndicator)
                },
                prepare: { [definition, references, reports, keyFields] header in
                    // Once per parsing thread.
                    let available = Set(definition.columns.keys).subtracting(header.absentFields)
                    let references = references.privateCopy()
                    let keyFields = keyFields.map { $0 }
                    let classifier = Classifier(table: references.offenses, spec: definition.classification, availableFields: available, targets: references.targets)
                    let counter = counters.make(reports: reports)
                    return { record, _ in
                        let classified = classifier.classify(record)
                        return Prepared(
                            counter: counter.id, cell: counter.counts.add(classified), weight: record.weight,
                            key: Deduplicator.key(of: record, fields: keyFields), findings: classified.findings)
                    }
                },
                onRecord: { position, fingerprint, prepared in
                    deduplicator.add(
                        position, fingerprint: fingerprint, key: prepared.key,
                        tag: UInt64(UInt32(prepared.counter)) << 32 | UInt64(UInt32(bitPattern: prepared.cell)), weight: prepared.weight)
                    if !prepared.findings.isEmpty {
                        // Classified before its record number was final.
                        let findings = prepared.findings.map { finding in
                            var finding = finding
                            if finding.lineage != nil { finding.lineage = Lineage(file: display, line: position.line, record: position.record) }
                            return finding
                        }
                        pendingFindings.append((position.record, findings))
                    }
                },
                onReject: { rejects.append($0) }))
        } catch let error as IngestError {
            result = .failure(error)
        } catch {
            result = .failure(.parser(path: display, line: 0, reason: "\(error)"))
        }
        let ending = (result: result, bytes: digest.digest.bytes, sha256: digest.digest.finalize())
        let summary: FileIngestSummary
        switch ending.result {
        case .success(let value): summary = value
        case .failure(let error): throw RunnerError.input(error.description)
        }
        // Every parsing thread has ended: their counts are this thread's now.
        var duplicates: [DuplicateRecord] = []
        var removed: [(counter: Int, cell: Int32, weight: Int)] = []
        do {
            try deduplicator.finish(
                onDuplicate: { found in
                    duplicates.append(DuplicateRecord(
                        lineage: Lineage(file: display, line: found.position.line, record: found.position.record),
                        original: Lineage(file: display, line: found.original.line, record: found.original.record),
                        kind: found.kind, key: found.key))
                    removed.append((Int(found.tag >> 32), Int32(bitPattern: UInt32(truncatingIfNeeded: found.tag)), found.weight))
                },
                onDistinct: { fingerprint, keyText in
                    guard let recordIndex, let keyText else { return }
                    recordIndex.write(String(fingerprint.high, radix: 16) + "-" + String(fingerprint.low, radix: 16) + "\t" + String(decoding: keyText, as: UTF8.self))
                })
        } catch {
            throw RunnerError.input("\(display): error: \(error)")
        }
        // Files are de-duplicated one after another: the listing is in file order.
        duplicates.sort { $0.lineage.record < $1.lineage.record }
        var aggregator = Aggregator(reports: reports)
        counters.finish(removing: removed, into: &aggregator)
        let duplicateRecords = Set(duplicates.map(\.lineage.record))
        let findings = pendingFindings.filter { !duplicateRecords.contains($0.record) }.flatMap(\.findings)
        let counted = deduplicator.count - duplicates.count
        precondition(summary.rowsRead == deduplicator.count + summary.rowsRejected, "every row must be accounted for")
        let input = RunManifest.Input(
            file: RunManifest.HashedFile(path: display, bytes: ending.bytes, sha256: ending.sha256),
            headerLine: summary.headerLine, preambleRows: summary.preambleRows, rowsRead: summary.rowsRead,
            rowsCounted: counted, rowsDuplicate: duplicates.count, rowsRejected: summary.rowsRejected,
            columnsUsed: Dictionary(uniqueKeysWithValues: summary.columnsUsed.map { ($0.key.rawValue, $0.value) }),
            absentFields: summary.absentFields.map(\.rawValue))
        return FileResult(
            input: input, snapshot: aggregator.snapshot(),
            rejects: Self.body(RecordListings.rejects(rejects)),
            duplicates: Self.body(RecordListings.duplicates(duplicates)),
            findings: Self.body(RecordListings.findings(summary.findings.filter { $0.severity != .note } + findings)),
            notes: summary.findings.filter { $0.severity == .note }.map(\.message),
            victimWitnessAvailable: victimWitnessAvailable)
    }

    /// The first line of every record index: fingerprints of another scheme (an older version of the
    /// tool) must not be compared with these, or every record would look revised.
    static let recordIndexScheme = "# detention-audit record index, row fingerprint v2 (8-byte words)"

    /// What a parsing thread hands on for one record.
    private struct Prepared: Sendable {
        var counter: Int
        var cell: Int32
        var weight: Int
        var key: DuplicateKey?
        var findings: [Finding]
    }

    /// One parsing thread's counts.
    private final class Counter: @unchecked Sendable {
        let id: Int
        var counts: CellCounter

        init(id: Int, reports: [ReportSpec]) {
            self.id = id
            counts = CellCounter(reports: reports)
        }
    }

    /// Every parsing thread's counts, to merge once reading is over.
    private final class CounterRegistry: @unchecked Sendable {
        private let lock = NSLock()
        private var counters: [Counter] = []

        func make(reports: [ReportSpec]) -> Counter {
            lock.lock()
            defer { lock.unlock() }
            let counter = Counter(id: counters.count, reports: reports)
            counters.append(counter)
            return counter
        }

        /// Takes the duplicates back out and adds what remains to `aggregator`.
        func finish(removing removed: [(counter: Int, cell: Int32, weight: Int)], into aggregator: inout Aggregator) {
            lock.lock()
            defer { lock.unlock() }
            for entry in removed { counters[entry.counter].counts.remove(cell: entry.cell, weight: entry.weight) }
            for counter in counters { counter.counts.add(to: &aggregator) }
        }
    }

    /// The reading thread's running hash of the input, read once reading is over.
    private final class DigestBox: @unchecked Sendable {
        var digest = StreamingDigest()
    }

    /// A listing's data rows without its header line.
    static func body(_ file: OutputFile) -> String {
        // Decoded once, from after the header's CRLF (no copy of the whole listing in between).
        let bytes = file.bytes
        var index = 0
        while index + 1 < bytes.count, !(bytes[index] == 13 && bytes[index + 1] == 10) { index += 1 }
        guard index + 1 < bytes.count else { return "" }
        return String(decoding: bytes[(index + 2)...], as: UTF8.self)
    }
}
