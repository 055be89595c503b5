public import AuditCore
import Foundation
public import Ingest

/// What `detention-audit run` was asked to do.
public struct RunOptions: Sendable {
    public var pipelinePath: String
    /// Input files; empty = the pipeline's `default_inputs`.
    public var inputs: [String]
    public var outputFolder: String
    /// Fixed timestamps for reproducible manifests in tests (nil = the clock).
    public var fixedTime: String?
    /// Also write unsuppressed tables to `internal/` for the analyst who owns the data.
    public var unsuppressed: Bool
    /// Overrides the pipeline's small-cell threshold.
    public var minCount: Int?
    /// Run history database; nil = `<state folder>/history.sqlite`.
    public var historyPath: String?
    /// Folder for the history and the per-file cache; nil = `.detention-audit/` beside the output folder.
    public var stateFolder: String?
    /// Reuse per-file partial results of unchanged inputs.
    public var useCache: Bool = true
    /// No progress indicator.
    public var quiet: Bool = false
    /// Threads that parse and classify one file (nil: one per core; 1: everything on one thread).
    public var threads: Int?
    /// How duplicates are found out of memory (TMPDIR, portions); tests make the portions tiny.
    public var spill = SpilledDeduplicator.Settings()
    /// The cache is pruned to this size after each successful run (nil: never pruned).
    public var cacheLimitBytes: Int? = RunOptions.defaultCacheLimitBytes
    public static let defaultCacheLimitBytes = 2 << 30
    /// How long a history write waits for another connection to let go of the database.
    public var historyBusySeconds: Double = RunHistory.defaultBusySeconds
    /// How record indexes are sorted (run length, fan-in, temporary folder; tests make runs tiny).
    var recordIndexSort = RecordIndexSorter.Settings()

    /// The state folder in effect.
    public var resolvedStateFolder: String {
        stateFolder
            ?? (URL(fileURLWithPath: outputFolder).standardizedFileURL.deletingLastPathComponent().path
                + "/.detention-audit")
    }

    public var resolvedHistoryPath: String { historyPath ?? resolvedStateFolder + "/history.sqlite" }

    public init(
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
public struct RunOutcome: Sendable {
    public var manifest: RunManifest
    /// Human-readable run summary (rows accounted for per file, agreement rate, warnings).
    public var summary: String
    public var outputFolder: String
    /// Inputs whose partial results came from the cache (not parsed again).
    public var cachedInputs: [String] = []
}

/// The tool's name and version, recorded in every manifest.
public enum ToolInfo {
    public static let name = "detention-audit"
    public static let version = "0.1.0"
}
