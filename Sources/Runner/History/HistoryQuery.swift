import Foundation

/// What `detention-audit history` lists: the runs of one output folder (from the history beside
/// it), or every run of a state folder or history database.
package struct HistoryQuery: Sendable {
    /// Lists only this folder's runs (canonical path, so every spelling of it matches).
    package var outputFolder: String?
    package var stateFolder: String?
    package var historyPath: String?

    package init(outputFolder: String?, stateFolder: String?, historyPath: String?) {
        self.outputFolder = outputFolder
        self.stateFolder = stateFolder
        self.historyPath = historyPath
    }

    /// The database in effect: `--history`, else `<state>/history.sqlite`, else the default state
    /// folder beside the output folder.
    package var resolvedHistoryPath: String {
        var options = RunOptions(pipelinePath: "", inputs: [], outputFolder: CanonicalPath.of(outputFolder ?? "out"))
        options.stateFolder = stateFolder.map(CanonicalPath.of)
        options.historyPath = historyPath.map(CanonicalPath.of)
        return options.resolvedHistoryPath
    }

    /// Runs, newest first; runs whose process died are shown as interrupted.
    package func runs(limit: Int) throws(RunnerError) -> [RunHistory.Run] {
        let path = resolvedHistoryPath
        guard FileManager.default.fileExists(atPath: path) else {
            throw .history(path: path, reason: "no run history yet (run detention-audit run first, or pass --history)")
        }
        let history = try RunHistory(path: path)
        try history.markInterrupted()
        return try history.runs(limit: limit, outputFolder: outputFolder.map(CanonicalPath.of))
    }
}
