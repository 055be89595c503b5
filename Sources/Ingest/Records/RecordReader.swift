public import AuditCore

/// Reads one input file into `SourceRecord`s, in constant memory.
///
/// Finds the header among the first rows, maps the pipeline's columns, then for every data row
/// either delivers a record (with its lineage and a fingerprint for duplicate detection) or a
/// `Reject` with a reason. Rows read = records delivered + rejects, always.
public struct RecordReader: Sendable {
    public let pipeline: PipelineDefinition

    public init(pipeline: PipelineDefinition) {
        self.pipeline = pipeline
    }

    /// Streams `path`.
    /// - Parameters:
    ///   - displayName: how lineage, rejects and messages name the file.
    ///   - onRawChunk: sees the bytes as stored (for hashing).
    ///   - onHeader: called once the header is found, before any record (columns used, absent fields).
    ///   - onRecord: one call per accepted data record, in file order.
    ///   - onReject: one call per rejected data row.
    /// - Throws: `IngestError` when the file cannot be read as a whole.
    public func read(
        path: String,
        displayName: String,
        onRawChunk: (UnsafeRawBufferPointer) -> Void = { _ in },
        onHeader: @escaping (FileIngestSummary) -> Void = { _ in },
        onRecord: @escaping (SourceRecord, RowFingerprint) -> Void,
        onReject: @escaping (Reject) -> Void
    ) throws -> FileIngestSummary {
        let source = ByteSource(path: path, displayName: displayName)
        return try parse(displayName: displayName, onHeader: onHeader, onRecord: onRecord, onReject: onReject) { decoded in
            try source.stream(onRawChunk: onRawChunk, sink: decoded)
        }
    }

    /// The one parse loop behind every reader: libcsv over the decoded chunks `stream` delivers
    /// (returning the raw byte count), rows through `ReadState`, errors mapped to `IngestError`.
    func parse(
        displayName: String,
        onHeader: @escaping (FileIngestSummary) -> Void,
        onRecord: @escaping (SourceRecord, RowFingerprint) -> Void,
        onReject: @escaping (Reject) -> Void,
        stream: ((UnsafeRawBufferPointer) throws -> Void) throws -> Int
    ) throws -> FileIngestSummary {
        let state = ReadState(
            pipeline: pipeline, displayName: displayName, onHeader: onHeader, onRecord: onRecord, onReject: onReject)
        let parser: LibCSVParser
        do {
            parser = try LibCSVParser(delimiter: pipeline.source.delimiter.byte) { row in state.accept(row) }
        } catch {
            throw IngestError.parser(path: displayName, line: 1, reason: "the CSV parser could not start (\(error))")
        }
        let bytes = try stream { chunk in
            do { try parser.feed(chunk) } catch {
                // A failure an earlier row of the same chunk set comes first, whatever the chunking.
                if let failure = state.failure { throw failure }
                if (error as? CSVParseError) == .fieldTooLarge || (error as? CSVParseError) == .recordTooLarge {
                    throw IngestError.fieldTooLarge(path: displayName, line: parser.currentLine, limit: maxFieldBytes)
                }
                if (error as? CSVParseError) == .misplacedQuote {
                    throw IngestError.misplacedQuote(path: displayName, line: parser.currentLine)
                }
                throw IngestError.parser(path: displayName, line: parser.currentLine, reason: "CSV parse failed (\(error))")
            }
            if let failure = state.failure { throw failure }
        }
        do { try parser.finish() } catch {
            if error == .unterminatedQuote {
                // Rows still waiting for the header search come before the open record.
                try? state.finishHeaderSearch()
                throw IngestError.unterminatedQuote(path: displayName, line: parser.currentLine, record: state.summary.rowsRead + 1)
            }
            throw IngestError.parser(path: displayName, line: parser.currentLine, reason: "CSV parse failed (\(error))")
        }
        if let failure = state.failure { throw failure }
        try state.finishHeaderSearch()
        if let failure = state.failure { throw failure }
        var summary = state.summary
        summary.bytes = bytes
        return summary
    }
}

/// What reading one file found, for the manifest and the run summary.
public struct FileIngestSummary: Sendable, Equatable {
    public var file: String
    public var bytes = 0
    /// Physical line of the header row.
    public var headerLine = 0
    /// Rows above the header (titles, notes) that are not data.
    public var preambleRows = 0
    /// Data rows after the header.
    public var rowsRead = 0
    public var rowsRejected = 0
    /// Which header spelling each mapped field was read from.
    public var columnsUsed: [Field: String] = [:]
    /// Mapped fields with no column in this file (every record has them missing).
    public var absentFields: [Field] = []
    public var findings: [Finding] = []

    public init(file: String) { self.file = file }
}

/// A 128-bit digest of a data row's field bytes, for exact-duplicate detection in bounded memory.
public struct RowFingerprint: Sendable, Hashable {
    public var high: UInt64
    public var low: UInt64
}
