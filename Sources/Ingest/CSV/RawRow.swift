/// One CSV record as bytes: every field's bytes back to back, with end offsets.
///
/// Reused from row to row so the hot path does not allocate. `line` is the physical line the record
/// starts on; `record` counts non-blank records from 1 (preamble and header included).
struct RawRow {
    var bytes: [UInt8] = []
    var ends: [Int] = []
    var line = 1
    var record = 0
    /// Line breaks inside quoted fields of this record.
    var embeddedLineBreaks = 0

    init() {
        bytes.reserveCapacity(4096)
        ends.reserveCapacity(128)
    }

    var count: Int { ends.count }

    func range(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }

    /// The field's bytes without surrounding spaces and tabs: for header cells only, since values
    /// are taken as the parser gives them (unquoted ones already trimmed, quoted ones whole).
    func trimmedRange(_ index: Int) -> Range<Int> {
        bytes.withUnsafeBufferPointer { Self.trimmed((index == 0 ? 0 : ends[index - 1])..<ends[index], in: $0) }
    }

    /// `range` of `bytes` without surrounding spaces and tabs (per field, for every field: no
    /// bounds checks beyond the buffer's).
    @inline(__always)
    static func trimmed(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, bytes[lower] == 32 || bytes[lower] == 9 { lower += 1 }
        while lower < upper, bytes[upper - 1] == 32 || bytes[upper - 1] == 9 { upper -= 1 }
        return lower..<upper
    }

    /// The field decoded leniently (invalid UTF-8 replaced), for headers and messages.
    func text(_ index: Int) -> String {
        String(decoding: bytes[range(index)], as: UTF8.self)
    }

    /// The whole row re-joined with commas, cut to `limit` bytes, for reject listings.
    func preview(limit: Int = 300) -> String {
        var out: [UInt8] = []
        for index in 0..<count {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: bytes[range(index)])
            if out.count >= limit { break }
        }
        return String(decoding: out.prefix(limit), as: UTF8.self)
    }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        embeddedLineBreaks = 0
    }
}
