import AuditCore
import Foundation
import Ingest

extension PipelineRun {
    /// This run with every path canonical (`--out`, `--state`, `--history`; symbolic links followed,
    /// so two spellings of one folder take one lock) and the output folder checked — before anything
    /// is created or changed.
    func checkingPaths(loaded: (LoadedPipeline, ReferenceTables)?) throws(RunnerError) -> PipelineRun {
        var run = self
        let requested = options.outputFolder
        let output = CanonicalPath.of(requested)
        run.options.outputFolder = output
        run.options.stateFolder = CanonicalPath.of(run.options.resolvedStateFolder)
        run.options.historyPath = options.historyPath.map(CanonicalPath.of)
        let protected = run.protectedPaths(loaded: loaded)
        _ = try OutputDestination.check(
            requested, protecting: protected, currentDirectory: FileManager.default.currentDirectoryPath)
        return run
    }

    /// What the output folder must neither be nor contain.
    private func protectedPaths(loaded: (LoadedPipeline, ReferenceTables)?) -> [OutputDestination.Protected] {
        var inputs = options.inputs
        if inputs.isEmpty, let (pipeline, _) = loaded {
            inputs = pipeline.definition.defaultInputs.map(pipeline.resolveInput)
        }
        var protected = inputs.map { OutputDestination.Protected(path: CanonicalPath.of($0), role: "input file") }
        protected.append(.init(path: CanonicalPath.of(options.pipelinePath), role: "pipeline definition"))
        for table in loaded?.1.manifestEntries ?? [] {
            protected += table.files.map { .init(path: CanonicalPath.of($0.path), role: "reference table") }
        }
        protected.append(.init(path: options.resolvedStateFolder, role: "state folder (history and cache)"))
        protected.append(.init(path: options.resolvedHistoryPath, role: "run history database"))
        return protected
    }
}

/// The inputs of one run, checked before any is read: each a regular file, none named twice.
enum InputSet {
    /// - Throws: `RunnerError.inputRefused` for a FIFO, device, socket or folder, or for one file
    ///   given twice (same real path, or a hard link), unless `allowIdentical`.
    static func check(_ inputs: [String], allowIdentical: Bool) throws(RunnerError) {
        var seen: [FileIdentity: String] = [:]
        for input in inputs {
            let display = displayPath(input)
            do { try InputFile.check(path: input, displayName: display) } catch { throw .ingest(error) }
            guard !allowIdentical, let identity = FileIdentity(path: input) else { continue }
            // As given: `s.csv` and `./s.csv` must read as two spellings, not as one name twice.
            if let earlier = seen[identity] {
                throw .inputRefused(
                    path: display,
                    reason: "'\(earlier)' and '\(input)' are the same file, so it would be counted twice; "
                        + "name it once (or set duplicates.allow_identical_inputs: true in the pipeline to count each)")
            }
            seen[identity] = input
        }
    }

    /// Refuses a file whose content (size and SHA-256) equals an earlier input's, unless allowed.
    static func checkContent(_ file: RunManifest.HashedFile, against earlier: [RunManifest.Input], allowIdentical: Bool)
        throws(RunnerError)
    {
        guard !allowIdentical,
            let twin = earlier.first(where: { $0.file.sha256 == file.sha256 && $0.file.bytes == file.bytes })
        else { return }
        throw .inputRefused(
            path: file.path,
            reason:
                "it has the same content as '\(twin.file.path)' (\(file.bytes) bytes, SHA-256 \(file.sha256.prefix(12))…), "
                + "so its records would be counted twice; name one of them (or set duplicates.allow_identical_inputs: true in the pipeline to count each)"
        )
    }
}
