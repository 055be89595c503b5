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

    public init(pipelinePath: String, inputs: [String], outputFolder: String, fixedTime: String? = nil, unsuppressed: Bool = false, minCount: Int? = nil) {
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
}

public import AuditCore

/// The tool's name and version, recorded in every manifest.
public enum ToolInfo {
    public static let name = "detention-audit"
    public static let version = "0.1.0"
}
