package import AuditCore
import Foundation
package import Ingest

/// What `detention-audit run` was asked to do.
package struct RunOptions: Sendable {
    package var pipelinePath: String
    /// Input files; empty = the pipeline's `default_inputs`.
    package var inputs: [String]
    package var outputFolder: String
    /// Fixed timestamps for reproducible manifests in tests (nil = the clock).
    package var fixedTime: String?
    /// Also write unsuppressed tables to `internal/` for the analyst who owns the data.
    package var unsuppressed: Bool
    /// Overrides the pipeline's small-cell threshold.
    package var minCount: Int?
    /// Run history database; nil = `<state folder>/history.sqlite`.
    package var historyPath: String?
    /// Folder for the history and the per-file cache; nil = `.detention-audit/` beside the output folder.
    package var stateFolder: String?
    /// Reuse per-file partial results of unchanged inputs.
    package var useCache: Bool = true
    /// No progress indicator.
    package var quiet: Bool = false
    /// Threads that parse and classify one file (nil: one per core; 1: everything on one thread).
    package var threads: Int?
    /// How duplicates are found out of memory (TMPDIR, portions); tests make the portions tiny.
    package var spill = SpilledDeduplicator.Settings()
    /// The cache is pruned to this size after each successful run (nil: never pruned).
    package var cacheLimitBytes: Int? = RunOptions.defaultCacheLimitBytes
    package static let defaultCacheLimitBytes = 2 << 30
    /// How long a history write waits for another connection to let go of the database.
    package var historyBusySeconds: Double = RunHistory.defaultBusySeconds
    /// How record indexes are sorted (run length, fan-in, temporary folder; tests make runs tiny).
    var recordIndexSort = RecordIndexSorter.Settings()

    /// The state folder in effect.
    package var resolvedStateFolder: String {
        stateFolder
            ?? (URL(fileURLWithPath: outputFolder).standardizedFileURL.deletingLastPathComponent().path
                + "/.detention-audit")
    }

    package var resolvedHistoryPath: String { historyPath ?? resolvedStateFolder + "/history.sqlite" }

    package init(
        pipelinePath: String, inputs: [String], outputFolder: String, fixedTime: String? = nil,
        unsuppressed: Bool = false, minCount: Int? = nil
    ) {
        self.pipelinePath = pipelinePath
        self.inputs = inputs
        self.outputFolder = outputFolder
        self.fixedTime = fixedTime
        self.unsuppressed = unsuppressed
        self.minCount = minCount
    }
}

/// How a run ended, for the CLI to print and turn into an exit status.
package struct RunOutcome: Sendable {
    package var manifest: RunManifest
    /// Human-readable run summary (rows accounted for per file, agreement rate, warnings).
    package var summary: String
    package var outputFolder: String
    /// Inputs whose partial results came from the cache (not parsed again).
    package var cachedInputs: [String] = []
}

/// The tool's name and version, recorded in every manifest.
package enum ToolInfo {
    package static let name = "detention-audit"
    package static let version = "0.1.0"
}
