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

    /// - Parameter recordIndex: receives one line per counted record when the pipeline declares a
    ///   duplicate key (for the record-level change report); nil skips it.
    func process(path: String, display: String, progress: Progress, recordIndex: LineWriter?) throws -> FileResult {
        let reader = RecordReader(pipeline: definition)
        let pipe = RecordPipe()
        // The parsing thread: reads, parses and decodes, handing records over in batches.
        let parsing = Thread { [progress] in
            var digest = StreamingDigest()
            var batch: [(SourceRecord, RowFingerprint)] = []
            batch.reserveCapacity(2048)
            let result: Result<FileIngestSummary, IngestError>
            do {
                let summary = try reader.read(
                    path: path, displayName: display,
                    onRawChunk: { chunk in
                        digest.update(chunk)
                        progress.advance(chunk.count)
                    },
                    onHeader: { pipe.push(.header($0)) },
                    onRecord: { record, fingerprint in
                        batch.append((record, fingerprint))
                        if batch.count == 2048 {
                            pipe.push(.records(batch))
                            batch.removeAll(keepingCapacity: true)
                        }
                    },
                    onReject: { reject in
                        if !batch.isEmpty {
                            pipe.push(.records(batch))
                            batch.removeAll(keepingCapacity: true)
                        }
                        pipe.push(.reject(reject))
                    })
                if !batch.isEmpty { pipe.push(.records(batch)) }
                result = .success(summary)
            } catch let error as IngestError {
                result = .failure(error)
            } catch {
                result = .failure(.parser(path: display, line: 0, reason: "\(error)"))
            }
            pipe.finish(RecordPipe.Ending(result: result, bytes: digest.bytes, sha256: digest.finalize()))
        }
        parsing.stackSize = 8 << 20
        parsing.start()

        // This thread: de-duplicates, classifies and counts, in file order.
        var aggregator = Aggregator(reports: reports)
        var deduplicator = Deduplicator(spec: definition.duplicates)
        var classifier: Classifier?
        var victimWitnessAvailable = false
        var counted = 0
        var rejects: [Reject] = []
        var duplicates: [DuplicateRecord] = []
        var findings: [Finding] = []
        let keyFields = definition.duplicates.key
        let recordIndex = keyFields.isEmpty ? nil : recordIndex
        let ending: RecordPipe.Ending
        consume: while true {
            switch pipe.pop() {
            case .item(.header(let header)):
                let available = Set(definition.columns.keys).subtracting(header.absentFields)
                victimWitnessAvailable = available.contains(.victimWitnessIndicator)
                classifier = Classifier(table: references.offenses, spec: definition.classification, availableFields: available, targets: references.targets)
            case .item(.records(let batch)):
                for (record, fingerprint) in batch {
                    if let duplicate = deduplicator.check(record, fingerprint: fingerprint) {
                        duplicates.append(duplicate)
                        continue
                    }
                    guard let classifier else { continue }
                    let classified = classifier.classify(record)
                    counted += 1
                    aggregator.add(classified)
                    findings.append(contentsOf: classified.findings)
                    if let recordIndex, let key = Self.recordKey(record, fields: keyFields) {
                        recordIndex.write(String(fingerprint.high, radix: 16) + "-" + String(fingerprint.low, radix: 16) + "\t" + key)
                    }
                }
            case .item(.reject(let reject)):
                rejects.append(reject)
            case .end(let end):
                ending = end
                break consume
            }
        }
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

    /// The record's identity for change tracking: the duplicate key's values (the date as parsed).
    static func recordKey(_ record: SourceRecord, fields: [Field]) -> String? {
        var parts: [String] = []
        for field in fields {
            guard let value = record[field].string else { return nil }
            parts.append("\(field.rawValue)=\(field == .date ? (record.date?.isoString ?? value) : value)")
        }
        return parts.joined(separator: "; ")
    }

    /// A listing's data rows without its header line.
    static func body(_ file: OutputFile) -> String {
        let text = String(decoding: file.bytes, as: UTF8.self)
        guard let range = text.range(of: "\r\n") else { return "" }
        return String(text[range.upperBound...])
    }
}
