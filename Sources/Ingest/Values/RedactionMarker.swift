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
        var scanner = Scanner(bytes: bytes, singleByteText: singleByteText, index: bytes.startIndex)
        scanner.skipSeparators()
        var exemptions = 0
        while scanner.index < bytes.endIndex {
            guard scanner.exemptionHead() else { return false }
            scanner.subparagraphs()
            exemptions += 1
            scanner.skipSeparators()
        }
        return exemptions > 0
    }

    /// A position in a cell and the grammar's pieces read from it.
    private struct Scanner<Bytes: RandomAccessCollection> where Bytes.Element == UInt8, Bytes.Index == Int {
        let bytes: Bytes
        let singleByteText: Bool
        var index: Int

        func peek(_ offset: Int = 0) -> UInt8? {
            index + offset < bytes.endIndex ? lower(bytes[index + offset]) : nil
        }

        mutating func skipSeparators() {
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

        /// `b` or `(b)`, optional spaces, then `(N)`; false (position undefined) when not there.
        mutating func exemptionHead() -> Bool {
            if peek() == 40, peek(1) == 98, peek(2) == 41 {
                index += 3
            } else if peek() == 98 {
                index += 1
            } else {
                return false
            }
            while peek() == 32 { index += 1 }
            guard peek() == 40, let digit = peek(1), digit >= 49 && digit <= 57, peek(2) == 41 else { return false }
            index += 3
            return true
        }

        /// The sub-paragraph letters after `(N)`: `(x)`, ` (x)`, `x)`, `x`, `©`.
        mutating func subparagraphs() {
            while true {
                if isCopyright(at: index, in: bytes) {
                    index += 2
                } else if singleByteText, index < bytes.endIndex, bytes[index] == 0xA9 {
                    index += 1
                } else if startsExemption() {
                    return
                } else if peek() == 40, let letter = peek(1), isSubparagraph(letter), peek(2) == 41 {
                    index += 3
                } else if let spaced = spacedSubparagraph() {
                    guard spaced else { return }
                } else if let letter = peek(), isSubparagraph(letter) {
                    index += 1
                    if peek() == 41 { index += 1 }
                } else {
                    return
                }
            }
        }

        /// ` (x)`: a spaced sub-paragraph (true, read), the next exemption after spaces (false, not
        /// read), or neither (nil).
        mutating func spacedSubparagraph() -> Bool? {
            var ahead = 0
            while peek(ahead) == 32 { ahead += 1 }
            guard ahead > 0, peek(ahead) == 40, let letter = peek(ahead + 1), isSubparagraph(letter),
                peek(ahead + 2) == 41
            else { return nil }
            let saved = index
            index += ahead
            if startsExemption() {
                index = saved
                return false
            }
            index += 3
            return true
        }
    }

    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }
    private static func isSubparagraph(_ byte: UInt8) -> Bool { byte >= 97 && byte <= 102 }
    /// `©` is U+00A9, `C2 A9` in UTF-8 (`A9` alone in Windows-1252 and Latin-1: `singleByteText`).
    private static func isCopyright<Bytes: RandomAccessCollection>(at index: Int, in bytes: Bytes) -> Bool
    where Bytes.Element == UInt8, Bytes.Index == Int {
        index + 1 < bytes.endIndex && bytes[index] == 0xC2 && bytes[index + 1] == 0xA9
    }
}
