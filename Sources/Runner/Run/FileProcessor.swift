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
        let read = try FileRead(
            processor: self, display: display, partsFolder: partsFolder,
            recordIndex: definition.duplicates.key.isEmpty ? nil : recordIndex)
        defer { read.abandon() }
        let summary = try read.readRecords(path: path, progress: progress)
        try read.listFileFindings(summary)
        try read.findDuplicates()
        return try read.result(summary)
    }
}
