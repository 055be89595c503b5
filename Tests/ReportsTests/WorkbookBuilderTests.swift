import Testing

@testable import Reports

/// The workbook's cells: the CSV's rule against formulas, numbers kept as numbers.
@Suite struct WorkbookBuilderTests {
    @Test(arguments: [
        (PublishedCell.text("\n=1"), XLSXCell.text("'\n=1")), (.text(" =1"), .text("' =1")),
        (.text("\t=1"), .text("'\t=1")),
        (.text("\r\n+1"), .text("'\r\n+1")), (.text("-5"), .text("'-5")), (.notAvailable(" @x"), .text("' @x")),
        (.text("plain"), .text("plain")), (.count(-5), .integer(-5)), (.change(-0.05), .number(-0.05)),
        (.share(0.25), .number(0.25)),
    ])
    func cellsAreNeutralisedLikeTheCSV(_ cell: PublishedCell, _ expected: XLSXCell) {
        #expect(WorkbookBuilder.cell(cell) == expected)
    }
}
