package import AuditCore

/// Reads one input file into `SourceRecord`s, in constant memory.
///
/// Finds the header among the first rows, maps the pipeline's columns, then for every data row
/// either delivers a record (with its lineage and a fingerprint for duplicate detection) or a
/// `Reject` with a reason. Rows read = records delivered + rejects, always.
package struct RecordReader: Sendable {
    package let pipeline: PipelineDefinition
    /// nil: the calling thread reads, parses and hands on every record itself.
    package var parallelism: Parallelism?
    /// Quote-free lines are split without libcsv (`LibCSVParser.feed`); false sends every byte
    /// through libcsv, for tests and the fuzzer to compare both ways.
    package var fastPath = true

    package init(pipeline: PipelineDefinition, parallelism: Parallelism? = nil) {
        self.pipeline = pipeline
        self.parallelism = parallelism
    }

    /// Streams `path`.
    /// - Parameters:
    ///   - displayName: how lineage, rejects and messages name the file.
    ///   - onRawChunk: sees the bytes as stored (for hashing).
    ///   - onHeader: called once the header is found, before any record (columns used, absent fields).
    ///   - onRecord: one call per accepted data record, in file order.
    ///   - onReject: one call per rejected data row.
    /// - Throws: `IngestError` when the file cannot be read as a whole.
    package func read(
        path: String,
        displayName: String,
        onRawChunk: @escaping (UnsafeRawBufferPointer) -> Void = { _ in },
        onHeader: @escaping (FileIngestSummary) -> Void = { _ in },
        onRecord: @escaping (SourceRecord, RowFingerprint) -> Void,
        onReject: @escaping (Reject) -> Void
    ) throws -> FileIngestSummary {
        let records = Self.handingOnRecords(onRecord)
        return try read(
            path: path, displayName: displayName, onRawChunk: onRawChunk, onHeader: onHeader, prepare: records.prepare,
            onRecord: records.onRecord, onReject: onReject)
    }

    /// `prepare` and `onRecord` for a caller that wants the records themselves: the payload is the
    /// record, given its final record number before it is handed on.
    static func handingOnRecords(_ onRecord: @escaping (SourceRecord, RowFingerprint) -> Void) -> (
        prepare: @Sendable (FileIngestSummary) -> (SourceRecord, RowFingerprint) -> SourceRecord,
        onRecord: (RecordPosition, RowFingerprint, SourceRecord) -> Void
    ) {
        (
            { _ in { record, _ in record } },
            { position, fingerprint, record in
                var record = record
                record.lineage.record = position.record
                onRecord(record, fingerprint)
            }
        )
    }

    /// Streams `path`, with per-record work done on the parsing threads.
    /// - Parameters:
    ///   - prepare: called once per parsing thread when the header is known; the function it returns
    ///     turns each record into a `Payload` on that thread (e.g. classification), so that work runs
    ///     in parallel too. It must depend on nothing but the record.
    ///   - onRecord: each record's position (line, record number), fingerprint and payload, in file
    ///     order, on the calling thread. The payload was made before the record got its final record
    ///     number: lineage inside the payload may need `position.record`.
    package func read<Payload>(
        path: String,
        displayName: String,
        onRawChunk: @escaping (UnsafeRawBufferPointer) -> Void = { _ in },
        onHeader: @escaping (FileIngestSummary) -> Void = { _ in },
        prepare: @escaping @Sendable (FileIngestSummary) -> (SourceRecord, RowFingerprint) -> Payload,
        onRecord: @escaping (RecordPosition, RowFingerprint, Payload) -> Void,
        onReject: @escaping (Reject) -> Void
    ) throws -> FileIngestSummary {
        let source = ByteSource(path: path, displayName: displayName)
        return try parse(
            displayName: displayName, onHeader: onHeader, prepare: prepare, onRecord: onRecord, onReject: onReject
        ) { decoded in
            try source.stream(onRawChunk: onRawChunk, sink: decoded)
        }
    }

    /// The one parse loop behind every reader: libcsv over the decoded chunks `stream` delivers
    /// (returning the raw byte count), rows through `RowReader`, errors mapped to `IngestError`.
    /// With `parallelism`, large inputs are split into blocks parsed on several threads
    /// (`ParallelParse`); the callbacks still run on the calling thread, in file order, with the
    /// same records, rejects, lineage and errors as the sequential parse.
    func parse<Payload>(
        displayName: String,
        onHeader: @escaping (FileIngestSummary) -> Void,
        prepare: @escaping @Sendable (FileIngestSummary) -> (SourceRecord, RowFingerprint) -> Payload,
        onRecord: @escaping (RecordPosition, RowFingerprint, Payload) -> Void,
        onReject: @escaping (Reject) -> Void,
        stream: @escaping ((UnsafeRawBufferPointer) throws -> Void) throws -> Int
    ) throws -> FileIngestSummary {
        if let parallelism {
            return try ParallelParse(
                pipeline: pipeline, displayName: displayName, parallelism: parallelism, fastPath: fastPath,
                prepare: prepare
            )
            .run(onHeader: onHeader, onRecord: onRecord, onReject: onReject, stream: stream)
        }
        var transform: ((SourceRecord, RowFingerprint) -> Payload)?
        var header = FileIngestSummary(file: displayName)
        let state = RowReader(
            pipeline: pipeline, displayName: displayName,
            onHeader: {
                header = $0
                onHeader($0)
            },
            onRecord: { record, fingerprint in
                if transform == nil { transform = prepare(header) }
                onRecord(
                    RecordPosition(line: record.lineage.line, record: record.lineage.record), fingerprint,
                    transform!(record, fingerprint))
            },
            onReject: onReject)
        let parser = try BlockParser(
            state: state, delimiter: pipeline.source.delimiter.byte, displayName: displayName, fastPath: fastPath)
        let bytes = try stream { chunk in try parser.feed(chunk) }
        try parser.finish()
        var summary = state.summary
        summary.bytes = bytes
        return summary
    }
}

/// How `RecordReader` spreads parsing over threads.
package struct Parallelism: Sendable, Equatable {
    /// Threads that parse blocks (the calling thread consumes, one more thread reads and splits).
    package var workers: Int
    /// Bytes per block; blocks end at record boundaries.
    package var blockBytes: Int
    /// No record boundary within this many bytes: the rest of the input is parsed on one thread.
    package var limitBytes: Int

    package init(workers: Int, blockBytes: Int = 1 << 20, limitBytes: Int = 32 << 20) {
        self.workers = max(1, workers)
        self.blockBytes = max(1, blockBytes)
        self.limitBytes = max(self.blockBytes, limitBytes)
    }
}

/// libcsv over one stretch of input, rows into a `RowReader`, every failure as an `IngestError`:
/// the whole file for the sequential parse, one block for a worker of `ParallelParse`.
final class BlockParser {
    let state: RowReader
    private let parser: LibCSVParser
    private let displayName: String

    init(state: RowReader, delimiter: UInt8, displayName: String, fastPath: Bool, startLine: Int = 1)
        throws(IngestError)
    {
        self.state = state
        self.displayName = displayName
        do {
            parser = try LibCSVParser(delimiter: delimiter, startLine: startLine, fastPath: fastPath) { row in
                state.accept(row)
            }
        } catch {
            throw IngestError.parser(path: displayName, line: 1, reason: "the CSV parser could not start (\(error))")
        }
    }

    func feed(_ chunk: UnsafeRawBufferPointer) throws(IngestError) {
        do { try parser.feed(chunk) } catch {
            // A failure an earlier row of the same chunk set comes first, whatever the chunking.
            if let failure = state.failure { throw failure }
            switch error {
            case .fieldTooLarge, .recordTooLarge:
                throw IngestError.fieldTooLarge(path: displayName, line: parser.currentLine, limit: maxFieldBytes)
            case .misplacedQuote:
                throw IngestError.misplacedQuote(path: displayName, line: parser.currentLine)
            default:
                throw IngestError.parser(
                    path: displayName, line: parser.currentLine, reason: "CSV parse failed (\(error))")
            }
        }
        if let failure = state.failure { throw failure }
    }

    /// The end of the input: a last row without a line break, an open quote, a header never found.
    /// An open quote names the record as `state` counts it (relative, for a block).
    func finish() throws(IngestError) {
        do { try parser.finish() } catch {
            if error == .unterminatedQuote {
                // Rows still waiting for the header search come before the open record.
                try? state.finishHeaderSearch()
                throw IngestError.unterminatedQuote(
                    path: displayName, line: parser.currentLine, record: state.summary.rowsRead + 1)
            }
            throw IngestError.parser(path: displayName, line: parser.currentLine, reason: "CSV parse failed (\(error))")
        }
        if let failure = state.failure { throw failure }
        try state.finishHeaderSearch()
        if let failure = state.failure { throw failure }
    }
}

/// What reading one file found, for the manifest and the run summary.
package struct FileIngestSummary: Sendable, Equatable {
    package var file: String
    package var bytes = 0
    /// Physical line of the header row.
    package var headerLine = 0
    /// Rows above the header (titles, notes) that are not data.
    package var preambleRows = 0
    /// Data rows after the header.
    package var rowsRead = 0
    package var rowsRejected = 0
    /// Which header spelling each mapped field was read from.
    package var columnsUsed: [Field: String] = [:]
    /// Mapped fields with no column in this file (every record has them missing).
    package var absentFields: [Field] = []
    /// Fields classification reads that no column gives, while the header has a column spelled
    /// like one of ICE's names for them (`KnownColumnNames`): field → that column.
    package var unmappedKnownColumns: [Field: String] = [:]
    package var findings: [Finding] = []

    package init(file: String) { self.file = file }
}

/// Where a record is in its file: physical line and record number (data rows counted from 1).
package struct RecordPosition: Sendable, Hashable {
    package var line: Int
    package var record: Int

    package init(line: Int, record: Int) {
        self.line = line
        self.record = record
    }
}

/// A 128-bit digest of a data row's field bytes, for exact-duplicate detection in bounded memory.
package struct RowFingerprint: Sendable, Hashable {
    package var high: UInt64
    package var low: UInt64
}
