/// The one quote-aware byte scan of CSV text, shared by `BlockSplitter` (which cuts an input into
/// blocks at record boundaries) and `LibCSVParser` (which finds the end of a record it hands to
/// libcsv): both only need to look at quotes, CRs and LFs, and skip everything else eight bytes at a
/// time.
enum QuoteScan {
    /// The first index at or after `index` (and before `count`) that may hold a quote, CR or LF:
    /// whole eight-byte words without one are skipped; the rest is for the caller to read byte by
    /// byte. Returns `count` or less.
    @inline(__always)
    static func skipOrdinary(_ base: UnsafeRawPointer, from index: Int, count: Int) -> Int {
        var index = index
        while index + 8 <= count {
            let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if holds(word, 0x22) || holds(word, 0x0A) || holds(word, 0x0D) { break }
            index += 8
        }
        return index
    }

    /// Whether any byte of `word` equals `byte` (the classic "has zero byte" test on `word ^ pattern`).
    @inline(__always)
    static func holds(_ word: UInt64, _ byte: UInt8) -> Bool {
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }
}
