/// The XML of one worksheet part (`xl/worksheets/sheetN.xml`): dimension, frozen header, column
/// widths, the rows as inline strings and numbers, autofilter, page margins — built byte by byte
/// into one buffer, one step per element.
struct WorksheetXML {
    private let sheet: XLSXSheet?
    private let rows: Range<Int>
    private var out: [UInt8] = []
    /// Column letters ("A", "B", …) of every column the part uses.
    private var letters: [[UInt8]] = []
    /// The cell style of each declared column.
    private var styles: [Int] = []

    init(sheet: XLSXSheet?, rows: Range<Int>) {
        self.sheet = sheet
        self.rows = rows
        out.reserveCapacity(256 + rows.count * max(1, sheet?.columns.count ?? 1) * 24)
    }

    mutating func render(widths: [Double]) -> [UInt8] {
        put(XLSXWriter.xmlDeclaration)
        put("<worksheet xmlns=\"\(XLSXWriter.mainNamespace)\" xmlns:r=\"\(XLSXWriter.relNamespace)\">")
        guard let sheet else {
            put("<dimension ref=\"A1\"/><sheetViews><sheetView workbookViewId=\"0\"/></sheetViews>")
            put("<sheetData/></worksheet>")
            return out
        }
        let columnCount = max(sheet.columns.count, sheet.rows[rows].lazy.map(\.count).max() ?? 0)
        letters = (0..<columnCount).map { Array(XLSXWriter.columnName($0).utf8) }
        styles = sheet.columns.map { XLSXWriter.Style.data($0.format) }
        putDimension(columnCount: columnCount)
        putViews(sheet)
        putColumnWidths(widths)
        putSheetData(sheet)
        if let ref = XLSXWriter.autoFilterRef(sheet, rows: rows) { put("<autoFilter ref=\"\(ref)\"/>") }
        put("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>")
        put("</worksheet>")
        return out
    }

    private mutating func put(_ text: String) { out.append(contentsOf: text.utf8) }

    private mutating func putDimension(columnCount: Int) {
        let dimension = columnCount == 0 ? "A1" : "A1:\(XLSXWriter.columnName(columnCount - 1))\(rows.count + 1)"
        put("<dimension ref=\"\(dimension)\"/>")
    }

    /// The header row stays in view while scrolling.
    private mutating func putViews(_ sheet: XLSXSheet) {
        if sheet.freezeHeader && !sheet.columns.isEmpty {
            put("<sheetViews><sheetView workbookViewId=\"0\">")
            put("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>")
            put("</sheetView></sheetViews>")
        } else {
            put("<sheetViews><sheetView workbookViewId=\"0\"/></sheetViews>")
        }
    }

    private mutating func putColumnWidths(_ widths: [Double]) {
        guard !widths.isEmpty else { return }
        put("<cols>")
        for (index, width) in widths.enumerated() {
            put("<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>")
        }
        put("</cols>")
    }

    private mutating func putSheetData(_ sheet: XLSXSheet) {
        put("<sheetData>")
        if !sheet.columns.isEmpty { putHeaderRow(sheet.columns) }
        var rowNumber = 1
        for rowIndex in rows {
            rowNumber += 1
            putDataRow(sheet.rows[rowIndex], number: rowNumber)
        }
        put("</sheetData>")
    }

    private mutating func putHeaderRow(_ columns: [XLSXColumn]) {
        put("<row r=\"1\">")
        let rowBytes = Array("1".utf8)
        for (index, column) in columns.enumerated() {
            putCellStart(index, rowBytes)
            putStyle(XLSXWriter.Style.header)
            if column.header.isEmpty { put("/>") } else { putInlineString(column.header) }
        }
        put("</row>")
    }

    /// A row of blank cells is left out (Excel shows it empty either way).
    private mutating func putDataRow(_ cells: [XLSXCell], number: Int) {
        guard cells.contains(where: { !XLSXWriter.isBlank($0) }) else { return }
        let rowBytes = Array(String(number).utf8)
        put("<row r=\"")
        out.append(contentsOf: rowBytes)
        put("\">")
        for (column, cell) in cells.enumerated() {
            putCell(cell, column: column, row: rowBytes, style: column < styles.count ? styles[column] : 0)
        }
        put("</row>")
    }

    private mutating func putCell(_ cell: XLSXCell, column: Int, row: [UInt8], style: Int) {
        switch cell {
        case .empty:
            return
        case .text(let text):
            if text.isEmpty { return }
            putCellStart(column, row)
            putStyle(style)
            putInlineString(text)
        case .number(let value):
            guard value.isFinite else { return }
            putCellStart(column, row)
            putStyle(style)
            put("><v>\(value)</v></c>")
        case .integer(let value):
            putCellStart(column, row)
            putStyle(style)
            put("><v>\(value)</v></c>")
        }
    }

    private mutating func putCellStart(_ column: Int, _ row: [UInt8]) {
        put("<c r=\"")
        out.append(contentsOf: letters[column])
        out.append(contentsOf: row)
        out.append(UInt8(ascii: "\""))
    }

    private mutating func putStyle(_ style: Int) {
        if style != 0 { put(" s=\"\(style)\"") }
    }

    private mutating func putInlineString(_ raw: String) {
        let text = BidiControls.revealed(raw)
        put(" t=\"inlineStr\"><is><t")
        if XMLEscaping.needsSpacePreserve(text) { put(" xml:space=\"preserve\"") }
        out.append(UInt8(ascii: ">"))
        XMLEscaping.append(XLSXWriter.truncated(text, toUTF16: XLSXWriter.maxCellTextLength), to: &out)
        put("</t></is></c>")
    }
}
