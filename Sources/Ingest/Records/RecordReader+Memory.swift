public import AuditCore

extension RecordReader {
    /// Reads `bytes` as if they were the contents of a file called `displayName`: the same gzip
    /// detection (magic bytes), byte order mark handling, libcsv wrapper and row conversion
    /// (`ReadState`) as `read(path:)`, without touching the file system. For the fuzzer
    /// (`Fuzz/IngestFuzzer`) and for tests that build inputs in memory.
    ///
    /// - Parameter chunkSize: how many raw bytes are handed on at a time (the file reader uses
    ///   1 MiB). Results must not depend on it; the fuzzer checks that by reading the same bytes
    ///   with small, odd chunk sizes, which puts CRLF pairs, quotes and gzip blocks across chunk ends.
    /// - Throws: `IngestError`, exactly as `read(path:)` would for a file holding `bytes`.
    public func read(
        bytes: [UInt8],
        displayName: String,
        chunkSize: Int = 1 << 20,
        onHeader: @escaping (FileIngestSummary) -> Void = { _ in },
        onRecord: @escaping (SourceRecord, RowFingerprint) -> Void,
        onReject: @escaping (Reject) -> Void
    ) throws -> FileIngestSummary {
        // Mirrors `read(path:)` step for step; only the byte source differs.
        let state = ReadState(
            pipeline: pipeline, displayName: displayName, onHeader: onHeader, onRecord: onRecord, onReject: onReject)
        let parser: LibCSVParser
        do {
            parser = try LibCSVParser(delimiter: pipeline.source.delimiter.byte) { row in state.accept(row) }
        } catch {
            throw IngestError.parser(path: displayName, line: 1, reason: "the CSV parser could not start (\(error))")
        }
        try MemoryByteSource(bytes: bytes, displayName: displayName, chunkSize: max(1, chunkSize)).stream { chunk in
            do { try parser.feed(chunk) } catch {
                if (error as? CSVParseError) == .fieldTooLarge {
                    throw IngestError.fieldTooLarge(path: displayName, line: parser.currentLine, limit: maxFieldBytes)
                }
                throw IngestError.parser(path: displayName, line: parser.currentLine, reason: "CSV parse failed (\(error))")
            }
            if let failure = state.failure { throw failure }
        }
        do { try parser.finish() } catch {
            if error == .unterminatedQuote {
                try? state.finishHeaderSearch()
                throw IngestError.unterminatedQuote(path: displayName, line: parser.currentLine, record: state.summary.rowsRead + 1)
            }
            throw IngestError.parser(path: displayName, line: parser.currentLine, reason: "CSV parse failed (\(error))")
        }
        if let failure = state.failure { throw failure }
        try state.finishHeaderSearch()
        if let failure = state.failure { throw failure }
        var summary = state.summary
        summary.bytes = bytes.count
        return summary
    }
}

/// `ByteSource` over an array: gzip recognised by its magic bytes, decompressed with the same
/// `GzipInflater` and ratio limit; a UTF-8 byte order mark at the very start of the decoded stream
/// is dropped (held back until three decoded bytes are seen, so it is found whatever the chunk size).
private struct MemoryByteSource {
    var bytes: [UInt8]
    var displayName: String
    var chunkSize: Int
    var maxDecompressionRatio = 200

    init(bytes: [UInt8], displayName: String, chunkSize: Int) {
        self.bytes = bytes
        self.displayName = displayName
        self.chunkSize = chunkSize
    }

    func stream(sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        var pending: [UInt8] = []
        var bomChecked = false
        func decoded(_ chunk: UnsafeRawBufferPointer) throws {
            guard chunk.count > 0 else { return }
            if bomChecked {
                try sink(chunk)
                return
            }
            pending.append(contentsOf: chunk)
            guard pending.count >= 3 else { return }
            bomChecked = true
            let start = pending[0] == 0xEF && pending[1] == 0xBB && pending[2] == 0xBF ? 3 : 0
            try pending[start...].withUnsafeBytes { try sink($0) }
            pending = []
        }
        let inflater = bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
            ? try GzipInflater(maxRatio: maxDecompressionRatio) : nil
        try bytes.withUnsafeBytes { whole in
            var offset = 0
            while offset < whole.count {
                let end = min(whole.count, offset + chunkSize)
                let chunk = UnsafeRawBufferPointer(rebasing: whole[offset..<end])
                offset = end
                if let inflater {
                    do { try inflater.inflate(chunk, sink: decoded) } catch let failure as GzipInflater.Failure {
                        throw IngestError(path: displayName, gzip: failure)
                    }
                } else {
                    try decoded(chunk)
                }
            }
        }
        if let inflater {
            do { try inflater.finish() } catch { throw IngestError(path: displayName, gzip: error) }
        }
        // Fewer than three decoded bytes in all: no room for a byte order mark.
        if !bomChecked, !pending.isEmpty { try pending.withUnsafeBytes { try sink($0) } }
    }
}

/// The cell-level parsers of the ingest stage, for the fuzzer and property tests that only see
/// the public API. Each forwards to the one implementation `RecordReader` uses; nothing here has
/// behaviour of its own.
public enum IngestProbes {
    /// Whether the whole cell is a FOIA redaction marker (`RedactionMarker`).
    public static func isRedactionMarker(_ bytes: ArraySlice<UInt8>) -> Bool {
        RedactionMarker.matches(bytes)
    }

    /// The date `text` holds in one of `formats` (`DateParser`), or nil.
    public static func parseDate(_ text: String, formats: [DateFormat]) -> SimpleDate? {
        DateParser(formats: formats).parse(text)
    }

    /// The index of the first byte that is not valid UTF-8 (`TextDecoding`), or nil.
    public static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        TextDecoding.firstInvalidUTF8(bytes)
    }
}
