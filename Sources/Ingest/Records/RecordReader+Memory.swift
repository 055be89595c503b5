package import AuditCore

extension RecordReader {
    /// Reads `bytes` as if they were the contents of a file called `displayName`: the same gzip
    /// detection (magic bytes), byte order mark handling, libcsv wrapper and row conversion
    /// (`RowReader`) as `read(path:)`, without touching the file system. For the fuzzer
    /// (`Fuzz/IngestFuzzer`) and for tests that build inputs in memory.
    ///
    /// - Parameter chunkSize: how many raw bytes are handed on at a time (the file reader uses
    ///   1 MiB). Results must not depend on it; the fuzzer checks that by reading the same bytes
    ///   with small, odd chunk sizes, which puts CRLF pairs, quotes and gzip blocks across chunk ends.
    /// - Throws: `IngestError`, exactly as `read(path:)` would for a file holding `bytes`.
    package func read(
        bytes: [UInt8],
        displayName: String,
        chunkSize: Int = 1 << 20,
        onHeader: @escaping (FileIngestSummary) -> Void = { _ in },
        onRecord: @escaping (SourceRecord, RowFingerprint) -> Void,
        onReject: @escaping (Reject) -> Void
    ) throws -> FileIngestSummary {
        let chunkSize = max(1, chunkSize)
        let records = Self.handingOnRecords(onRecord)
        return try parse(
            displayName: displayName, onHeader: onHeader, prepare: records.prepare, onRecord: records.onRecord,
            onReject: onReject
        ) { decoded in
            try ByteSource.decode(displayName: displayName, maxDecompressionRatio: 200, sink: decoded) { raw in
                try bytes.withUnsafeBytes { whole in
                    var offset = 0
                    while offset < whole.count {
                        let end = min(whole.count, offset + chunkSize)
                        try raw(UnsafeRawBufferPointer(rebasing: whole[offset..<end]))
                        offset = end
                    }
                }
            }
            return bytes.count
        }
    }
}

/// The cell-level parsers of the ingest stage, for the fuzzer and property tests that only see
/// the public API. Each forwards to the one implementation `RecordReader` uses; nothing here has
/// behaviour of its own.
package enum IngestProbes {
    /// Whether the whole cell is a FOIA redaction marker (`RedactionMarker`).
    package static func isRedactionMarker(_ bytes: ArraySlice<UInt8>) -> Bool {
        RedactionMarker.matches(bytes)
    }

    /// The date `text` holds in one of `formats` (`DateParser`), or nil.
    package static func parseDate(_ text: String, formats: [DateFormat]) -> SimpleDate? {
        DateParser(formats: formats).parse(text)
    }

    /// The index of the first byte that is not valid UTF-8 (`TextDecoding`), or nil.
    package static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        TextDecoding.firstInvalidUTF8(bytes)
    }
}
