import Testing

@testable import Ingest

/// Whole-cell FOIA redaction markers, from the spellings seen in real releases (CODEBOOK §9).
@Suite struct RedactionMarkerTests {
    /// Each seen in ICE releases: DATA:A1–A5, the DDP profiles, DDP-R `na_if`, UWCHR's map.
    @Test(arguments: [
        "(b)(6), (b)(7)(c)", "(b)(6), (b)(7)(c) (b)(7)(e)", "(b)(3), (b)(6), (b)(7)(c)", "(B)(6), (B)(7)(C)",
        "(b)(6),(b)(7)c)", "(b)(7)e)", "(b)(6)(b)(7)(c)", "(b)(6),(b)(7)(c)", "b(6), b(7)c", "b(6), b(7)C",
        "b(6), b(7)(c)", "b(7)e", "b(7)(e)", "b(6), b(7)©", "(B)(7)(E)", "(B)(3)", "  (b)(6)  ",
        // Issue 13 (ICE arrests and book-ins, I-213 releases): a space inside, semicolons between.
        "(b) (6)", "(b)(6); (b)(7)(C)", "(b) (6), (b) (7) (C)", "(B) (6); (B) (7)(C)", "(b)(6);(b)(7)(c)",
        "(b)(6) (b)(7)(c)", "(b) (6) (b) (7) (c)",
    ])
    func recognisesRealSpellings(_ cell: String) {
        #expect(RedactionMarker.matches(Array(cell.utf8)))
    }

    /// Legal citations and ordinary text that a substring regex like `\(b\)|b\([0-9]\)` would wrongly hit.
    @Test(arguments: [
        "101(a)(43)(B)", "SEC 101(A)(27)(B)-FORMER CITIZEN", "INA 212(a)(6)(A)(i)", "(b)", "b", "b(6) withheld",
        "(b)(0)", "(b)(6)(g)", "", "bob", "8 USC 1326(b)(2)",
        "(b) (6) withheld", "; ;", "(b) ;", "(b)(6) (g)", "(b) (6) c",
    ])
    func leavesOtherTextAlone(_ cell: String) {
        #expect(!RedactionMarker.matches(Array(cell.utf8)))
    }
}
