import AuditCore
import Aggregate

/// Everything one input file contributes to a run; cached per file so unchanged files are not read
/// again.
///
/// Grain: one per input file. Duplicates are detected within a file (a release file is the unit ICE
/// publishes), so per-file results merge exactly into the result of a run over all files.
struct FileResult: Codable, Sendable {
    var input: RunManifest.Input
    var snapshot: AggregatorSnapshot
    /// Data rows (no header) of the row-level listings, as CSV text.
    var rejects: String
    var duplicates: String
    var findings: String
    /// Notes to log (absent optional columns).
    var notes: [String]
    var victimWitnessAvailable: Bool
}
