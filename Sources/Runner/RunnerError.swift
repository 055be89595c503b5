package import Ingest

#if canImport(Glibc)
    import Glibc
#endif

/// Why a run or a check stopped. Each message says what to fix.
package enum RunnerError: Error, Equatable, CustomStringConvertible {
    case pipelineUnreadable(path: String, reason: String)
    case pipelineInvalid(path: String, problems: [String])
    case referenceOutsidePipeline(path: String, keyPath: String, reference: String)
    case referenceInvalid(path: String, problems: [String])
    case noInputs(pipeline: String)
    /// An input could not be read or parsed: the ingest stage's own error, with file, line and column.
    case ingest(IngestError)
    /// The de-duplicator's temporary files (in `TMPDIR`) failed while `file` was read.
    case spill(file: String, reason: String)
    /// An offense table whose rows do not decode.
    case offenseTable(path: String, reason: String)
    /// A cached or per-thread partial result that does not fit this run's reports.
    case partialResult(file: String, reason: String)
    /// Another run holds the output folder's lock.
    case locked(outputFolder: String, pid: String)
    case history(path: String, reason: String)
    /// A file or folder could not be written: which, doing what, and the system's reason.
    case disk(path: String, action: String, reason: String)
    /// `--out` names something this tool must not replace; nothing was touched.
    case outputRefused(path: String, reason: String)
    /// An input cannot be read as given (not a regular file, or named twice); nothing was touched.
    case inputRefused(path: String, reason: String)
    /// The outputs were published, but the run could not be written to the history.
    case notRecorded(historyPath: String, reason: String, outputFolder: String)
    /// A record index the run keeps for itself is not what it should be (another version's, damaged);
    /// failures to read or write it are `disk`.
    case recordIndex(path: String, problem: String)
    /// More rows were rejected than the pipeline's stop threshold allows.
    case rejectThreshold(details: [String], failedOutputs: String)

    package var description: String {
        switch self {
        case .pipelineUnreadable(let path, let reason):
            return "\(path): error: cannot read the pipeline definition: \(reason)"
        case .pipelineInvalid(let path, let problems):
            return problems.map { "\(path): error: \($0)" }.joined(separator: "\n")
        case .referenceOutsidePipeline(let path, let keyPath, let reference):
            return
                "\(path): error: \(keyPath): '\(reference)' leaves the pipeline's folder; use a path inside it, or an absolute path"
        case .referenceInvalid(let path, let problems):
            return problems.map { "\(path): error: \($0)" }.joined(separator: "\n")
        case .noInputs(let pipeline):
            return
                "\(pipeline): error: no input files: give them on the command line, or list default_inputs in the pipeline"
        case .ingest(let error):
            return error.description
        case .spill(let file, let reason):
            return "\(file): error: \(reason)"
        case .offenseTable(let path, let reason):
            return "\(path): error: \(reason)"
        case .partialResult(let file, let reason):
            return "\(file): error: \(reason)"
        case .locked(let outputFolder, let pid):
            return
                "\(outputFolder): error: another detention-audit run (pid \(pid)) is writing this output folder; this run stopped without touching it"
        case .recordIndex(let path, let problem):
            return "\(path): error: \(problem)"
        case .history(let path, let reason):
            return "\(path): error: cannot use the run history database: \(reason)"
        case .disk(let path, let action, let reason):
            let hint =
                reason == String(cString: strerror(ENOSPC))
                ? "free space on that disk, or choose a folder on another one (--out, --state, --history, TMPDIR)"
                : "check that the folder exists and that this user may write it"
            return "\(path): error: cannot \(action): \(reason)\nhint: \(hint)"
        case .outputRefused(let path, let reason):
            return "\(path): error: refusing to write outputs here: \(reason)\n"
                + "hint: --out must name a new or empty folder, or one that detention-audit wrote before; choose another"
        case .inputRefused(let path, let reason):
            return "\(path): error: \(reason)"
        case .notRecorded(let historyPath, let reason, let outputFolder):
            return
                "\(historyPath): error: the outputs in \(outputFolder) are complete and published, but this run could not be "
                + "recorded in the run history: \(reason)\nhint: tomorrow's change report compares with the last recorded run; "
                + "make the history writable (or stop whatever holds it) and run again"
        case .rejectThreshold(let details, let failedOutputs):
            return details.map { "error: \($0)" }.joined(separator: "\n")
                + "\nnothing was published; the complete outputs of this failed run, rejects.csv included, are in \(failedOutputs)"
        }
    }

    /// The process exit status for this error (documented in the README).
    package var exitCode: Int32 {
        switch self {
        case .rejectThreshold: 3
        case .locked: 4
        case .notRecorded: 5
        default: 2
        }
    }
}
