/// What one run read, with which rules, and what it wrote: the trace behind every number.
///
/// Written as `manifest.json`. Grain: one per run; `inputs` has one entry per input file.
package struct RunManifest: Sendable, Equatable, Codable {
    package struct Tool: Sendable, Equatable, Codable {
        package var name: String
        package var version: String
        package init(name: String, version: String) {
            self.name = name
            self.version = version
        }
    }

    package struct HashedFile: Sendable, Equatable, Codable {
        package var path: String
        package var bytes: Int
        package var sha256: String
        package init(path: String, bytes: Int, sha256: String) {
            self.path = path
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    package struct PipelineInfo: Sendable, Equatable, Codable {
        package var name: String
        package var file: HashedFile
        package init(name: String, file: HashedFile) {
            self.name = name
            self.file = file
        }
    }

    package struct ReferenceTable: Sendable, Equatable, Codable {
        package var name: String
        package var version: String
        package var rows: Int
        package var files: [HashedFile]
        package init(name: String, version: String, rows: Int, files: [HashedFile]) {
            self.name = name
            self.version = version
            self.rows = rows
            self.files = files
        }
    }

    package struct Input: Sendable, Equatable, Codable {
        package var file: HashedFile
        package var headerLine: Int
        package var preambleRows: Int
        package var rowsRead: Int
        package var rowsCounted: Int
        package var rowsDuplicate: Int
        package var rowsRejected: Int
        /// Records outside the dates the pipeline declares this file authoritative for (`inputs`):
        /// listed, not counted. `rows_read = rows_counted + rows_duplicate + rows_rejected + rows_superseded`.
        package var rowsSuperseded: Int = 0
        /// The declared authoritative range (`YYYY-MM-DD`; nil: unbounded, or no range declared).
        package var authoritativeFrom: String?
        package var authoritativeTo: String?
        /// The earliest and latest date of the records read and not superseded (nil: none dated).
        package var firstDate: String?
        package var lastDate: String?
        /// Canonical field → the column it was read from.
        package var columnsUsed: [String: String]
        package var absentFields: [String]
        /// Canonical field → how many of the file's records (neither rejected nor superseded) carry a
        /// redaction marker in its column; fields without one are left out.
        package var redactedCells: [String: Int] = [:]
        /// Canonical field → the fiscal years the file did not record it (`FY2012–FY2014`; several
        /// periods joined by `, `), found by the run (`coverage.csv` says why).
        package var notRecorded: [String: String] = [:]
        /// Canonical field → a header column spelled like one of ICE's names for it, left unread
        /// because the pipeline maps the field to no column of this file.
        package var unmappedKnownColumns: [String: String] = [:]

        /// Whether the pipeline declared a range for this file.
        package var hasDeclaredRange: Bool { authoritativeFrom != nil || authoritativeTo != nil }

        enum CodingKeys: String, CodingKey {
            case file
            case headerLine = "header_line"
            case preambleRows = "preamble_rows"
            case rowsRead = "rows_read"
            case rowsCounted = "rows_counted"
            case rowsDuplicate = "rows_duplicate"
            case rowsRejected = "rows_rejected"
            case rowsSuperseded = "rows_superseded"
            case authoritativeFrom = "authoritative_from"
            case authoritativeTo = "authoritative_to"
            case firstDate = "first_date"
            case lastDate = "last_date"
            case columnsUsed = "columns_used"
            case absentFields = "absent_fields"
            case redactedCells = "redacted_cells"
            case notRecorded = "not_recorded"
            case unmappedKnownColumns = "unmapped_known_columns"
        }

        package init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            file = try c.decode(HashedFile.self, forKey: .file)
            headerLine = try c.decode(Int.self, forKey: .headerLine)
            preambleRows = try c.decode(Int.self, forKey: .preambleRows)
            rowsRead = try c.decode(Int.self, forKey: .rowsRead)
            rowsCounted = try c.decode(Int.self, forKey: .rowsCounted)
            rowsDuplicate = try c.decode(Int.self, forKey: .rowsDuplicate)
            rowsRejected = try c.decode(Int.self, forKey: .rowsRejected)
            // Absent in manifests written before ranges could be declared.
            rowsSuperseded = try c.decodeIfPresent(Int.self, forKey: .rowsSuperseded) ?? 0
            authoritativeFrom = try c.decodeIfPresent(String.self, forKey: .authoritativeFrom)
            authoritativeTo = try c.decodeIfPresent(String.self, forKey: .authoritativeTo)
            firstDate = try c.decodeIfPresent(String.self, forKey: .firstDate)
            lastDate = try c.decodeIfPresent(String.self, forKey: .lastDate)
            columnsUsed = try c.decode([String: String].self, forKey: .columnsUsed)
            absentFields = try c.decode([String].self, forKey: .absentFields)
            // Absent in manifests written before coverage was counted.
            redactedCells = try c.decodeIfPresent([String: Int].self, forKey: .redactedCells) ?? [:]
            notRecorded = try c.decodeIfPresent([String: String].self, forKey: .notRecorded) ?? [:]
            unmappedKnownColumns = try c.decodeIfPresent([String: String].self, forKey: .unmappedKnownColumns) ?? [:]
        }

        package init(
            file: HashedFile, headerLine: Int, preambleRows: Int, rowsRead: Int, rowsCounted: Int, rowsDuplicate: Int,
            rowsRejected: Int, columnsUsed: [String: String], absentFields: [String]
        ) {
            self.file = file
            self.headerLine = headerLine
            self.preambleRows = preambleRows
            self.rowsRead = rowsRead
            self.rowsCounted = rowsCounted
            self.rowsDuplicate = rowsDuplicate
            self.rowsRejected = rowsRejected
            self.columnsUsed = columnsUsed
            self.absentFields = absentFields
        }
    }

    package struct Totals: Sendable, Equatable, Codable {
        package var rowsRead: Int
        package var rowsCounted: Int
        package var rowsDuplicate: Int
        package var rowsRejected: Int
        package var rowsSuperseded: Int = 0
        /// Sum of the counted rows' weights (equals rows_counted unless the pipeline has a count column).
        package var recordsCounted: Int
        enum CodingKeys: String, CodingKey {
            case rowsRead = "rows_read"
            case rowsCounted = "rows_counted"
            case rowsDuplicate = "rows_duplicate"
            case rowsRejected = "rows_rejected"
            case rowsSuperseded = "rows_superseded"
            case recordsCounted = "records_counted"
        }
        package init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            rowsRead = try c.decode(Int.self, forKey: .rowsRead)
            rowsCounted = try c.decode(Int.self, forKey: .rowsCounted)
            rowsDuplicate = try c.decode(Int.self, forKey: .rowsDuplicate)
            rowsRejected = try c.decode(Int.self, forKey: .rowsRejected)
            rowsSuperseded = try c.decodeIfPresent(Int.self, forKey: .rowsSuperseded) ?? 0
            recordsCounted = try c.decode(Int.self, forKey: .recordsCounted)
        }
        package init(
            rowsRead: Int, rowsCounted: Int, rowsDuplicate: Int, rowsRejected: Int, recordsCounted: Int,
            rowsSuperseded: Int = 0
        ) {
            self.rowsRead = rowsRead
            self.rowsCounted = rowsCounted
            self.rowsDuplicate = rowsDuplicate
            self.rowsRejected = rowsRejected
            self.recordsCounted = recordsCounted
            self.rowsSuperseded = rowsSuperseded
        }
    }

    package struct Agreement: Sendable, Equatable, Codable {
        package var agreeing: Int
        package var compared: Int
        package var rate: Double?
        package init(agreeing: Int, compared: Int) {
            self.agreeing = agreeing
            self.compared = compared
            rate = compared > 0 ? Double(agreeing) / Double(compared) : nil
        }
    }

    package var tool: Tool
    package var pipeline: PipelineInfo
    package var referenceTables: [ReferenceTable]
    package var inputs: [Input]
    package var totals: Totals
    package var agreement: Agreement
    package var status: String
    package var startedAt: String
    package var finishedAt: String
    /// Output files with their row counts and hashes (manifest.json itself excluded).
    package var outputs: [HashedFile]
    package var warnings: [String]
    /// What changed since the last successful run into the same output folder (nil: not tracked).
    package var changes: ChangeSummary?

    /// What disclosure control hid and what its linear-programming audit checked (nil: k = 1).
    package var disclosure: Disclosure?

    /// The disclosure audit's record (README "Disclosure control").
    package struct Disclosure: Sendable, Equatable, Codable {
        package var minCount: Int
        /// The solver and its version, e.g. `GLPK 5.0`.
        package var solver: String
        /// The files whose counts are in the model.
        package var audited: [String]
        /// Published files with counts outside the model.
        package var notAudited: [String]
        package var cellsPublished: Int
        package var cellsPrimary: Int
        package var cellsComplementary: Int
        /// Primary cells shown `x` rather than `<k` (their "at least 1" would narrow another cell).
        package var cellsPrimaryShownX: Int = 0
        package var complementsGreedy: Int
        package var complementsRepair: Int
        package var primaryAudited: Int
        /// Bounds checked: a minimum and a maximum per audited primary cell.
        package var intervalsChecked: Int
        package var primaryNarrowed: Int
        package var primaryNotAudited: Int
        package var passes: Int
        package var verdict: String

        enum CodingKeys: String, CodingKey {
            case solver, audited, passes, verdict
            case minCount = "min_count"
            case notAudited = "not_audited"
            case cellsPublished = "cells_published"
            case cellsPrimary = "cells_hidden_primary"
            case cellsComplementary = "cells_hidden_complementary"
            case cellsPrimaryShownX = "cells_primary_shown_x"
            case complementsGreedy = "complementary_by_greedy"
            case complementsRepair = "complementary_by_repair"
            case primaryAudited = "primary_audited"
            case intervalsChecked = "intervals_checked"
            case primaryNarrowed = "primary_narrowed"
            case primaryNotAudited = "primary_not_audited"
        }

        package init(
            minCount: Int, solver: String, audited: [String], notAudited: [String], cellsPublished: Int,
            cellsPrimary: Int, cellsComplementary: Int, complementsGreedy: Int, complementsRepair: Int,
            primaryAudited: Int, intervalsChecked: Int, primaryNarrowed: Int, primaryNotAudited: Int, passes: Int,
            verdict: String
        ) {
            self.minCount = minCount
            self.solver = solver
            self.audited = audited
            self.notAudited = notAudited
            self.cellsPublished = cellsPublished
            self.cellsPrimary = cellsPrimary
            self.cellsComplementary = cellsComplementary
            self.complementsGreedy = complementsGreedy
            self.complementsRepair = complementsRepair
            self.primaryAudited = primaryAudited
            self.intervalsChecked = intervalsChecked
            self.primaryNarrowed = primaryNarrowed
            self.primaryNotAudited = primaryNotAudited
            self.passes = passes
            self.verdict = verdict
        }
    }

    /// Counts behind `changes.csv`, `changes_files.csv` and `internal/changes_records.csv`.
    package struct ChangeSummary: Sendable, Equatable, Codable {
        package var previousRunID: Int64?
        package var previousStartedAt: String?
        package var filesNew: Int
        package var filesVanished: Int
        package var filesChanged: Int
        package var filesUnchanged: Int
        package var groupValuesChanged: Int
        /// Nil when record-level changes are not available (no duplicate key, or no previous index).
        package var recordsAdded: Int?
        package var recordsRemoved: Int?
        package var recordsRevised: Int?
        package var recordLevelNote: String

        enum CodingKeys: String, CodingKey {
            case previousRunID = "previous_run_id"
            case previousStartedAt = "previous_started_at"
            case filesNew = "files_new"
            case filesVanished = "files_vanished"
            case filesChanged = "files_changed"
            case filesUnchanged = "files_unchanged"
            case groupValuesChanged = "group_values_changed"
            case recordsAdded = "records_added"
            case recordsRemoved = "records_removed"
            case recordsRevised = "records_revised"
            case recordLevelNote = "record_level_note"
        }

        package init(
            previousRunID: Int64?, previousStartedAt: String?, filesNew: Int, filesVanished: Int, filesChanged: Int,
            filesUnchanged: Int, groupValuesChanged: Int, recordsAdded: Int?, recordsRemoved: Int?,
            recordsRevised: Int?, recordLevelNote: String
        ) {
            self.previousRunID = previousRunID
            self.previousStartedAt = previousStartedAt
            self.filesNew = filesNew
            self.filesVanished = filesVanished
            self.filesChanged = filesChanged
            self.filesUnchanged = filesUnchanged
            self.groupValuesChanged = groupValuesChanged
            self.recordsAdded = recordsAdded
            self.recordsRemoved = recordsRemoved
            self.recordsRevised = recordsRevised
            self.recordLevelNote = recordLevelNote
        }
    }

    enum CodingKeys: String, CodingKey {
        case tool, pipeline, inputs, totals, agreement, status, outputs, warnings, changes, disclosure
        case referenceTables = "reference_tables"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
    }

    package init(
        tool: Tool, pipeline: PipelineInfo, referenceTables: [ReferenceTable], inputs: [Input], totals: Totals,
        agreement: Agreement, status: String, startedAt: String, finishedAt: String, outputs: [HashedFile],
        warnings: [String]
    ) {
        self.tool = tool
        self.pipeline = pipeline
        self.referenceTables = referenceTables
        self.inputs = inputs
        self.totals = totals
        self.agreement = agreement
        self.status = status
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outputs = outputs
        self.warnings = warnings
    }
}
