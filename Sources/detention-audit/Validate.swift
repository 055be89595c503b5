import ArgumentParser
import Runner

extension DetentionAudit {
    /// `detention-audit validate`: checks pipeline definitions and their reference tables, reads no data.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check pipeline definitions (and the rule tables they name) without reading any data.")

        @Argument(help: "Pipeline definitions (YAML).")
        var pipelines: [String]

        func run() throws {
            var failed = false
            for path in pipelines {
                do {
                    let report = try PipelineCheck.check(path: path)
                    print("\(path): ok (\(report))")
                } catch let error as RunnerError {
                    Diagnostics.printError(error.description)
                    failed = true
                }
            }
            if failed { throw ExitCode(2) }
        }
    }
}
