import Reports
import Testing

/// How the workbook writer plans its sheets: names Excel accepts (no `[]:*?/\`, at most 31
/// characters, unique ignoring case) and long tables split into sheets of at most
/// `maxRowsPerSheet` rows, each starting with the header. Expectations follow Excel's rules
/// ("Rename a worksheet", Microsoft Support: 31 characters, none of `/ \ ? * : [ ]`).
struct XLSXSheetPlanTests {
    static func sheet(_ name: String, rows: Int) -> XLSXSheet {
        XLSXSheet(name: name, columns: [XLSXColumn(header: "n")], rows: (0..<rows).map { [.integer($0)] })
    }

    @Test func aLongTableIsSplitIntoNumberedSheets() throws {
        let workbook = XLSXWorkbook(sheets: [Self.sheet("by_state", rows: 5), Self.sheet("ranking", rows: 2)])
        // Three rows per sheet: the header and two data rows; 5 data rows need three sheets.
        #expect(
            try XLSXWriter.plannedSheetNames(for: workbook, maxRowsPerSheet: 3) == [
                "by_state", "by_state (2)", "by_state (3)", "ranking",
            ])
        #expect(try XLSXWriter.plannedSheetNames(for: workbook) == ["by_state", "ranking"])
    }

    @Test func namesAreMadeAcceptableToExcel() {
        #expect(XLSXWriter.sanitizedSheetName("fy/2012:[x]*?\\") == "fy_2012__x____")
        #expect(XLSXWriter.sanitizedSheetName("") == "Sheet")
        #expect(XLSXWriter.sanitizedSheetName("'quoted'") == "quoted")
        #expect(XLSXWriter.sanitizedSheetName(String(repeating: "a", count: 40)) == String(repeating: "a", count: 31))
    }

    @Test func namesEqualIgnoringCaseAreMadeUnique() throws {
        let workbook = XLSXWorkbook(sheets: [Self.sheet("README", rows: 1), Self.sheet("readme", rows: 1)])
        #expect(try XLSXWriter.plannedSheetNames(for: workbook) == ["README", "readme (2)"])
    }

    @Test func aSheetMustHoldTheHeaderAndOneRow() {
        #expect(throws: XLSXWriterError.invalidMaxRowsPerSheet(1)) {
            try XLSXWriter.plannedSheetNames(for: XLSXWorkbook(sheets: [Self.sheet("t", rows: 1)]), maxRowsPerSheet: 1)
        }
    }
}
