import ArgumentParser
import AuditCore
import Runner

extension Delimiter: ExpressibleByArgument {}

extension DetentionAudit {
    /// `detention-audit inspect`: what a new release looks like, before writing a pipeline for it.
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a file's delimiter, header row, record count and per-column fill, redaction and top values."
        )

        @Option(
            help: "Delimiter (\(Delimiter.allCases.map(\.rawValue).joined(separator: ", "))); detected when omitted.")
        var delimiter: Delimiter?

        @Option(help: "How many most frequent values to show per column.")
        var top = 5

        @Argument(help: "Files to inspect (.csv or .csv.gz).")
        var files: [String]

        func run() throws {
            var failed = false
            for (index, file) in files.enumerated() {
                do {
                    if index > 0 { print("") }
                    print(try FileInspection.render(path: file, delimiter: delimiter, top: top))
                } catch let error as RunnerError {
                    Diagnostics.printError(error.description)
                    failed = true
                }
            }
            if failed { throw ExitCode(2) }
        }
    }
}
