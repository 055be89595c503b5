import AuditCore

/// Turns one field's bytes into a `FieldValue`: missing, redacted, or decoded text.
///
/// Missing markers (blank, `NA`, ...) and extra redaction markers come from the pipeline and match
/// whole cells after trimming; FOIA exemption markers are recognised by `RedactionMarker`.
struct CellReader {
    private let missing: [[UInt8]]
    private let redacted: [[UInt8]]
    private let encoding: TextEncoding

    init(source: SourceSpec) {
        missing = source.missingMarkers.map { Array($0.trimmingSpaces.utf8) }
        redacted = source.redactionMarkers.map { Array($0.trimmingSpaces.utf8) }
        encoding = source.encoding
    }

    enum Outcome {
        case value(FieldValue)
        /// Bytes that are not valid in the declared encoding: offset of the first bad byte.
        case invalidEncoding(byte: UInt8, offset: Int)
        /// A NUL byte, which no text column holds (a corrupt file, or UTF-16 read as bytes).
        case nulByte(offset: Int)
    }

    /// Whole-cell comparison without allocating: markers are few and short.
    private static func isAny(of markers: [[UInt8]], _ bytes: ArraySlice<UInt8>) -> Bool {
        for marker in markers where marker.count == bytes.count && marker.elementsEqual(bytes) { return true }
        return false
    }

    func read(_ bytes: ArraySlice<UInt8>) -> Outcome {
        var none = InternTable(limit: 0)
        return read(bytes, interning: &none)
    }

    /// Reads a cell, reusing the column's earlier string for the same bytes.
    func read(_ bytes: ArraySlice<UInt8>, interning table: inout InternTable) -> Outcome {
        if bytes.isEmpty || Self.isAny(of: missing, bytes) { return .value(.missing) }
        if encoding == .utf8, let known = table.contains(bytes) { return .value(.value(known)) }
        if Self.isAny(of: redacted, bytes) || RedactionMarker.matches(bytes, singleByteText: encoding != .utf8) {
            return .value(.redacted)
        }
        if let nul = bytes.firstIndex(of: 0) { return .nulByte(offset: nul - bytes.startIndex) }
        switch encoding {
        case .utf8:
            if let bad = TextDecoding.firstInvalidUTF8(bytes) {
                return .invalidEncoding(byte: bytes[bad], offset: bad - bytes.startIndex)
            }
            return .value(.value(table.string(for: bytes) { String(decoding: bytes, as: UTF8.self) }))
        case .windows1252:
            return .value(.value(TextDecoding.windows1252(bytes)))
        case .latin1:
            return .value(.value(TextDecoding.latin1(bytes)))
        }
    }
}
