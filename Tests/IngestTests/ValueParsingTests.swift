import AuditCore
import Testing

@testable import Ingest

@Suite struct ValueParsingTests {
    struct DateCase: Sendable, CustomTestStringConvertible {
        var text: String
        var expected: String?
        var testDescription: String { "'\(text)' → \(expected ?? "nil")" }
    }

    /// Spellings from CODEBOOK §10: DDP `YYYY-MM-DD[ HH:MM:SS]`, I-213 ISO with `T…Z`, PA `… 00:00:00`.
    @Test(arguments: [
        DateCase(text: "2012-03-04", expected: "2012-03-04"),
        DateCase(text: "2007-10-02 00:00:00", expected: "2007-10-02"),
        DateCase(text: "2025-01-31 11:25:00", expected: "2025-01-31"),
        DateCase(text: "2021-12-01T00:00:00Z", expected: "2021-12-01"),
        DateCase(text: "3/4/2012", expected: "2012-03-04"),
        DateCase(text: "03/04/2012 13:00", expected: "2012-03-04"),
        DateCase(text: "2012-02-30", expected: nil),
        DateCase(text: "2017-13-45", expected: nil),
        DateCase(text: "20120304", expected: nil),
        DateCase(text: "2012-03-04x", expected: nil),
        DateCase(text: "1/2/12", expected: nil),
    ])
    func dates(_ testCase: DateCase) {
        #expect(DateParser(formats: [.iso, .us]).parse(testCase.text)?.isoString == testCase.expected)
    }

    @Test func fiscalYearStartsFirstOfOctober() {
        #expect(SimpleDate(year: 2011, month: 9, day: 30)?.fiscalYear == 2011)
        #expect(SimpleDate(year: 2011, month: 10, day: 1)?.fiscalYear == 2012)
        #expect(SimpleDate(year: 2012, month: 2, day: 29)?.fiscalYear == 2012)
    }

    /// Real files lose leading zeros (`301` in the joined WA file) and store codes as doubles.
    @Test(arguments: [
        ("301", "0301"), ("3599.0", "3599"), ("13ab", "13AB"), (" 5404 ", "5404"), ("35AB", "35AB"), ("7", "0007"),
    ])
    func offenseCodes(_ raw: String, _ expected: String) {
        #expect(OffenseCode.normalized(raw) == expected)
    }

    @Test func invalidUTF8IsLocated() {
        let bytes: [UInt8] = Array("DO".utf8) + [0xD1] + Array("A".utf8)
        #expect(TextDecoding.firstInvalidUTF8(bytes[...]) == 2)
        #expect(TextDecoding.firstInvalidUTF8(Array("Doña 漢字".utf8)[...]) == nil)
        #expect(TextDecoding.windows1252([0x93, 0x41, 0x94, 0xD1][...]) == "\u{201C}A\u{201D}Ñ")
    }
}
