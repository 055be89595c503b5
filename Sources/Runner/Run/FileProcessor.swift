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

    /// One parsing thread per core (`DETENTION_AUDIT_THREADS` overrides; 1 = read on one thread, as
    /// before parallel reading, for comparison); the calling thread de-duplicates and counts.
    static let defaultParallelism: Parallelism? = {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let threads = ProcessInfo.processInfo.environment["DETENTION_AUDIT_THREADS"].flatMap(Int.init) ?? cores
        return threads <= 1 ? nil : Parallelism(workers: threads)
    }()

    /// - Parameter recordIndex: receives one line per counted record when the pipeline declares a
    ///   duplicate key (for the record-level change report); nil skips it.
    func process(path: String, display: String, progress: Progress, recordIndex: LineWriter?) throws -> FileResult {
        let reader = RecordReader(pipeline: definition, parallelism: parallelism)
        // The reading thread hashes the bytes as stored; this thread de-duplicates, classifies and
        // counts, in file order.
        let digest = DigestBox()
        var aggregator = Aggregator(reports: reports)
        var deduplicator = Deduplicator(spec: definition.duplicates)
        var victimWitnessAvailable = false
        var counted = 0
        var rejects: [Reject] = []
        var duplicates: [DuplicateRecord] = []
        var findings: [Finding] = []
        let keyFields = definition.duplicates.key
        let recordIndex = keyFields.isEmpty ? nil : recordIndex
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
                prepare: { [definition, references, keyFields, indexing = recordIndex != nil] header in
                    // On each parsing thread: classification (and the change index's line) run there, in parallel.
                    let available = Set(definition.columns.keys).subtracting(header.absentFields)
                    let classifier = Classifier(table: references.offenses, spec: definition.classification, availableFields: available, targets: references.targets)
                    return { record, fingerprint in
                        (classifier.classify(record), indexing ? Self.indexLine(record, fingerprint: fingerprint, fields: keyFields) : nil)
                    }
                },
                onRecord: { record, fingerprint, prepared in
                    if let duplicate = deduplicator.check(record, fingerprint: fingerprint) {
                        duplicates.append(duplicate)
                        return
                    }
                    // The record number was made final after classification: lineage from the record.
                    var classified = prepared.0
                    classified.record.lineage = record.lineage
                    counted += 1
                    aggregator.add(classified)
                    for var finding in classified.findings {
                        if finding.lineage != nil { finding.lineage = record.lineage }
                        findings.append(finding)
                    }
                    if let recordIndex, let line = prepared.1 { recordIndex.write(line) }
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
        precondition(summary.rowsRead == counted + duplicates.count + summary.rowsRejected, "every row must be accounted for")
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

    /// The change index's line for a record: fingerprint, tab, key (nil without a complete key).
    static func indexLine(_ record: SourceRecord, fingerprint: RowFingerprint, fields: [Field]) -> String? {
        recordKey(record, fields: fields).map { String(fingerprint.high, radix: 16) + "-" + String(fingerprint.low, radix: 16) + "\t" + $0 }
    }

    /// The record's identity for change tracking: the duplicate key's values (the date as parsed).
    static func recordKey(_ record: SourceRecord, fields: [Field]) -> String? {
        var parts: [String] = []
        for field in fields {
            guard let value = record[field].string else { return nil }
            parts.append("\(field.rawValue)=\(field == .date ? (record.date?.isoString ?? value) : value)")
        }
        return parts.joined(separator: "; ")
    }

    /// The reading thread's running hash of the input, read once reading is over.
    private final class DigestBox: @unchecked Sendable {
        var digest = StreamingDigest()
    }

    /// A listing's data rows without its header line.
    static func body(_ file: OutputFile) -> String {
        let text = String(decoding: file.bytes, as: UTF8.self)
        guard let range = text.range(of: "\r\n") else { return "" }
        return String(text[range.upperBound...])
    }
}
