import AuditCore
import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

/// The run history: one SQLite database (GRDB), migrated forward, never recreated.
///
/// Tables: `run` (one row per run: times, duration, status, exit code, pipeline and tool versions,
/// row counts, output folder, message), `run_input` (one row per input file of a run: path, bytes,
/// SHA-256, cache key, row counts), `run_reference` (rule tables used: name, version, SHA-256) and
/// `run_group` (per successful run, every report group's counts, for tomorrow's change report).
package final class RunHistory {
    private let queue: DatabaseQueue
    package let path: String

    /// How long a write waits for another connection (a run, an analyst's `sqlite3`) to let go.
    package static let defaultBusySeconds: Double = 10

    package init(path: String, busySeconds: Double = RunHistory.defaultBusySeconds) throws(RunnerError) {
        self.path = path
        try DiskFile.makeFolder(
            (path as NSString).deletingLastPathComponent, action: "create the folder of the run history")
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(busySeconds)
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrator.migrate(queue)
        } catch {
            throw RunnerError.history(path: path, reason: Self.reason(error))
        }
    }

    /// SQLite's own words ("database is locked", "database or disk is full").
    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error)" }
        return "\(error)"
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: createVersion1)
        migrator.registerMigration("v2-group-counts") { db in
            try db.create(table: "run_group") { t in
                t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
                t.column("report", .text).notNull()
                t.column("group_key", .text).notNull()
                t.column("counts", .text).notNull()
            }
            try db.create(index: "run_group_by_run", on: "run_group", columns: ["run_id", "report"])
        }
        migrator.registerMigration("v3-run-pid") { db in
            // Rows are written when a run starts; `pid` tells a live run from one that was killed.
            try db.alter(table: "run") { t in t.add(column: "pid", .integer) }
        }
        migrator.registerMigration("v4-rows-superseded") { db in
            // Rows outside their file's declared date range (README "Outputs", accounting); runs
            // recorded before this migration keep NULL: not recorded, never 0.
            try db.alter(table: "run") { t in t.add(column: "rows_superseded", .integer) }
            try db.alter(table: "run_input") { t in t.add(column: "rows_superseded", .integer) }
        }
        return migrator
    }

    /// The first schema: runs, their inputs and their reference tables.
    private static func createVersion1(_ db: Database) throws {
        try db.create(table: "run") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("started_at", .text).notNull()
            t.column("finished_at", .text).notNull()
            t.column("duration_seconds", .double).notNull()
            t.column("status", .text).notNull()
            t.column("exit_code", .integer).notNull()
            t.column("output_folder", .text).notNull()
            t.column("tool_version", .text).notNull()
            t.column("pipeline_name", .text)
            t.column("pipeline_path", .text)
            t.column("pipeline_sha256", .text)
            t.column("rows_read", .integer)
            t.column("rows_counted", .integer)
            t.column("rows_duplicate", .integer)
            t.column("rows_rejected", .integer)
            t.column("message", .text)
        }
        try db.create(table: "run_input") { t in
            t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
            t.column("path", .text).notNull()
            t.column("bytes", .integer).notNull()
            t.column("sha256", .text).notNull()
            t.column("cache_key", .text)
            t.column("from_cache", .boolean).notNull()
            t.column("rows_read", .integer).notNull()
            t.column("rows_counted", .integer).notNull()
            t.column("rows_duplicate", .integer).notNull()
            t.column("rows_rejected", .integer).notNull()
        }
        try db.create(table: "run_reference") { t in
            t.column("run_id", .integer).notNull().references("run", onDelete: .cascade)
            t.column("name", .text).notNull()
            t.column("version", .text).notNull()
            t.column("path", .text).notNull()
            t.column("sha256", .text).notNull()
        }
    }

    /// One finished (or failed) run, as recorded.
    package struct Run: Sendable, Equatable {
        package var id: Int64
        package var startedAt: String
        package var durationSeconds: Double
        package var status: String
        package var exitCode: Int
        package var outputFolder: String
        package var pipelineName: String?
        package var rowsRead: Int?
        package var rowsCounted: Int?
        package var rowsDuplicate: Int?
        package var rowsRejected: Int?
        /// NULL for runs recorded before the history had the column.
        package var rowsSuperseded: Int?
        package var inputs: Int
        package var message: String?

    }

    /// A run's input, with the cache key its partial result is stored under.
    struct Input {
        var path: String
        var sha256: String
        var cacheKey: String?
        var rowsCounted: Int
    }

    struct Recording {
        var manifest: RunManifest?
        var startedAt: String
        var finishedAt: String
        var duration: Double
        var status: String
        var exitCode: Int32
        var outputFolder: String
        var message: String?
        var cacheKeys: [String: String] = [:]
        var fromCache: Set<String> = []
        var groups: [(report: String, key: [String], counts: [Int?])] = []
    }

    /// Statuses a run row goes through: `running` from the start; then `ok`, `failed`, `rejected`,
    /// `refused` (another run held the folder) or, for a run that died, `interrupted`.
    static let running = "running"

    /// Writes the row of a run that is starting, so that a run killed later shows as interrupted.
    func begin(startedAt: String, outputFolder: String) throws(RunnerError) -> Int64 {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO run (started_at, finished_at, duration_seconds, status, exit_code, output_folder, tool_version, pid)
                    VALUES (?, ?, 0, ?, -1, ?, ?, ?)
                    """,
                arguments: [startedAt, startedAt, Self.running, outputFolder, ToolInfo.version, Int(getpid())])
            return db.lastInsertedRowID
        }
    }

    /// Completes the row `begin` wrote, with everything the run produced.
    func finish(_ id: Int64, _ run: Recording) throws(RunnerError) {
        try write { db in
            let manifest = run.manifest
            try db.execute(
                sql: """
                    UPDATE run SET finished_at = ?, duration_seconds = ?, status = ?, exit_code = ?, pipeline_name = ?, pipeline_path = ?,
                      pipeline_sha256 = ?, rows_read = ?, rows_counted = ?, rows_duplicate = ?, rows_rejected = ?, rows_superseded = ?,
                      message = ?
                    WHERE id = ?
                    """,
                arguments: [
                    run.finishedAt, run.duration, run.status, Int(run.exitCode), manifest?.pipeline.name,
                    manifest?.pipeline.file.path,
                    manifest?.pipeline.file.sha256, manifest?.totals.rowsRead, manifest?.totals.rowsCounted,
                    manifest?.totals.rowsDuplicate,
                    manifest?.totals.rowsRejected, manifest?.totals.rowsSuperseded, run.message, id,
                ])
            try Self.insertDetails(db, id: id, run)
        }
    }

    private static func insertDetails(_ db: Database, id: Int64, _ run: Recording) throws {
        for input in run.manifest?.inputs ?? [] {
            try db.execute(
                sql: """
                    INSERT INTO run_input (run_id, path, bytes, sha256, cache_key, from_cache, rows_read, rows_counted,
                      rows_duplicate, rows_rejected, rows_superseded)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, input.file.path, input.file.bytes, input.file.sha256, run.cacheKeys[input.file.path],
                    run.fromCache.contains(input.file.path), input.rowsRead, input.rowsCounted, input.rowsDuplicate,
                    input.rowsRejected, input.rowsSuperseded,
                ])
        }
        for table in run.manifest?.referenceTables ?? [] {
            for file in table.files {
                try db.execute(
                    sql: "INSERT INTO run_reference VALUES (?, ?, ?, ?, ?)",
                    arguments: [id, table.name, table.version, file.path, file.sha256])
            }
        }
        for group in run.groups {
            try db.execute(
                sql: "INSERT INTO run_group VALUES (?, ?, ?, ?)",
                arguments: [id, group.report, json(group.key), json(PublishedCounts(published: group.counts))])
        }
    }

    /// Rows still `running` whose process is gone: the run was killed (or the machine stopped).
    func markInterrupted() throws(RunnerError) {
        try write { db in
            for row in try Row.fetchAll(db, sql: "SELECT id, pid FROM run WHERE status = ?", arguments: [Self.running])
            {
                let pid: Int? = row["pid"]
                guard let pid, pid != Int(getpid()), kill(Int32(pid), 0) != 0, errno == ESRCH else { continue }
                try db.execute(
                    sql: "UPDATE run SET status = 'interrupted', message = ? WHERE id = ?",
                    arguments: [
                        "the run ended before it finished (killed, or the machine stopped); its outputs were not published",
                        row["id"] as Int64,
                    ])
            }
        }
    }

    /// Cache keys of the last successful run into each output folder (kept when the cache is pruned).
    func lastCacheKeys() throws(RunnerError) -> Set<String> {
        try read { db in
            Set(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT cache_key FROM run_input WHERE cache_key IS NOT NULL AND run_id IN
                          (SELECT MAX(id) FROM run WHERE status = 'ok' GROUP BY output_folder)
                        """))
        }
    }

    private func write<T>(_ body: (Database) throws -> T) throws(RunnerError) -> T {
        if WriteFaults.injected() { throw RunnerError.history(path: path, reason: "database or disk is full") }
        do { return try queue.write(body) } catch { throw RunnerError.history(path: path, reason: Self.reason(error)) }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(RunnerError) -> T {
        do { return try queue.read(body) } catch { throw RunnerError.history(path: path, reason: Self.reason(error)) }
    }

    /// Runs, newest first; only those into `outputFolder` (canonical) when it is given.
    package func runs(limit: Int, outputFolder: String? = nil) throws(RunnerError) -> [Run] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT run.*, (SELECT COUNT(*) FROM run_input WHERE run_input.run_id = run.id) AS inputs
                    FROM run WHERE ? IS NULL OR output_folder = ? ORDER BY id DESC LIMIT ?
                    """, arguments: [outputFolder, outputFolder, limit]
            ).map(Run.init(row:))
        }
    }

    /// The last successful run into a folder: its row, its inputs and its published group counts.
    typealias Previous = (run: Run, inputs: [Input], groups: [String: [[String]: [Int?]]])

    /// The last successful run that wrote `outputFolder`, with its inputs and group counts.
    func lastSuccessful(outputFolder: String) throws -> Previous? {
        do {
            return try queue.read { db in
                guard
                    let row = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT run.*, 0 AS inputs FROM run WHERE status = 'ok' AND output_folder = ? ORDER BY id DESC LIMIT 1
                            """, arguments: [outputFolder])
                else { return nil }
                let run = Run(row: row)
                let inputs = try Row.fetchAll(db, sql: "SELECT * FROM run_input WHERE run_id = ?", arguments: [run.id])
                    .map {
                        Input(
                            path: $0["path"], sha256: $0["sha256"], cacheKey: $0["cache_key"],
                            rowsCounted: $0["rows_counted"])
                    }
                var groups: [String: [[String]: [Int?]]] = [:]
                for group in try Row.fetchAll(db, sql: "SELECT * FROM run_group WHERE run_id = ?", arguments: [run.id])
                {
                    let key: [String] = Self.decode(group["group_key"]) ?? []
                    // Rows written before the counts were stored as published say nothing of
                    // what was hidden: every value counts as hidden.
                    let stored: PublishedCounts? = Self.decode(group["counts"])
                    let counts = stored?.published ?? Array(repeating: nil, count: CountColumn.allCases.count)
                    groups[group["report"], default: [:]][key] = counts
                }
                return (run, inputs, groups)
            }
        } catch {
            throw RunnerError.history(path: path, reason: "\(error)")
        }
    }

    /// A group's counts as the run published them (nil = hidden), for the next run's change report.
    struct PublishedCounts: Codable {
        var published: [Int?]
    }

    static func json<T: Encodable>(_ value: T) -> String {
        String(decoding: (try? JSONEncoder().encode(value)) ?? Data(), as: UTF8.self)
    }

    private static func decode<T: Decodable>(_ text: String) -> T? {
        try? JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}

extension RunHistory.Run {
    /// From a `run` row with an `inputs` count column.
    init(row: Row) {
        self.init(
            id: row["id"], startedAt: row["started_at"], durationSeconds: row["duration_seconds"],
            status: row["status"],
            exitCode: row["exit_code"], outputFolder: row["output_folder"], pipelineName: row["pipeline_name"],
            rowsRead: row["rows_read"], rowsCounted: row["rows_counted"], rowsDuplicate: row["rows_duplicate"],
            rowsRejected: row["rows_rejected"], rowsSuperseded: row["rows_superseded"], inputs: row["inputs"],
            message: row["message"])
    }
}
