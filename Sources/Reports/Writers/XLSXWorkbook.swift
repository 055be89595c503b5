// Value types describing an XLSX workbook. Serialisation lives in `XLSXWriter.swift`.
//
// The model is deliberately small: a workbook is a list of sheets, a sheet is a
// header (one `XLSXColumn` per column) plus data rows of `XLSXCell`s. There is no
// way to express a formula: every cell is a literal text, number or nothing.

/// A workbook: an ordered list of sheets.
///
/// An empty workbook is written as a single empty sheet named "Sheet1", because a
/// spreadsheet file must contain at least one sheet.
package struct XLSXWorkbook: Sendable, Equatable {
    package var sheets: [XLSXSheet]

    package init(sheets: [XLSXSheet]) {
        self.sheets = sheets
    }
}

/// One sheet: the header row comes from `columns`, the data rows from `rows`.
package struct XLSXSheet: Sendable, Equatable {
    /// Sanitised on write: characters `[ ] : * ? / \` become `_`, leading and
    /// trailing apostrophes are removed, an empty name becomes "Sheet", the name is
    /// cut to 31 UTF-16 units and made unique (case-insensitively) within the
    /// workbook by appending " (2)", " (3)", … See `XLSXWriter.plannedSheetNames`.
    package var name: String
    /// One entry per column; its `header` is written as the (bold) first row.
    package var columns: [XLSXColumn]
    /// Data rows. A row may be shorter than `columns` (the rest stays empty) or
    /// longer (extra cells are written with the general format and no header).
    package var rows: [[XLSXCell]]
    /// Freeze the header row (pane split below row 1, top-left cell `A2`).
    package var freezeHeader: Bool = true
    /// Put an autofilter (drop-down buttons) on the header row.
    package var autoFilter: Bool = true

    package init(name: String, columns: [XLSXColumn], rows: [[XLSXCell]], freezeHeader: Bool = true) {
        self.name = name
        self.columns = columns
        self.rows = rows
        self.freezeHeader = freezeHeader
    }
}

/// A column: header text, number format applied to all its data cells, width.
package struct XLSXColumn: Sendable, Equatable {
    package var header: String
    package var format: XLSXNumberFormat
    /// Width in Excel character units (clamped to 0...255). `nil` = computed from
    /// the longest displayed text of the header and the cells, capped at 60.
    package var width: Double?

    package init(header: String, format: XLSXNumberFormat = .general, width: Double? = nil) {
        self.header = header
        self.format = format
        self.width = width
    }
}

/// The number format applied to a column's data cells.
package enum XLSXNumberFormat: Sendable, Equatable {
    /// Excel's "General" (built-in id 0).
    case general
    /// `#,##0` (built-in id 3).
    case integer
    /// `0.0000` (custom id 164).
    case decimal
    /// `0.0%` (custom id 165); the cell holds the fraction, e.g. 0.1234 shows "12.3%".
    case percent

    /// The format code as it appears in `styles.xml` (and as openpyxl reports it).
    package var formatCode: String {
        switch self {
        case .general: "General"
        case .integer: "#,##0"
        case .decimal: "0.0000"
        case .percent: "0.0%"
        }
    }

    /// The `numFmtId` used in `styles.xml`.
    package var numFmtId: Int {
        switch self {
        case .general: 0
        case .integer: 3
        case .decimal: 164
        case .percent: 165
        }
    }
}

/// One cell's content. The writer never emits formulas: a `.text` that starts
/// with `=`, `+`, `-` or `@` is still stored as a plain string (neutralising
/// formula injection for CSV-style consumers is the caller's concern).
package enum XLSXCell: Sendable, Equatable {
    /// A string, stored as an inline string. An empty string is written as an empty cell.
    case text(String)
    /// A floating-point number. NaN and ±infinity are written as empty cells.
    case number(Double)
    /// An integer, written exactly (Excel itself keeps 15 significant digits).
    case integer(Int)
    /// No value: the cell is omitted.
    case empty
}

extension XLSXCell: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    package init(stringLiteral value: String) { self = .text(value) }
    package init(integerLiteral value: Int) { self = .integer(value) }
    package init(floatLiteral value: Double) { self = .number(value) }
}

extension XLSXCell {
    /// `.number(value)` or `.empty` when `value` is nil.
    package static func number(_ value: Double?) -> XLSXCell {
        value.map { .number($0) } ?? .empty
    }

    /// `.integer(value)` or `.empty` when `value` is nil.
    package static func integer(_ value: Int?) -> XLSXCell {
        value.map { .integer($0) } ?? .empty
    }

    /// `.text(value)` or `.empty` when `value` is nil.
    package static func text(_ value: String?) -> XLSXCell {
        value.map { .text($0) } ?? .empty
    }
}
