private import CLibCSV

/// The one owner of a libcsv `csv_parser`: feeds it chunks and hands out complete rows.
///
/// libcsv reports neither line numbers nor byte offsets, so this wrapper counts physical lines
/// itself: with `CSV_REPALL_NL` every unquoted CR and LF is reported as a row end (a CRLF pair as
/// two), and line breaks inside quoted fields are counted in the field bytes. Blank lines produce no
/// row but advance the line count.
///
/// Semantics fixed here and documented in the README: spaces and tabs around *unquoted* fields are
/// trimmed (libcsv's default); everything inside quotes is kept as is; a quote that is still open at
/// the end of input is an error. Strict mode (`CSV_STRICT`): text after a closing quote, or a quote
/// inside an unquoted field, stops the file with an error naming the line — in non-strict mode
/// libcsv would keep the field open and silently merge the following lines into it.
final class LibCSVParser {
    private var parser = csv_parser()
    /// Row-building state behind a pointer: the callbacks run once per field, and accessing it through
    /// the pointer avoids a dynamic exclusivity check on every access to a class property.
    private let state: UnsafeMutablePointer<RowState>
    private let delimiter: UInt8
    /// Quote-free lines are split without libcsv (see `feed`); false: every byte goes through libcsv.
    /// Turned off for good when it does not pay: fewer than half of the first `trialLines` non-empty
    /// lines quote-free (ICE releases quote every redaction marker, so most of their lines hold one).
    private var fastPath: Bool
    private var linesTried = 0
    private var linesSplit = 0
    private static let trialLines = 256
    /// libcsv holds the beginning of a record whose end is in a later chunk.
    private var midRecord = false
    /// Quote parity while looking for the end of a record libcsv reads.
    private var inQuote = false

    /// The callbacks get this pointer as their context (not the parser object, which would be
    /// retained and released on every field).
    fileprivate struct RowState {
        let handler: (RawRow) -> Void
        var row = RawRow()
        var line = 1
        var lastTerminatorWasCR = false
        /// The record under way grew past `maxRecordBytes`; `feed` turns this into an error.
        var overflow = false
    }

    /// - Parameters:
    ///   - startLine: the physical line of the first byte fed (a block of a file split by `BlockSplitter`).
    ///   - handler: called once per non-blank row, in order.
    ///   - fastPath: split quote-free lines without libcsv (the default; false for comparisons).
    init(delimiter: UInt8, startLine: Int = 1, fastPath: Bool = true, handler: @escaping (RawRow) -> Void)
        throws(CSVParseError)
    {
        self.delimiter = delimiter
        self.fastPath = fastPath
        state = .allocate(capacity: 1)
        state.initialize(to: RowState(handler: handler, line: startLine))
        let options = UInt8(CSV_REPALL_NL | CSV_STRICT | CSV_STRICT_FINI)
        guard csv_init(&parser, options) == 0 else { throw .outOfMemory }
        csv_set_delim(&parser, delimiter)
        // libcsv grows its field buffer by this much at a time; small steps make a long field quadratic.
        csv_set_blk_size(&parser, 1 << 20)
        csv_set_realloc_func(&parser, limitedRealloc)
    }

    deinit {
        csv_free(&parser)
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// The physical line the next record starts on (and the record under way, if any, started on).
    var currentLine: Int { state.pointee.line }

    /// Parses one chunk; rows completed inside it are handed to the handler before this returns.
    ///
    /// Fast path: a complete line without any quote character is split at the delimiter here, each
    /// field trimmed of spaces and tabs as libcsv trims unquoted fields — exactly libcsv's fields for
    /// such a line, without its per-character state machine and callbacks. Every line holding a quote
    /// (to the end of its record, found by quote parity), and an incomplete line at the end of a chunk,
    /// goes to libcsv, which stays the arbiter: tests and the fuzzer compare both ways on any input.
    func feed(_ chunk: UnsafeRawBufferPointer) throws(CSVParseError) {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        guard fastPath else { return try parseWithLibCSV(chunk) }
        let count = chunk.count
        var start = 0
        if midRecord {
            // libcsv holds the start of a record: it gets everything up to that record's end.
            guard let end = recordEnd(base, from: 0, count: count) else {
                return try parseWithLibCSV(chunk)
            }
            midRecord = false
            try parseWithLibCSV(UnsafeRawBufferPointer(rebasing: chunk[0...end]))
            start = end + 1
        }
        while start < count {
            if linesTried == Self.trialLines {
                linesTried += 1
                if linesSplit * 2 < Self.trialLines {
                    fastPath = false
                    return try parseWithLibCSV(UnsafeRawBufferPointer(rebasing: chunk[start..<count]))
                }
            }
            var index = start
            var quoted = false
            while index < count {
                let byte = base.load(fromByteOffset: index, as: UInt8.self)
                if byte == 10 || byte == 13 { break }
                if byte == 34 { quoted = true }
                index += 1
            }
            // Empty lines (the LF of a CRLF pair among them) do not count for the trial.
            if linesTried < Self.trialLines, index > start { linesTried += 1 }
            if !quoted && index < count {
                if index > start { linesSplit += 1 }
                try splitLine(
                    base + start, count: index - start, terminator: base.load(fromByteOffset: index, as: UInt8.self))
                start = index + 1
                continue
            }
            // A quote, or no line end in this chunk: libcsv reads to the record's end.
            inQuote = false
            if var end = recordEnd(base, from: start, count: count) {
                // The LF of a CRLF pair goes along (libcsv reports it as an empty row, as it would).
                if end + 1 < count, base.load(fromByteOffset: end, as: UInt8.self) == 13,
                    base.load(fromByteOffset: end + 1, as: UInt8.self) == 10
                {
                    end += 1
                }
                try parseWithLibCSV(UnsafeRawBufferPointer(rebasing: chunk[start...end]))
                start = end + 1
            } else {
                midRecord = true
                return try parseWithLibCSV(UnsafeRawBufferPointer(rebasing: chunk[start..<count]))
            }
        }
    }

    /// The index of the line break ending the record under way (the first CR or LF outside quotes),
    /// quote parity carried in `inQuote` across chunks; nil when the chunk ends first.
    private func recordEnd(_ base: UnsafeRawPointer, from start: Int, count: Int) -> Int? {
        var index = start
        while index < count {
            index = QuoteScan.skipOrdinary(base, from: index, count: count)
            guard index < count else { return nil }
            let byte = base.load(fromByteOffset: index, as: UInt8.self)
            if byte == 34 {
                inQuote.toggle()
            } else if (byte == 10 || byte == 13) && !inQuote {
                return index
            }
            index += 1
        }
        return nil
    }

    /// One complete quote-free line as libcsv would read it: blank (spaces and tabs only) or fields.
    private func splitLine(_ line: UnsafeRawPointer, count: Int, terminator: UInt8) throws(CSVParseError) {
        let delimiter = delimiter
        let trimsSpace = delimiter != 32
        let trimsTab = delimiter != 9
        @inline(__always) func isSpace(_ byte: UInt8) -> Bool { (byte == 32 && trimsSpace) || (byte == 9 && trimsTab) }
        var blank = true
        for offset in 0..<count where !isSpace(line.load(fromByteOffset: offset, as: UInt8.self)) {
            blank = false
            break
        }
        if !blank {
            var fieldStart = 0
            var offset = 0
            while true {
                if offset == count || line.load(fromByteOffset: offset, as: UInt8.self) == delimiter {
                    var low = fieldStart
                    var high = offset
                    while low < high, isSpace(line.load(fromByteOffset: low, as: UInt8.self)) { low += 1 }
                    while high > low, isSpace(line.load(fromByteOffset: high - 1, as: UInt8.self)) { high -= 1 }
                    appendField(line + low, high - low)
                    if offset == count { break }
                    fieldStart = offset + 1
                }
                offset += 1
            }
        }
        endRow(terminator: Int32(terminator))
        if state.pointee.overflow { throw .recordTooLarge }
    }

    private func parseWithLibCSV(_ chunk: UnsafeRawBufferPointer) throws(CSVParseError) {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        let context = UnsafeMutableRawPointer(state)
        let used = csv_parse(&parser, base, chunk.count, fieldCallback, rowCallback, context)
        if state.pointee.overflow { throw .recordTooLarge }
        if used != chunk.count {
            let error = CSVParseError(code: csv_error(&parser))
            throw error == .unterminatedQuote ? .misplacedQuote : error
        }
    }

    /// Ends the input: a last row without a line break is delivered; an open quote is an error.
    ///
    /// With `CSV_STRICT_FINI`, the one parse error `csv_fini` reports is a quoted field still open at
    /// the end (text after a closing quote is reported by `csv_parse` as it is read), so a parse
    /// error here is that — no need to read libcsv's internal state.
    func finish() throws(CSVParseError) {
        let context = UnsafeMutableRawPointer(state)
        if csv_fini(&parser, fieldCallback, rowCallback, context) != 0 {
            let code = csv_error(&parser)
            throw code == CSV_EPARSE ? .unterminatedQuote : CSVParseError(code: code)
        }
    }

    private func appendField(_ data: UnsafeRawPointer?, _ length: Int) { Self.appendField(state, data, length) }

    private func endRow(terminator: Int32) { Self.endRow(state, terminator: terminator) }

    fileprivate static func appendField(
        _ state: UnsafeMutablePointer<RowState>, _ data: UnsafeRawPointer?, _ length: Int
    ) {
        // A record of millions of short fields is refused like one huge field: memory stays bounded.
        // Each field also costs its end offset (8 bytes), so a row of empty fields is bounded too.
        let size = state.pointee.row.bytes.count + 8 * state.pointee.row.ends.count
        if state.pointee.overflow || size + length > maxRecordBytes {
            state.pointee.overflow = true
            return
        }
        Self.append(data, length, to: &state.pointee.row)
    }

    private static func append(_ data: UnsafeRawPointer?, _ length: Int, to row: inout RawRow) {
        if let data, length > 0 {
            let field = UnsafeRawBufferPointer(start: data, count: length)
            row.bytes.append(contentsOf: field)
            // Line breaks can only be inside quotes here: unquoted ones end the row. One cheap pass
            // first (10...13 in one compare), since almost no field holds one.
            if field.contains(where: { $0 &- 10 <= 3 }) && (field.contains(10) || field.contains(13)) {
                var previousCR = false
                for byte in field {
                    if byte == 10 { row.embeddedLineBreaks += 1 } else if previousCR { row.embeddedLineBreaks += 1 }
                    previousCR = byte == 13
                }
                if previousCR { row.embeddedLineBreaks += 1 }
            }
        }
        row.ends.append(row.bytes.count)
    }

    fileprivate static func endRow(_ current: UnsafeMutablePointer<RowState>, terminator: Int32) {
        if current.pointee.overflow { return }
        if current.pointee.row.ends.isEmpty {
            // A blank line, or the LF of a CRLF pair whose CR already ended a row.
            if !(terminator == 10 && current.pointee.lastTerminatorWasCR) && terminator >= 0 {
                current.pointee.line += 1
            }
            current.pointee.lastTerminatorWasCR = terminator == 13
            return
        }
        current.pointee.row.line = current.pointee.line
        current.pointee.row.record += 1
        current.pointee.line += 1 + current.pointee.row.embeddedLineBreaks
        current.pointee.lastTerminatorWasCR = terminator == 13
        current.pointee.handler(current.pointee.row)
        current.pointee.row.reset()
    }
}

/// Errors libcsv reports, in one switch.
enum CSVParseError: Error, Equatable {
    /// A quoted field is still open at the end of the input.
    case unterminatedQuote
    /// Text after a closing quote, or a quote inside an unquoted field (strict mode).
    case misplacedQuote
    /// One record holds more than `maxRecordBytes` of field data.
    case recordTooLarge
    case outOfMemory
    case fieldTooLarge
    case other(Int32)

    init(code: Int32) {
        switch code {
        case CSV_EPARSE: self = .unterminatedQuote
        // The only allocation that fails on purpose is one past `maxFieldBytes` (see `limitedRealloc`).
        case CSV_ENOMEM: self = .fieldTooLarge
        case CSV_ETOOBIG: self = .fieldTooLarge
        default: self = .other(code)
        }
    }
}

/// The largest field libcsv may buffer. A longer one is almost always an unbalanced quote that
/// swallows the rest of the file; refusing it keeps memory bounded instead of growing to the file size.
let maxFieldBytes = 64 << 20

/// The largest record a row may hold — its field bytes plus 8 bytes per field — for the same reason.
let maxRecordBytes = 64 << 20

/// libcsv's buffer allocator, capped at `maxFieldBytes`: past it, allocation fails and libcsv
/// reports CSV_ENOMEM, which this wrapper turns into `fieldTooLarge`.
private func limitedRealloc(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
    size > maxFieldBytes ? nil : realloc(pointer, size)
}

private func fieldCallback(_ data: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    LibCSVParser.appendField(context.assumingMemoryBound(to: LibCSVParser.RowState.self), data, length)
}

private func rowCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    LibCSVParser.endRow(context.assumingMemoryBound(to: LibCSVParser.RowState.self), terminator: terminator)
}
