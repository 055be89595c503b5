/// Recognises FOIA redaction markers as whole cells, in all the spellings real releases use.
///
/// Seen in ICE releases (shared/domain/CODEBOOK.md §9): `(b)(6), (b)(7)(c)`,
/// `(b)(6), (b)(7)(c) (b)(7)(e)`, `(B)(6), (B)(7)(C)`, `(b)(6),(b)(7)c)` and `(b)(7)e)` with unbalanced
/// parentheses, `(b)(6)(b)(7)(c)`, `b(6), b(7)c`, `b(7)(e)`, `b(6), b(7)©`, `(B)(3)`.
///
/// Grammar (case-insensitive, after trimming): one or more exemptions separated by commas,
/// semicolons and/or spaces (or nothing); an exemption is `b` optionally in parentheses, optional
/// spaces, then a digit 1–9 in parentheses, then zero or more sub-paragraph letters a–f, each written
/// `(x)` (spaces before it allowed), `x)` or `x`, with `©` read as `(c)`. A cell must consist of exemptions only, so legal citations such as
/// `101(a)(43)(B)` or `SEC 101(A)(27)(B)-FORMER CITIZEN` never match — unlike the substring regex
/// `\(b\)|b\([0-9]\)` some cleaning scripts use.
enum RedactionMarker {
    /// - Parameter singleByteText: the cell is Windows-1252 or Latin-1, where `©` is the one byte `A9`.
    static func matches<Bytes: RandomAccessCollection>(_ bytes: Bytes, singleByteText: Bool = false) -> Bool
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var index = bytes.startIndex
        let end = bytes.endIndex
        func peek(_ offset: Int = 0) -> UInt8? {
            index + offset < end ? lower(bytes[index + offset]) : nil
        }
        func skipSeparators() {
            while let byte = peek(), byte == 32 || byte == 44 || byte == 9 || byte == 59 { index += 1 }
        }
        /// `(b)(N)` or `b(N)` begins here: the next exemption, not a sub-paragraph `(b)`.
        func startsExemption() -> Bool {
            var offset = peek() == 40 && peek(1) == 98 && peek(2) == 41 ? 3 : (peek() == 98 ? 1 : -1)
            guard offset > 0 else { return false }
            while peek(offset) == 32 { offset += 1 }
            guard peek(offset) == 40, let digit = peek(offset + 1) else { return false }
            return digit >= 49 && digit <= 57
        }
        skipSeparators()
        var exemptions = 0
        while index < end {
            // `b` or `(b)`.
            if peek() == 40, peek(1) == 98, peek(2) == 41 {
                index += 3
            } else if peek() == 98 {
                index += 1
            } else {
                return false
            }
            while peek() == 32 { index += 1 }
            // `(N)`.
            guard peek() == 40, let digit = peek(1), digit >= 49 && digit <= 57, peek(2) == 41 else { return false }
            index += 3
            // Sub-paragraph letters.
            while true {
                if isCopyright(at: index, in: bytes) {
                    index += 2
                    continue
                }
                if singleByteText, index < end, bytes[index] == 0xA9 {
                    index += 1
                    continue
                }
                if startsExemption() { break }
                if peek() == 40, let letter = peek(1), isSubparagraph(letter), peek(2) == 41 {
                    index += 3
                    continue
                }
                // ` (x)`: a spaced sub-paragraph; anything else after spaces is the next exemption or not a marker.
                var ahead = 0
                while peek(ahead) == 32 { ahead += 1 }
                if ahead > 0, peek(ahead) == 40, let letter = peek(ahead + 1), isSubparagraph(letter),
                    peek(ahead + 2) == 41
                {
                    let saved = index
                    index += ahead
                    if startsExemption() {
                        index = saved
                        break
                    }
                    index += 3
                    continue
                }
                if let letter = peek(), isSubparagraph(letter) {
                    index += 1
                    if peek() == 41 { index += 1 }
                    continue
                }
                break
            }
            exemptions += 1
            skipSeparators()
        }
        return exemptions > 0
    }

    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }
    private static func isSubparagraph(_ byte: UInt8) -> Bool { byte >= 97 && byte <= 102 }
    /// `©` is U+00A9, `C2 A9` in UTF-8 (`A9` alone in Windows-1252 and Latin-1: `singleByteText`).
    private static func isCopyright<Bytes: RandomAccessCollection>(at index: Int, in bytes: Bytes) -> Bool
    where Bytes.Element == UInt8, Bytes.Index == Int {
        index + 1 < bytes.endIndex && bytes[index] == 0xC2 && bytes[index + 1] == 0xA9
    }
}
