import ArgumentParser
import Foundation
import Runner

extension DetentionAudit {
    /// `detention-audit history`: the runs recorded in the history database, newest first.
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List recorded runs: when, how long, status, exit code and rows.")

        @Option(
            name: .long,
            help:
                "Output folder: lists only its runs, from the history beside it (default: out, unless --state or --history is given)."
        )
        var out: String?

        @Option(name: .long, help: "State folder (default: .detention-audit/ beside the output folder).")
        var state: String?

        @Option(name: .long, help: "History database (overrides --state).")
        var history: String?

        @Option(name: .long, help: "How many runs to show.")
        var limit = 20

        func run() throws {
            let folder = out ?? ((state == nil && history == nil) ? "out" : nil)
            let runs: [RunHistory.Run]
            do {
                runs = try HistoryQuery(outputFolder: folder, stateFolder: state, historyPath: history).runs(
                    limit: limit)
            } catch {
                Diagnostics.printError(error.description)
                throw ExitCode(error.exitCode)
            }
            print(
                "id  started               seconds  status    exit  inputs  read       counted    duplicate  rejected   superseded pipeline"
            )
            for run in runs { print(line(run)) }
        }

        private func line(_ run: RunHistory.Run) -> String {
            var columns: [String] = [
                pad(String(run.id), 3), pad(run.startedAt, 21), pad(String(format: "%.2f", run.durationSeconds), 8),
                pad(run.status, 9),
                pad(run.exitCode < 0 ? "-" : String(run.exitCode), 5), pad(String(run.inputs), 7),
                pad(run.rowsRead.map(String.init) ?? "-", 10),
                pad(run.rowsCounted.map(String.init) ?? "-", 10), pad(run.rowsDuplicate.map(String.init) ?? "-", 10),
                pad(run.rowsRejected.map(String.init) ?? "-", 10), pad(run.rowsSuperseded.map(String.init) ?? "-", 10),
                run.pipelineName ?? "-",
            ]
            if out == nil && (state != nil || history != nil) { columns.append(run.outputFolder) }
            var text = columns.joined(separator: " ")
            if run.status != "ok", let message = run.message {
                text += "\n    \(message.split(separator: "\n").first ?? "")"
            }
            return text
        }

        private func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
        }
    }
}
