/// Cuts a decoded CSV byte stream into blocks that end at record boundaries, so that independent
/// libcsv parsers can read the blocks on several cores.
///
/// The scan is quote-aware: every `"` flips "inside quotes", and only a line break outside quotes
/// ends a record. That is exact for any input libcsv accepts in strict mode (there a quote is either
/// a field's opening or closing quote or half of a doubled quote inside a quoted field). On input it
/// refuses, the blocks before the first stray quote are still cut correctly and the block holding it
/// starts where the sequential parse would be, so its parser fails at the same place — the first
/// failure in block order is the file's error either way.
///
/// It also counts physical lines the way `LibCSVParser` does (LF, CRLF and a lone CR each end one
/// line, inside quotes or not), so every block knows the line it starts on. A boundary is after an
/// unquoted LF, or after an unquoted CR that is not followed by LF. Bytes between quote and line-break
/// characters are skipped eight at a time.
struct BlockSplitter {
    struct Block {
        var bytes: [UInt8]
        /// Physical line of the block's first byte.
        var startLine: Int
    }

    /// Blocks are cut at the last boundary once this many bytes are buffered.
    let target: Int
    /// No boundary within this many bytes: `overflowed` is set and splitting stops.
    let limit: Int

    private(set) var buffer: [UInt8] = []
    /// Physical line of `buffer[0]`.
    private(set) var startLine = 1
    private(set) var overflowed = false
    private var scanned = 0
    private var inQuote = false
    private var previousCR = false
    private var previousCRQuoted = false
    /// Lines ended in `buffer[0..<scanned]`.
    private var lines = 0
    /// End of the last record boundary found in `buffer` (0: none yet) and the lines before it.
    private var boundary = 0
    private var linesAtBoundary = 0

    init(target: Int, limit: Int) {
        self.target = max(1, target)
        self.limit = max(self.target, limit)
        buffer.reserveCapacity(self.target + (1 << 20))
    }

    /// Adds decoded bytes; returns the blocks completed by them, in order.
    mutating func append(_ chunk: UnsafeRawBufferPointer) -> [Block] {
        precondition(!overflowed, "a splitter that overflowed takes no more input")
        buffer.append(contentsOf: chunk)
        var blocks: [Block] = []
        while scan() { blocks.append(cut()) }
        if boundary == 0, buffer.count >= limit { overflowed = true }
        return blocks
    }

    /// What remains after the last boundary, to be parsed as the final block (possibly empty).
    mutating func takeRest() -> Block {
        let block = Block(bytes: buffer, startLine: startLine)
        buffer = []
        scanned = 0
        boundary = 0
        lines = 0
        linesAtBoundary = 0
        return block
    }

    private mutating func cut() -> Block {
        let block = Block(bytes: Array(buffer[0..<boundary]), startLine: startLine)
        buffer.removeFirst(boundary)
        scanned -= boundary
        startLine += linesAtBoundary
        lines -= linesAtBoundary
        boundary = 0
        linesAtBoundary = 0
        return block
    }

    /// Scans on from `scanned`; true as soon as a boundary at or past `target` is found.
    private mutating func scan() -> Bool {
        let count = buffer.count
        guard scanned < count else { return false }
        let target = self.target
        return buffer.withUnsafeBytes { raw in
            let base = raw.baseAddress!
            var index = scanned
            while index < count {
                // Eight ordinary bytes at a time: none is a quote, CR or LF, and no CR waits for its next byte.
                if !previousCR {
                    index = QuoteScan.skipOrdinary(base, from: index, count: count)
                    if index >= count { break }
                }
                let byte = base.load(fromByteOffset: index, as: UInt8.self)
                if previousCR {
                    previousCR = false
                    if byte != 0x0A {
                        // A lone CR ended a line; outside quotes it also ended a record.
                        lines += 1
                        if !previousCRQuoted {
                            boundary = index
                            linesAtBoundary = lines
                        }
                    }
                }
                switch byte {
                case 0x22:
                    inQuote.toggle()
                case 0x0A:
                    lines += 1
                    if !inQuote {
                        boundary = index + 1
                        linesAtBoundary = lines
                    }
                case 0x0D:
                    previousCR = true
                    previousCRQuoted = inQuote
                default:
                    break
                }
                index += 1
                if boundary >= target {
                    scanned = index
                    return true
                }
            }
            scanned = count
            return false
        }
    }
}
