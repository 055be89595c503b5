import Testing

@testable import Reports

@Suite struct CSVDocumentTests {
    @Test func quotesOnlyWhenNeededAndEndsLinesWithCRLF() {
        var document = CSVDocument(header: ["a", "b,c"])
        document.append([.text("plain"), .text("has, comma")])
        document.append([.text("say \"hi\""), .text("two\nlines")])
        document.append([.integer(42), .decimal(0.125)])
        document.append([.empty, .decimal(.nan)])
        #expect(
            String(decoding: document.data, as: UTF8.self)
                == "a,\"b,c\"\r\nplain,\"has, comma\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n42,0.125\r\n,\r\n")
        #expect(document.rowCount == 4)
    }

    /// OWASP CSV injection: cells a spreadsheet would evaluate are made inert.
    @Test(arguments: [
        ("=1+1", "'=1+1"), ("+cmd", "'+cmd"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
        ("\rx", "'\rx"), ("a=b", "a=b"), ("", ""),
    ])
    func formulaInjectionIsNeutralised(_ text: String, _ expected: String) {
        #expect(CSVDocument.neutralized(text) == expected)
    }

    /// Spreadsheets skip leading whitespace before a formula, so the first non-whitespace character
    /// decides; text that merely contains a formula character later is left alone.
    @Test(arguments: [
        ("\n=1", "'\n=1"), (" =1", "' =1"), ("\t=1", "'\t=1"), ("\r\n+1", "'\r\n+1"), ("  -5", "'  -5"),
        ("\n\n@x", "'\n\n@x"),
        ("\u{A0}=1", "'\u{A0}=1"), ("\u{3000}+1", "'\u{3000}+1"), ("\u{2028}@x", "'\u{2028}@x"),
        (" plain", " plain"), ("\nplain", "\nplain"), ("  ", "  "), ("\u{A0}x=1", "\u{A0}x=1"), ("é=1", "é=1"),
        ("1-2", "1-2"),
    ])
    func formulaAfterLeadingWhitespaceIsNeutralised(_ text: String, _ expected: String) {
        #expect(CSVDocument.neutralized(text) == expected)
    }

    /// A negative number is a number cell and stays one; only text that looks like one is prefixed.
    @Test func numberCellsAreNotNeutralised() {
        var document = CSVDocument(header: ["n", "d", "t", "w"])
        document.append([.integer(-5), .decimal(-0.25), .text("-5"), .text("\n=1")])
        #expect(String(decoding: document.data, as: UTF8.self) == "n,d,t,w\r\n-5,-0.25,'-5,\"'\n=1\"\r\n")
    }

    @Test(arguments: [
        (0.5, "0.5"), (1.0 / 3.0, "0.333333"), (0, "0"), (12.0, "12"), (-0.0000001, "0"), (0.1234567, "0.123457"),
    ])
    func decimals(_ value: Double, _ expected: String) {
        #expect(CSVDocument.decimal(value) == expected)
    }
}
