@testable import Reports
import Testing

@Suite struct CSVDocumentTests {
    @Test func quotesOnlyWhenNeededAndEndsLinesWithCRLF() {
        var document = CSVDocument(header: ["a", "b,c"])
        document.append([.text("plain"), .text("has, comma")])
        document.append([.text("say \"hi\""), .text("two\nlines")])
        document.append([.integer(42), .decimal(0.125)])
        document.append([.empty, .decimal(.nan)])
        #expect(String(decoding: document.data, as: UTF8.self) == "a,\"b,c\"\r\nplain,\"has, comma\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n42,0.125\r\n,\r\n")
        #expect(document.rowCount == 4)
    }

    /// OWASP CSV injection: cells a spreadsheet would evaluate are made inert.
    @Test(arguments: [("=1+1", "'=1+1"), ("+cmd", "'+cmd"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("a=b", "a=b"), ("", "")])
    func formulaInjectionIsNeutralised(_ text: String, _ expected: String) {
        #expect(CSVDocument.neutralized(text) == expected)
    }

    @Test(arguments: [(0.5, "0.5"), (1.0 / 3.0, "0.333333"), (0, "0"), (12.0, "12"), (-0.0000001, "0"), (0.1234567, "0.123457")])
    func decimals(_ value: Double, _ expected: String) {
        #expect(CSVDocument.decimal(value) == expected)
    }
}
