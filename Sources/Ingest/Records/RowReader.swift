import AuditCore

/// The per-file state behind `RecordReader`: header search, then row-by-row conversion.
///
/// A class because libcsv's row callback needs one stable owner to mutate.
final class RowReader {
    private let pipeline: PipelineDefinition
    private let displayName: String
    private let onHeader: (FileIngestSummary) -> Void
    private let onRecord: (SourceRecord, RowFingerprint) -> Void
    private let onReject: (Reject) -> Void
    private let cells: CellReader
    private let dates: DateParser
    private let fieldCount = Field.allCases.count

    private var buffered: [RawRow] = []
    private var headerFound = false
    private var headerCount = 0
    private var headerNames: [String] = []
    /// (field, column index) for every mapped field present in the header.
    private var mapping: [(field: Field, column: Int)] = []
    /// One intern table per mapped column, in `mapping` order.
    private var interns: [InternTable] = []
    private var requiredFields: Set<Field>
    /// The charge list's reader and header column (pipeline `charges:`), when declared and present.
    private let charges: ChargeListReader?
    private var chargeColumn: Int?

    private(set) var summary: FileIngestSummary
    private(set) var failure: IngestError?

    init(
        pipeline: PipelineDefinition, displayName: String, onHeader: @escaping (FileIngestSummary) -> Void,
        onRecord: @escaping (SourceRecord, RowFingerprint) -> Void, onReject: @escaping (Reject) -> Void
    ) {
        self.pipeline = pipeline
        self.displayName = displayName
        self.onHeader = onHeader
        self.onRecord = onRecord
        self.onReject = onReject
        cells = CellReader(source: pipeline.source)
        dates = DateParser(formats: pipeline.source.dateFormats)
        requiredFields = Set(pipeline.requiredFields)
        charges = pipeline.charges.map {
            ChargeListReader(spec: $0, dates: DateParser(formats: pipeline.source.dateFormats))
        }
        summary = FileIngestSummary(file: displayName)
    }

    /// A state for one parsing thread of `ParallelParse`: the header and column mapping of `main`
    /// (which must have found its header), its own intern tables and counts, its own callbacks.
    /// Lineage record numbers count from the start of each block (`beginBlock`).
    init(
        blocksOf main: RowReader, onRecord: @escaping (SourceRecord, RowFingerprint) -> Void,
        onReject: @escaping (Reject) -> Void
    ) {
        precondition(main.headerFound, "blocks are read once the header is known")
        pipeline = main.pipeline
        // A string of this thread's own: every record's lineage holds it, and a string shared with
        // other threads would have its reference count bounced between cores on every record.
        displayName = String(decoding: Array(main.displayName.utf8), as: UTF8.self)
        onHeader = { _ in }
        self.onRecord = onRecord
        self.onReject = onReject
        // Everything read per row is this thread's own storage, built anew rather than shared with
        // `main` (copy-on-write would share it), for the same reason as the name above.
        cells = CellReader(source: main.pipeline.source)
        dates = DateParser(formats: main.pipeline.source.dateFormats.map { $0 })
        headerFound = true
        headerCount = main.headerCount
        headerNames = main.headerNames.map { String(decoding: Array($0.utf8), as: UTF8.self) }
        mapping = main.mapping.map { $0 }
        interns = main.mapping.map { _ in InternTable() }
        requiredFields = Set(main.requiredFields.map { $0 })
        charges = main.pipeline.charges.map {
            ChargeListReader(spec: $0, dates: DateParser(formats: main.pipeline.source.dateFormats.map { $0 }))
        }
        chargeColumn = main.chargeColumn
        summary = FileIngestSummary(file: main.displayName)
    }

    /// Whether data rows are being read (the header is known); nothing waits in the header search.
    var readingData: Bool { headerFound && buffered.isEmpty && failure == nil }

    /// Starts counting rows from zero for the next block.
    func beginBlock() {
        summary.rowsRead = 0
        summary.rowsRejected = 0
    }

    func accept(_ row: RawRow) {
        guard failure == nil else { return }
        if headerFound {
            process(row)
            return
        }
        buffered.append(row)
        if buffered.count >= pipeline.source.headerSearchRows { locateHeader() }
    }

    /// Called at end of input: a file shorter than the search window still needs its header found.
    func finishHeaderSearch() throws(IngestError) {
        guard !headerFound, failure == nil else { return }
        if buffered.isEmpty { throw IngestError.emptyFile(path: displayName) }
        locateHeader()
    }

    private func locateHeader() {
        let fields = pipeline.columns.sorted { $0.key < $1.key }
        let wanted = fields.map { (field: $0.key, names: Set($0.value.names.map(ColumnName.normalized))) }
        var best: (index: Int, score: Int, requiredOK: Bool)?
        var closest: (index: Int, score: Int)?
        for (index, row) in buffered.enumerated() {
            let present = Self.headerCandidates(row)
            var score = 0
            var requiredOK = true
            for (field, names) in wanted {
                if !names.isDisjoint(with: present) {
                    score += 1
                } else if requiredFields.contains(field) {
                    requiredOK = false
                }
            }
            if closest == nil || score > closest!.score { closest = (index, score) }
            if requiredOK, score > 0, best == nil || score > best!.score { best = (index, score, true) }
        }
        guard let best else {
            let row = closest.map { buffered[$0.index] }
            let present = row.map(Self.headerCandidates) ?? []
            let missing = fields.filter { requiredFields.isEmpty || requiredFields.contains($0.key) }
                .filter { Set($0.value.names.map(ColumnName.normalized)).isDisjoint(with: present) }
                .map { "\($0.key.rawValue) (\($0.value.names.map { "'\($0)'" }.joined(separator: " or ")))" }
            failure = .headerNotFound(
                path: displayName, searched: buffered.count, missing: missing,
                bestLine: row?.line, bestRow: row.map { r in (0..<r.count).map { String(r.text($0).prefix(80)) } } ?? []
            )
            return
        }
        adoptHeader(buffered[best.index])
        summary.preambleRows = best.index
        onHeader(summary)
        let rest = buffered[(best.index + 1)...]
        buffered = []
        for row in rest { process(row) }
    }

    /// A row's cells as normalised column names; cells longer than any column name are skipped, so
    /// a huge data field above the header costs nothing.
    private static func headerCandidates(_ row: RawRow) -> Set<String> {
        Set((0..<row.count).filter { row.range($0).count <= 512 }.map { ColumnName.normalized(row.text($0)) })
    }

    private func adoptHeader(_ row: RawRow) {
        headerFound = true
        headerCount = row.count
        headerNames = (0..<row.count).map { row.text($0).trimmingSpaces }
        summary.headerLine = row.line
        var firstIndex: [String: Int] = [:]
        for (index, name) in headerNames.enumerated() {
            let key = ColumnName.normalized(name)
            if let earlier = firstIndex[key] {
                summary.findings.append(
                    Finding(
                        severity: .warning, lineage: Lineage(file: displayName, line: row.line, record: 0),
                        column: name,
                        code: "header.duplicate_name",
                        message:
                            "the header names column '\(name)' twice (columns \(earlier + 1) and \(index + 1)); the first is used"
                    ))
            } else {
                firstIndex[key] = index
            }
        }
        for (field, spec) in pipeline.columns.sorted(by: { $0.key < $1.key }) {
            if let column = spec.names.lazy.compactMap({ firstIndex[ColumnName.normalized($0)] }).first {
                mapping.append((field, column))
                interns.append(InternTable())
                summary.columnsUsed[field] = headerNames[column]
            } else {
                summary.absentFields.append(field)
                summary.findings.append(
                    Finding(
                        severity: .note, lineage: nil, column: nil, code: "header.absent_field",
                        message:
                            "\(displayName): no column for '\(field.rawValue)' (looked for \(spec.names.map { "'\($0)'" }.joined(separator: ", "))); every record has it missing"
                    ))
            }
        }
        noteUnmappedKnownColumns()
        if let spec = pipeline.charges { adoptChargeColumn(spec, firstIndex: firstIndex) }
    }

    /// The charge list's column: its name is published as the source of `charge_count`; without
    /// one, every record's list is missing (criminality unknown), noted like an absent field.
    private func adoptChargeColumn(_ spec: ChargeListSpec, firstIndex: [String: Int]) {
        if let column = spec.names.lazy.compactMap({ firstIndex[ColumnName.normalized($0)] }).first {
            chargeColumn = column
            summary.columnsUsed[.chargeCount] = headerNames[column]
            return
        }
        summary.absentFields.append(.chargeCount)
        summary.findings.append(
            Finding(
                severity: .note, lineage: nil, column: nil, code: "header.absent_field",
                message:
                    "\(displayName): no column for the charge list (looked for \(spec.names.map { "'\($0)'" }.joined(separator: ", "))); every record has it missing"
            ))
    }

    /// Header columns spelled like a field classification reads, while no column gives that field.
    private func noteUnmappedKnownColumns() {
        let used = Set(mapping.map(\.column))
        let read = Set(mapping.map(\.field))
        for (index, name) in headerNames.enumerated() where !used.contains(index) {
            guard let field = KnownColumnNames.field(forColumn: name), !read.contains(field),
                summary.unmappedKnownColumns[field] == nil
            else { continue }
            summary.unmappedKnownColumns[field] = name
        }
    }

    private func process(_ row: RawRow) {
        summary.rowsRead += 1
        let lineage = Lineage(file: displayName, line: row.line, record: summary.rowsRead)
        do throws(RowProblem) {
            if let problem = shapeProblem(row) { throw RowProblem(column: nil, reason: problem) }
            var values = try readCells(row)
            var charges: [Charge]?
            if let chargeColumn {
                switch readCharges(row.bytes[row.range(chargeColumn)], into: &values) {
                case .success(let list): charges = list
                case .failure(let problem): throw RowProblem(column: headerNames[chargeColumn], reason: problem.reason)
                }
            }
            try checkRequired(values)
            let date = try parseDate(values)
            let weight = try parseWeight(values)
            if let code = values[Field.mscCode.index].string {
                values[Field.mscCode.index] = .value(OffenseCode.normalized(code))
            }
            onRecord(
                SourceRecord(lineage: lineage, values: values, weight: weight, date: date, charges: charges),
                fingerprint(row))
        } catch {
            summary.rowsRejected += 1
            onReject(Reject(lineage: lineage, column: error.column, reason: error.reason, raw: row.preview()))
        }
    }

    /// Why a row is rejected, and the column at fault (nil: the row as a whole).
    private struct RowProblem: Error {
        var column: String?
        var reason: String
    }

    /// The mapped cells of a row as values. Fields as the parser gives them: unquoted ones already
    /// trimmed of spaces and tabs, quoted ones whole (RFC 4180: spaces are part of the field), so
    /// `"\t=1"` and `=1` stay apart.
    private func readCells(_ row: RawRow) throws(RowProblem) -> [FieldValue] {
        var values = [FieldValue](repeating: .missing, count: fieldCount)
        // The intern tables as a local for the row: one access to the class's storage, not one
        // (dynamically checked) per cell.
        var interns: [InternTable] = []
        swap(&interns, &self.interns)
        defer { swap(&interns, &self.interns) }
        for (position, (field, column)) in mapping.enumerated() {
            switch cells.read(row.bytes[row.range(column)], interning: &interns[position]) {
            case .value(let value): values[field.index] = value
            case .invalidEncoding(let byte, let offset):
                let hex = String(byte, radix: 16, uppercase: true)
                throw RowProblem(
                    column: headerNames[column],
                    reason:
                        "byte 0x\(hex) at position \(offset + 1) of the value is not valid UTF-8; if the file is Windows-1252 or Latin-1, set source.encoding in the pipeline"
                )
            case .nulByte(let offset):
                throw RowProblem(
                    column: headerNames[column],
                    reason:
                        "the value holds a NUL byte (0x00) at position \(offset + 1); the file may be corrupt, or UTF-16 text"
                )
            }
        }
        return values
    }

    private func checkRequired(_ values: [FieldValue]) throws(RowProblem) {
        for field in requiredFields {
            let value = values[field.index]
            if value.string == nil {
                throw RowProblem(
                    column: columnName(field),
                    reason: "required value '\(field.rawValue)' is \(value == .redacted ? "redacted" : "missing")")
            }
        }
    }

    private func parseDate(_ values: [FieldValue]) throws(RowProblem) -> SimpleDate? {
        guard let text = values[Field.date.index].string else { return nil }
        guard let parsed = dates.parse(text) else {
            throw RowProblem(
                column: columnName(.date),
                reason:
                    "cannot read '\(text)' as a date; expected \(pipeline.source.dateFormats.map(\.example).joined(separator: " or "))"
            )
        }
        return parsed
    }

    /// The `count` column of a pre-aggregated table, else 1.
    private func parseWeight(_ values: [FieldValue]) throws(RowProblem) -> Int {
        guard let text = values[Field.count.index].string else { return 1 }
        guard let count = Int(text.replacingCommas), count >= 0 else {
            throw RowProblem(column: columnName(.count), reason: "cannot read '\(text)' as a non-negative whole count")
        }
        return count
    }

    private struct CellProblem: Error { var reason: String }

    /// The charge list of one row, and its length as `charge_count` (missing or redacted with the
    /// list); only for pipelines that declare `charges:`.
    private func readCharges(_ bytes: ArraySlice<UInt8>, into values: inout [FieldValue]) -> Result<
        [Charge]?, CellProblem
    > {
        guard let charges else { return .success(nil) }
        switch cells.read(bytes) {
        case .value(.value(let text)):
            switch charges.read(text) {
            case .list(let list):
                values[Field.chargeCount.index] = .value(String(list.count))
                return .success(list)
            case .null: return .success(nil)
            case .problem(let reason): return .failure(CellProblem(reason: reason))
            }
        case .value(let none):
            values[Field.chargeCount.index] = none
            return .success(nil)
        case .invalidEncoding(let byte, let offset):
            return .failure(
                CellProblem(
                    reason:
                        "byte 0x\(String(byte, radix: 16, uppercase: true)) at position \(offset + 1) of the value is not valid UTF-8; if the file is Windows-1252 or Latin-1, set source.encoding in the pipeline"
                ))
        case .nulByte(let offset):
            return .failure(CellProblem(reason: "the value holds a NUL byte (0x00) at position \(offset + 1)"))
        }
    }

    /// Why a row is no data row by its shape — the header repeated, too few fields, or extra ones
    /// that are not empty — or nil.
    private func shapeProblem(_ row: RawRow) -> String? {
        if row.count == headerCount, isRepeatedHeader(row) {
            return
                "the header row appears again here (a sheet pasted twice, or files concatenated); the row is not data"
        }
        if row.count < headerCount {
            return "the row has \(row.count) fields; the header has \(headerCount) (a ragged or cut-off row)"
        }
        if row.count > headerCount, !(headerCount..<row.count).allSatisfy({ row.range($0).isEmpty }) {
            return
                "the row has \(row.count) fields; the header has \(headerCount) (an unquoted delimiter inside a value?)"
        }
        return nil
    }

    /// Whether every cell equals the header's: cheap, since the first cell decides almost always.
    private func isRepeatedHeader(_ row: RawRow) -> Bool {
        guard let first = headerNames.first, row.bytes[row.trimmedRange(0)].elementsEqual(first.utf8) else {
            return false
        }
        return (0..<headerCount).allSatisfy { row.text($0).trimmingSpaces == headerNames[$0] }
    }

    private func columnName(_ field: Field) -> String? {
        mapping.first { $0.field == field }.map { headerNames[$0.column] } ?? field.rawValue
    }

    /// The row's fingerprint over the header's fields (extra empty trailing fields do not count).
    private func fingerprint(_ row: RawRow) -> RowFingerprint {
        let fields = min(row.count, headerCount)
        let length = fields == 0 ? 0 : row.ends[fields - 1]
        return row.bytes.withUnsafeBytes { bytes in
            row.ends.withUnsafeBytes { ends in
                RowHash.fingerprint(
                    bytes: UnsafeRawBufferPointer(rebasing: bytes[0..<length]),
                    ends: UnsafeRawBufferPointer(rebasing: ends[0..<(fields * MemoryLayout<Int>.stride)]))
            }
        }
    }
}

extension DateFormat {
    var example: String {
        switch self {
        case .iso: "YYYY-MM-DD"
        case .us: "M/D/YYYY"
        }
    }
}

extension String {
    fileprivate var replacingCommas: String { filter { $0 != "," } }
}
