import ArgumentParser
import AuditCore
import Foundation
import Logging
import Runner

extension DetentionAudit {
    /// `detention-audit run`: the whole pipeline, writing every output into one folder.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a pipeline on input files and write reports, rejects, duplicates and a manifest.",
            discussion: "With no arguments, runs Pipelines/ice-detainers.yml on its bundled sample data into out/.")

        @Option(name: .long, help: "Pipeline definition (YAML).")
        var pipeline = "Pipelines/ice-detainers.yml"

        @Option(name: .long, help: "Output folder; replaced as a whole only when the run succeeds.")
        var out = "out"

        @Flag(name: .long, help: "Print errors only (for cron).")
        var quiet = false

        @Flag(
            name: .long,
            help:
                "Also write unsuppressed tables to DIR/internal/ (for the analyst who owns the data; never publish them)."
        )
        var unsuppressed = false

        @Option(
            name: .long,
            help:
                "Small-cell threshold k (counts 1…k−1 are shown as <k); overrides the pipeline's publication.min_count."
        )
        var minCount: Int?

        @Option(
            name: .long,
            help:
                "Folder for the run history and the per-file cache (default: .detention-audit/ beside the output folder)."
        )
        var state: String?

        @Option(name: .long, help: "Run history database (default: <state>/history.sqlite).")
        var history: String?

        @Flag(name: .long, help: "Read every input again instead of reusing cached per-file results.")
        var noCache = false

        @Option(
            name: .long,
            help: "Threads that parse and classify a file (default: one per core; 1: everything on one thread).")
        var threads: Int?

        @Option(
            name: .long,
            help:
                "After a successful run, prune the cache to this many MiB, least recently used first; entries the last run into each output folder used are kept (default: 2048)."
        )
        var cacheLimitMb = RunOptions.defaultCacheLimitBytes >> 20

        @Argument(help: "Input CSV files (.csv or .csv.gz). Default: the pipeline's default_inputs.")
        var files: [String] = []

        /// Usage errors (exit 64) before anything is read: k below 1 would publish nothing safely.
        func validate() throws {
            if let minCount, minCount < 1 {
                throw ValidationError("--min-count must be at least 1 (1 publishes every count), got \(minCount)")
            }
        }

        func run() throws {
            var logger = Logger(label: "detention-audit") { StreamLogHandler.standardError(label: $0) }
            logger.logLevel = quiet ? .error : .notice
            var options = RunOptions(
                pipelinePath: pipeline, inputs: files, outputFolder: out, unsuppressed: unsuppressed, minCount: minCount
            )
            options.stateFolder = state
            options.historyPath = history
            options.useCache = !noCache
            options.quiet = quiet
            options.threads = threads
            options.cacheLimitBytes = max(0, cacheLimitMb) << 20
            do {
                let outcome = try PipelineRun(options: options, logger: logger).execute()
                if !quiet {
                    print(outcome.summary)
                    print("outputs: \(outcome.outputFolder)")
                } else {
                    for warning in outcome.manifest.warnings { Diagnostics.printError("warning: \(warning)") }
                }
            } catch let error as RunnerError {
                Diagnostics.printError(error.description)
                throw ExitCode(error.exitCode)
            }
        }
    }
}

/// Writes diagnostics to standard error.
enum Diagnostics {
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
