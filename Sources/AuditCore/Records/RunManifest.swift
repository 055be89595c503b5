/// What one run read, with which rules, and what it wrote: the trace behind every number.
///
/// Written as `manifest.json`. Grain: one per run; `inputs` has one entry per input file.
public struct RunManifest: Sendable, Equatable, Codable {
    public struct Tool: Sendable, Equatable, Codable {
        public var name: String
        public var version: String
        public init(name: String, version: String) {
            self.name = name
            self.version = version
        }
    }

    public struct HashedFile: Sendable, Equatable, Codable {
        public var path: String
        public var bytes: Int
        public var sha256: String
        public init(path: String, bytes: Int, sha256: String) {
            self.path = path
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    public struct PipelineInfo: Sendable, Equatable, Codable {
        public var name: String
        public var file: HashedFile
        public init(name: String, file: HashedFile) {
            self.name = name
            self.file = file
        }
    }

    public struct ReferenceTable: Sendable, Equatable, Codable {
        public var name: String
        public var version: String
        public var rows: Int
        public var files: [HashedFile]
        public init(name: String, version: String, rows: Int, files: [HashedFile]) {
            self.name = name
            self.version = version
            self.rows = rows
            self.files = files
        }
    }

    public struct Input: Sendable, Equatable, Codable {
        public var file: HashedFile
        public var headerLine: Int
        public var preambleRows: Int
        public var rowsRead: Int
        public var rowsCounted: Int
        public var rowsDuplicate: Int
        public var rowsRejected: Int
        /// Records outside the dates the pipeline declares this file authoritative for (`inputs`):
        /// listed, not counted. `rows_read = rows_counted + rows_duplicate + rows_rejected + rows_superseded`.
        public var rowsSuperseded: Int = 0
        /// The declared authoritative range (`YYYY-MM-DD`; nil: unbounded, or no range declared).
        public var authoritativeFrom: String?
        public var authoritativeTo: String?
        /// The earliest and latest date of the records read and not superseded (nil: none dated).
        public var firstDate: String?
        public var lastDate: String?
        /// Canonical field → the column it was read from.
        public var columnsUsed: [String: String]
        public var absentFields: [String]
        /// Canonical field → how many of the file's records (neither rejected nor superseded) carry a
        /// redaction marker in its column; fields without one are left out.
        public var redactedCells: [String: Int] = [:]
        /// Canonical field → the fiscal years the file did not record it (`FY2012–FY2014`; several
        /// periods joined by `, `), found by the run (`coverage.csv` says why).
        public var notRecorded: [String: String] = [:]
        /// Canonical field → a header column spelled like one of ICE's names for it, left unread
        /// because the pipeline maps the field to no column of this file.
        public var unmappedKnownColumns: [String: String] = [:]

        /// Whether the pipeline declared a range for this file.
        public var hasDeclaredRange: Bool { authoritativeFrom != nil || authoritativeTo != nil }

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

        public init(from decoder: any Decoder) throws {
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

        public init(
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

    public struct Totals: Sendable, Equatable, Codable {
        public var rowsRead: Int
        public var rowsCounted: Int
        public var rowsDuplicate: Int
        public var rowsRejected: Int
        public var rowsSuperseded: Int = 0
        /// Sum of the counted rows' weights (equals rows_counted unless the pipeline has a count column).
        public var recordsCounted: Int
        enum CodingKeys: String, CodingKey {
            case rowsRead = "rows_read"
            case rowsCounted = "rows_counted"
            case rowsDuplicate = "rows_duplicate"
            case rowsRejected = "rows_rejected"
            case rowsSuperseded = "rows_superseded"
            case recordsCounted = "records_counted"
        }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            rowsRead = try c.decode(Int.self, forKey: .rowsRead)
            rowsCounted = try c.decode(Int.self, forKey: .rowsCounted)
            rowsDuplicate = try c.decode(Int.self, forKey: .rowsDuplicate)
            rowsRejected = try c.decode(Int.self, forKey: .rowsRejected)
            rowsSuperseded = try c.decodeIfPresent(Int.self, forKey: .rowsSuperseded) ?? 0
            recordsCounted = try c.decode(Int.self, forKey: .recordsCounted)
        }
        public init(
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

    public struct Agreement: Sendable, Equatable, Codable {
        public var agreeing: Int
        public var compared: Int
        public var rate: Double?
        public init(agreeing: Int, compared: Int) {
            self.agreeing = agreeing
            self.compared = compared
            rate = compared > 0 ? Double(agreeing) / Double(compared) : nil
        }
    }

    public var tool: Tool
    public var pipeline: PipelineInfo
    public var referenceTables: [ReferenceTable]
    public var inputs: [Input]
    public var totals: Totals
    public var agreement: Agreement
    public var status: String
    public var startedAt: String
    public var finishedAt: String
    /// Output files with their row counts and hashes (manifest.json itself excluded).
    public var outputs: [HashedFile]
    public var warnings: [String]
    /// What changed since the last successful run into the same output folder (nil: not tracked).
    public var changes: ChangeSummary?

    /// What disclosure control hid and what its linear-programming audit checked (nil: k = 1).
    public var disclosure: Disclosure?

    /// The disclosure audit's record (README "Disclosure control").
    public struct Disclosure: Sendable, Equatable, Codable {
        public var minCount: Int
        /// The solver and its version, e.g. `GLPK 5.0`.
        public var solver: String
        /// The files whose counts are in the model.
        public var audited: [String]
        /// Published files with counts outside the model.
        public var notAudited: [String]
        public var cellsPublished: Int
        public var cellsPrimary: Int
        public var cellsComplementary: Int
        /// Primary cells shown `x` rather than `<k` (their "at least 1" would narrow another cell).
        public var cellsPrimaryShownX: Int = 0
        public var complementsGreedy: Int
        public var complementsRepair: Int
        public var primaryAudited: Int
        /// Bounds checked: a minimum and a maximum per audited primary cell.
        public var intervalsChecked: Int
        public var primaryNarrowed: Int
        public var primaryNotAudited: Int
        public var passes: Int
        public var verdict: String

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

        public init(
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
    public struct ChangeSummary: Sendable, Equatable, Codable {
        public var previousRunID: Int64?
        public var previousStartedAt: String?
        public var filesNew: Int
        public var filesVanished: Int
        public var filesChanged: Int
        public var filesUnchanged: Int
        public var groupValuesChanged: Int
        /// Nil when record-level changes are not available (no duplicate key, or no previous index).
        public var recordsAdded: Int?
        public var recordsRemoved: Int?
        public var recordsRevised: Int?
        public var recordLevelNote: String

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

        public init(
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

    public init(
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
