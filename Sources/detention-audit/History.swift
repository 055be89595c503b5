import ArgumentParser
import Foundation
import Runner

extension DetentionAudit {
    /// `detention-audit history`: the runs recorded in the history database, newest first.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List recorded runs: when, how long, status, exit code and rows.")

        @Option(name: .long, help: "Output folder whose state folder holds the history (default: out).")
        var out = "out"

        @Option(name: .long, help: "State folder (default: .detention-audit/ beside the output folder).")
        var state: String?

        @Option(name: .long, help: "History database (overrides --out and --state).")
        var history: String?

        @Option(name: .long, help: "How many runs to show.")
        var limit = 20

        func run() throws {
            var options = RunOptions(pipelinePath: "", inputs: [], outputFolder: out)
            options.stateFolder = state
            options.historyPath = history
            let path = options.resolvedHistoryPath
            guard FileManager.default.fileExists(atPath: path) else {
                Diagnostics.printError("\(path): error: no run history yet (run detention-audit run first, or pass --history)")
                throw ExitCode(2)
            }
            do {
                let runs = try RunHistory(path: path).runs(limit: limit)
                print("id  started               seconds  status    exit  inputs  read       counted    duplicate  rejected   pipeline")
                for run in runs {
                    let columns: [String] = [
                        pad(String(run.id), 3), pad(run.startedAt, 21), pad(String(format: "%.2f", run.durationSeconds), 8), pad(run.status, 9),
                        pad(String(run.exitCode), 5), pad(String(run.inputs), 7), pad(run.rowsRead.map(String.init) ?? "-", 10),
                        pad(run.rowsCounted.map(String.init) ?? "-", 10), pad(run.rowsDuplicate.map(String.init) ?? "-", 10),
                        pad(run.rowsRejected.map(String.init) ?? "-", 10), run.pipelineName ?? "-",
                    ]
                    print(columns.joined(separator: " "))
                    if run.status != "ok", let message = run.message { print("    \(message.split(separator: "\n").first ?? "")") }
                }
            } catch let error as RunnerError {
                Diagnostics.printError(error.description)
                throw ExitCode(error.exitCode)
            }
        }

        private func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
        }
    }
}
