import Aggregate
import AuditCore

/// Everything one input file contributes to a run; cached per file so unchanged files are not read
/// again.
///
/// Grain: one per input file. Duplicates are detected within a file (a release file is the unit ICE
/// publishes), so per-file results merge exactly into the result of a run over all files.
struct FileResult: Codable, Sendable {
    var input: RunManifest.Input
    var snapshot: AggregatorSnapshot
    /// The row-level listings' data rows (no header), each in a file of the result's part folder
    /// (the cache entry, or a temporary folder when the cache is off).
    var rejects: ListingPart
    var duplicates: ListingPart
    var findings: ListingPart
    /// The file's record index (`records.tsv` beside the cached result), when the pipeline declares
    /// a duplicate key and the cache is on.
    var recordIndex: RecordIndexInfo?
    /// Notes to log (absent optional columns).
    var notes: [String]
    var victimWitnessAvailable: Bool
    /// How the file fills each mapped field per fiscal year (`coverage.csv`).
    var coverage: [FieldCoverage] = []
    /// Fields the file did not record for some fiscal years (`NotRecordedDetector`); records of those
    /// years were classified as if the field were not in the source.
    var notRecorded: [NotRecordedPeriod] = []
}

/// What a cache entry's record index was written with: a rerun checks its size without reading it.
struct RecordIndexInfo: Codable, Sendable, Equatable {
    var records: Int
    var bytes: Int
}
