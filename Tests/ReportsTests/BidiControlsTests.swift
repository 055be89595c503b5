import Foundation
import Testing

@testable import Reports

/// Bidirectional formatting characters are written out as `<U+XXXX>` by every text writer.
@Suite struct BidiControlsTests {
    @Test(arguments: [
        ("\u{202A}", "<U+202A>"), ("\u{202B}", "<U+202B>"), ("\u{202C}", "<U+202C>"), ("\u{202D}", "<U+202D>"),
        ("\u{202E}", "<U+202E>"),
        ("\u{2066}", "<U+2066>"), ("\u{2067}", "<U+2067>"), ("\u{2068}", "<U+2068>"), ("\u{2069}", "<U+2069>"),
        ("\u{200E}", "<U+200E>"), ("\u{200F}", "<U+200F>"), ("\u{061C}", "<U+061C>"),
        ("a\u{202E}cod.exe", "a<U+202E>cod.exe"), ("\u{2029}\u{2070}\u{202F}–é", "\u{2029}\u{2070}\u{202F}–é"),
        ("plain", "plain"),
    ])
    func revealed(_ text: String, _ expected: String) {
        #expect(BidiControls.revealed(text) == expected)
    }

    /// A leading override does not hide a formula either: `<` starts the cell, which is inert.
    @Test func csvWritesThemOut() {
        var document = CSVDocument(header: ["g\u{200F}", "n"])
        document.append([.text("TX\u{202E}txt.exe"), .integer(3)])
        document.append([.text("\u{202E}=1"), .text("a,\u{2066}b\u{2069}")])
        #expect(
            String(decoding: document.data, as: UTF8.self)
                == "g<U+200F>,n\r\nTX<U+202E>txt.exe,3\r\n<U+202E>=1,\"a,<U+2066>b<U+2069>\"\r\n")
    }

    @Test func htmlWritesThemOutEscaped() {
        #expect(HTMLEscaping.escape("TX\u{202E}<b>\u{061C}") == "TX&lt;U+202E&gt;&lt;b&gt;&lt;U+061C&gt;")
    }

    /// JSON is encoded first and revealed after: the replacement needs no JSON escaping.
    @Test func jsonWritesThemOut() throws {
        var bundle = HTMLReportTests.bundle()
        bundle.title = "Title \u{202E}fdp.exe"
        let bytes = try SummaryJSON.encode(bundle)
        #expect(!String(decoding: bytes, as: UTF8.self).unicodeScalars.contains { BidiControls.isControl($0) })
        let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        #expect(object?["title"] as? String == "Title <U+202E>fdp.exe")
    }
}
