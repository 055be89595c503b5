// Serialises an `XLSXWorkbook` to an Office Open XML spreadsheet (.xlsx).
//
// The SpreadsheetML is written by hand (it is small and fixed); ZIPFoundation
// builds the zip container. Strings are stored inline (`t="inlineStr"`), so there
// is no shared-strings table.

import Foundation
import ZIPFoundation

/// Errors thrown by `XLSXWriter`.
package enum XLSXWriterError: Error, Equatable, CustomStringConvertible {
    /// `maxRowsPerSheet` must be in 2...1_048_576 (one header row plus at least one data row).
    case invalidMaxRowsPerSheet(Int)
    /// A sheet uses more than Excel's 16,384 columns.
    case tooManyColumns(sheet: String, count: Int)
    /// `created` is not an ISO 8601 / W3CDTF date such as "2000-01-01T00:00:00Z".
    case invalidCreatedDate(String)
    /// Creating, writing or renaming the file failed.
    case io(String)

    package var description: String {
        switch self {
        case .invalidMaxRowsPerSheet(let value):
            "XLSX: maxRowsPerSheet must be between 2 and \(XLSXWriter.maxRowsPerSheet), got \(value)"
        case .tooManyColumns(let sheet, let count):
            "XLSX: sheet '\(sheet)' has \(count) columns, more than the limit of \(XLSXWriter.maxColumns)"
        case .invalidCreatedDate(let value):
            "XLSX: created date '\(value)' is not an ISO 8601 date such as 2000-01-01T00:00:00Z"
        case .io(let message):
            "XLSX: \(message)"
        }
    }
}

/// Writes `XLSXWorkbook`s as .xlsx files.
///
/// - The writer never emits formulas (`<f>`): every text cell is stored as a
///   literal inline string, so a value such as `=cmd|' /C calc'!A0` is shown as
///   text and never evaluated by Excel or LibreOffice. Neutralising formula
///   injection for other consumers (e.g. a CSV export of the same data) remains
///   the caller's job.
/// - The output is deterministic: the same workbook and `created` date give
///   byte-identical files (fixed document timestamps and zip entry dates).
/// - The write is atomic: the archive is built at `path + ".tmp"` and renamed
///   over `path`.
package enum XLSXWriter {
    /// Excel's hard limit; longer sheets are split into "name (2)", "name (3)", each with the header row.
    package static let maxRowsPerSheet = 1_048_576
    /// Excel's column limit (A…XFD).
    package static let maxColumns = 16_384
    /// Excel's sheet-name limit, in UTF-16 code units.
    package static let maxSheetNameLength = 31
    /// Excel's cell-text limit, in UTF-16 code units; longer text is cut to it.
    package static let maxCellTextLength = 32_767
    /// Widths computed from the content are capped at this many characters.
    package static let maxComputedColumnWidth = 60.0
    /// The default document timestamp (docProps/core.xml and zip entry dates).
    package static let defaultCreated = "2000-01-01T00:00:00Z"
    /// The creator written to docProps/core.xml and docProps/app.xml.
    package static let creator = "detention-audit"

    /// Writes `workbook` to `path` atomically (via `path + ".tmp"`), replacing any existing file.
    ///
    /// - Parameters:
    ///   - maxRowsPerSheet: rows per sheet including the header row; a sheet with
    ///     more than `maxRowsPerSheet - 1` data rows is split into consecutive
    ///     sheets "name", "name (2)", … each starting with the header row.
    ///   - created: ISO 8601 timestamp for the document properties and the zip
    ///     entries' modification dates; fixed by default so output is reproducible.
    package static func write(
        _ workbook: XLSXWorkbook, toPath path: String, maxRowsPerSheet: Int = maxRowsPerSheet,
        created: String = defaultCreated
    ) throws {
        let date = try parseCreated(created)
        let plan = try makePlan(workbook, maxRowsPerSheet: maxRowsPerSheet)

        let fileManager = FileManager.default
        let tmpPath = path + ".tmp"
        if fileManager.fileExists(atPath: tmpPath) {
            do { try fileManager.removeItem(atPath: tmpPath) } catch {
                throw XLSXWriterError.io("cannot remove stale temporary file \(tmpPath): \(error)")
            }
        }
        do {
            try writeArchive(workbook, plan: plan, created: created, date: date, toPath: tmpPath)
            guard rename(tmpPath, path) == 0 else {
                let reason = String(cString: strerror(errno))
                throw XLSXWriterError.io("cannot rename \(tmpPath) to \(path): \(reason)")
            }
        } catch {
            try? fileManager.removeItem(atPath: tmpPath)
            throw error
        }
    }

    /// The sheet names as they will appear in the file, in order, after
    /// sanitising, splitting long sheets and de-duplicating.
    package static func plannedSheetNames(
        for workbook: XLSXWorkbook, maxRowsPerSheet: Int = maxRowsPerSheet
    ) throws -> [String] {
        try makePlan(workbook, maxRowsPerSheet: maxRowsPerSheet).sheets.map(\.name)
    }

    /// Every part of the package (zip entry path and contents) in archive order,
    /// without zipping. Useful for tests; `write` streams the same parts.
    package static func renderParts(
        _ workbook: XLSXWorkbook, maxRowsPerSheet: Int = maxRowsPerSheet, created: String = defaultCreated
    ) throws -> [(path: String, contents: [UInt8])] {
        _ = try parseCreated(created)
        let plan = try makePlan(workbook, maxRowsPerSheet: maxRowsPerSheet)
        var parts: [(path: String, contents: [UInt8])] = []
        try forEachPart(workbook, plan: plan, created: created) { parts.append((path: $0, contents: $1)) }
        return parts
    }

    /// The sheet name Excel would accept for `raw` on its own: `[]:*?/\` become
    /// `_`, control characters are dropped, leading/trailing apostrophes are
    /// removed, empty becomes "Sheet", cut to 31 UTF-16 units.
    package static func sanitizedSheetName(_ raw: String) -> String {
        fit(sanitizedBase(raw), suffix: "")
    }

    /// Column letters for a zero-based column index: 0 → "A", 26 → "AA".
    package static func columnName(_ index: Int) -> String {
        var index = index
        var letters: [UInt8] = []
        repeat {
            letters.append(UInt8(ascii: "A") + UInt8(index % 26))
            index = index / 26 - 1
        } while index >= 0
        return String(decoding: letters.reversed(), as: UTF8.self)
    }
}

// MARK: - Planning

extension XLSXWriter {
    struct PlannedSheet {
        var name: String
        var source: Int
        var rows: Range<Int>
    }

    struct Plan {
        var sheets: [PlannedSheet]
        /// Per source sheet: the column widths to write (one per `columns` entry).
        var widths: [[Double]]
    }

    static func makePlan(_ workbook: XLSXWorkbook, maxRowsPerSheet: Int) throws -> Plan {
        guard (2...Self.maxRowsPerSheet).contains(maxRowsPerSheet) else {
            throw XLSXWriterError.invalidMaxRowsPerSheet(maxRowsPerSheet)
        }
        let dataRowsPerSheet = maxRowsPerSheet - 1
        var used = Set<String>()
        var planned: [PlannedSheet] = []
        var widths: [[Double]] = []
        for (sourceIndex, sheet) in workbook.sheets.enumerated() {
            let columnCount = max(sheet.columns.count, sheet.rows.lazy.map(\.count).max() ?? 0)
            guard columnCount <= maxColumns else {
                throw XLSXWriterError.tooManyColumns(sheet: sheet.name, count: columnCount)
            }
            widths.append(columnWidths(sheet))
            let base = sanitizedBase(sheet.name)
            let partCount = max(1, (sheet.rows.count + dataRowsPerSheet - 1) / dataRowsPerSheet)
            for part in 1...partCount {
                var number = part
                var candidate = fit(base, suffix: number == 1 ? "" : " (\(number))")
                while used.contains(candidate.lowercased()) {
                    number = max(number + 1, 2)
                    candidate = fit(base, suffix: " (\(number))")
                }
                used.insert(candidate.lowercased())
                let start = (part - 1) * dataRowsPerSheet
                let end = min(sheet.rows.count, start + dataRowsPerSheet)
                planned.append(PlannedSheet(name: candidate, source: sourceIndex, rows: start..<end))
            }
        }
        if planned.isEmpty {
            // A workbook must contain at least one sheet.
            planned.append(PlannedSheet(name: "Sheet1", source: -1, rows: 0..<0))
        }
        return Plan(sheets: planned, widths: widths)
    }

    static func sanitizedBase(_ raw: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars {
            switch scalar {
            case "[", "]", ":", "*", "?", "/", "\\": scalars.append("_")
            case "\u{0}"..."\u{1F}", "\u{7F}", "\u{FFFE}", "\u{FFFF}": continue
            default: scalars.append(scalar)
            }
        }
        var name = String(scalars)
        name = trimApostrophes(name)
        if name.isEmpty { name = "Sheet" }
        if name.lowercased() == "history" { name += "_" }  // reserved by Excel
        return name
    }

    /// `base` cut so that `base + suffix` fits in 31 UTF-16 units, then `suffix` appended.
    static func fit(_ base: String, suffix: String) -> String {
        let budget = maxSheetNameLength - suffix.utf16.count
        var cut = truncated(base, toUTF16: budget)
        if cut.utf16.count < base.utf16.count { cut = trimApostrophes(cut) }
        if cut.isEmpty { cut = suffix.isEmpty ? "Sheet" : "" }
        return suffix.isEmpty ? cut : (cut + suffix).trimmingLeadingSpaces()
    }

    static func trimApostrophes(_ text: String) -> String {
        var scalars = Substring(text)
        while scalars.first == "'" { scalars.removeFirst() }
        while scalars.last == "'" { scalars.removeLast() }
        return String(scalars)
    }

    /// `text` cut on a character boundary to at most `limit` UTF-16 code units.
    static func truncated(_ text: String, toUTF16 limit: Int) -> String {
        if text.utf16.count <= limit { return text }
        var count = 0
        var end = text.startIndex
        for index in text.indices {
            let width = text[index].utf16.count
            if count + width > limit { break }
            count += width
            end = text.index(after: index)
        }
        return String(text[..<end])
    }
}

extension String {
    fileprivate func trimmingLeadingSpaces() -> String {
        String(self.drop(while: { $0 == " " }))
    }
}

// MARK: - Column widths

extension XLSXWriter {
    static func columnWidths(_ sheet: XLSXSheet) -> [Double] {
        let cap = maxComputedColumnWidth
        let padding = 2.0
        return sheet.columns.enumerated().map { columnIndex, column in
            if let width = column.width {
                return width.isFinite ? min(max(width, 0), 255) : 8.43
            }
            // Bold header plus room for the autofilter drop-down button.
            var longest = Double(displayWidth(column.header)) * 1.1 + (sheet.autoFilter ? 2 : 0)
            for row in sheet.rows where columnIndex < row.count {
                if longest + padding >= cap { break }
                switch row[columnIndex] {
                case .text(let text):
                    // Display width never exceeds the UTF-8 byte count; skip cheaply.
                    if Double(text.utf8.count) <= longest { continue }
                    longest = max(longest, Double(displayWidth(text)))
                case .number(let value):
                    longest = max(longest, Double(numberDisplayLength(value, column.format)))
                case .integer(let value):
                    longest = max(longest, Double(numberDisplayLength(Double(value), column.format, integer: value)))
                case .empty:
                    continue
                }
            }
            let width = min(cap, max(6, longest + padding))
            return (width * 100).rounded() / 100
        }
    }

    /// Approximate on-screen width: the longest line, East Asian wide characters counting 2.
    static func displayWidth(_ text: String) -> Int {
        var longest = 0
        var current = 0
        for character in text {
            if character == "\n" || character == "\r\n" || character == "\r" {
                longest = max(longest, current)
                current = 0
                continue
            }
            guard let scalar = character.unicodeScalars.first else { continue }
            current += isWide(scalar.value) ? 2 : 1
        }
        return max(longest, current)
    }

    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
            0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }

    /// Approximate length of a number as Excel shows it in `format`.
    static func numberDisplayLength(_ value: Double, _ format: XLSXNumberFormat, integer: Int? = nil) -> Int {
        guard value.isFinite else { return 0 }
        func digits(_ magnitude: Double) -> Int {
            magnitude < 10 ? 1 : Int(log10(magnitude).rounded(.down)) + 1
        }
        let sign = value < 0 ? 1 : 0
        switch format {
        case .general:
            if let integer { return String(integer).count }
            var text = "\(value)"
            if text.hasSuffix(".0") { text.removeLast(2) }
            return min(text.count, 11)
        case .integer:
            let count = digits(abs(value).rounded())
            return sign + count + (count - 1) / 3
        case .decimal:
            return sign + digits(abs(value)) + 5
        case .percent:
            return sign + digits(abs(value * 100)) + 3
        }
    }
}

// MARK: - Archive

extension XLSXWriter {
    static func parseCreated(_ created: String) throws -> Date {
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [
            [.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds], [.withFullDate],
        ] {
            formatter.formatOptions = options
            if let date = formatter.date(from: created) { return date }
        }
        throw XLSXWriterError.invalidCreatedDate(created)
    }

    static func writeArchive(
        _ workbook: XLSXWorkbook, plan: Plan, created: String, date: Date, toPath path: String
    ) throws {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        } catch {
            throw XLSXWriterError.io("cannot create \(path): \(error)")
        }
        try forEachPart(workbook, plan: plan, created: created) { entryPath, bytes in
            let data = Data(bytes)
            do {
                try archive.addEntry(
                    with: entryPath, type: .file, uncompressedSize: Int64(data.count),
                    modificationDate: date, permissions: 0o644, compressionMethod: .deflate,
                    bufferSize: 256 * 1024
                ) { position, size in
                    let start = Int(position)
                    return data.subdata(in: start..<(start + size))
                }
            } catch {
                throw XLSXWriterError.io("cannot add \(entryPath) to \(path): \(error)")
            }
        }
    }

    /// Produces each package part in archive order; only one worksheet's XML is in memory at a time.
    static func forEachPart(
        _ workbook: XLSXWorkbook, plan: Plan, created: String,
        _ body: (String, [UInt8]) throws -> Void
    ) throws {
        let count = plan.sheets.count
        try body("[Content_Types].xml", Array(contentTypesXML(sheetCount: count).utf8))
        try body("_rels/.rels", Array(rootRelsXML.utf8))
        try body("docProps/app.xml", Array(appXML.utf8))
        try body("docProps/core.xml", Array(coreXML(created: created).utf8))
        try body("xl/workbook.xml", Array(workbookXML(workbook, plan: plan).utf8))
        try body("xl/_rels/workbook.xml.rels", Array(workbookRelsXML(sheetCount: count).utf8))
        try body("xl/styles.xml", Array(stylesXML.utf8))
        for (index, planned) in plan.sheets.enumerated() {
            let sheet = planned.source >= 0 ? workbook.sheets[planned.source] : nil
            let widths = planned.source >= 0 ? plan.widths[planned.source] : []
            try body("xl/worksheets/sheet\(index + 1).xml", worksheetXML(sheet, rows: planned.rows, widths: widths))
        }
    }
}

// MARK: - Fixed parts

extension XLSXWriter {
    static let xmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func contentTypesXML(sheetCount: Int) -> String {
        var xml = xmlDeclaration
        xml += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        xml += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        xml += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        xml +=
            "<Override PartName=\"/xl/workbook.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for index in 1...max(sheetCount, 1) {
            xml +=
                "<Override PartName=\"/xl/worksheets/sheet\(index).xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        xml +=
            "<Override PartName=\"/xl/styles.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        xml +=
            "<Override PartName=\"/docProps/core.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        xml +=
            "<Override PartName=\"/docProps/app.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
        xml += "</Types>"
        return xml
    }

    static let rootRelsXML =
        xmlDeclaration
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relNamespace)/officeDocument\" Target=\"xl/workbook.xml\"/>"
        + "<Relationship Id=\"rId2\" "
        + "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
        + "Target=\"docProps/core.xml\"/>"
        + "<Relationship Id=\"rId3\" Type=\"\(relNamespace)/extended-properties\" Target=\"docProps/app.xml\"/>"
        + "</Relationships>"

    static let appXML =
        xmlDeclaration
        + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
        + "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
        + "<Application>\(creator)</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
        + "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        + "<HyperlinksChanged>false</HyperlinksChanged>"
        + "</Properties>"

    static func coreXML(created: String) -> String {
        let date = XMLEscaping.escape(created, ooxmlStringEscapes: false)
        return xmlDeclaration
            + "<cp:coreProperties "
            + "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
            + "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
            + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<dc:creator>\(creator)</dc:creator>"
            + "<cp:lastModifiedBy>\(creator)</cp:lastModifiedBy>"
            + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(date)</dcterms:created>"
            + "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(date)</dcterms:modified>"
            + "</cp:coreProperties>"
    }

    static func workbookXML(_ workbook: XLSXWorkbook, plan: Plan) -> String {
        var xml = xmlDeclaration
        xml += "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relNamespace)\">"
        xml += "<bookViews><workbookView activeTab=\"0\"/></bookViews>"
        xml += "<sheets>"
        var filters: [String] = []
        for (index, planned) in plan.sheets.enumerated() {
            let name = XMLEscaping.escape(planned.name, inAttribute: true, ooxmlStringEscapes: false)
            xml += "<sheet name=\"\(name)\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
            if planned.source >= 0, let ref = autoFilterRef(workbook.sheets[planned.source], rows: planned.rows) {
                let quoted = "'" + planned.name.replacingOccurrences(of: "'", with: "''") + "'"
                let absolute = ref.split(separator: ":").map { absoluteReference(String($0)) }.joined(separator: ":")
                let target = XMLEscaping.escape(quoted + "!" + absolute, ooxmlStringEscapes: false)
                filters.append(
                    "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(index)\" hidden=\"1\">"
                        + target + "</definedName>")
            }
        }
        xml += "</sheets>"
        if !filters.isEmpty {
            xml += "<definedNames>" + filters.joined() + "</definedNames>"
        }
        xml += "</workbook>"
        return xml
    }

    /// "B12" → "$B$12".
    static func absoluteReference(_ reference: String) -> String {
        let letters = reference.prefix(while: { $0.isLetter })
        return "$" + letters + "$" + reference.dropFirst(letters.count)
    }

    static func workbookRelsXML(sheetCount: Int) -> String {
        var xml = xmlDeclaration
        xml += "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        let count = max(sheetCount, 1)
        for index in 1...count {
            xml +=
                "<Relationship Id=\"rId\(index)\" Type=\"\(relNamespace)/worksheet\" "
                + "Target=\"worksheets/sheet\(index).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(count + 1)\" Type=\"\(relNamespace)/styles\" Target=\"styles.xml\"/>"
        xml += "</Relationships>"
        return xml
    }

    /// Cell style indices (`s` attribute) in `cellXfs`.
    enum Style {
        static let header = 1
        static func data(_ format: XLSXNumberFormat) -> Int {
            switch format {
            case .general: 0
            case .integer: 2
            case .decimal: 3
            case .percent: 4
            }
        }
    }

    static let stylesXML =
        xmlDeclaration
        + "<styleSheet xmlns=\"\(mainNamespace)\">"
        + "<numFmts count=\"2\">"
        + "<numFmt numFmtId=\"164\" formatCode=\"0.0000\"/>"
        + "<numFmt numFmtId=\"165\" formatCode=\"0.0%\"/>"
        + "</numFmts>"
        + "<fonts count=\"2\">"
        + "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        + "</fonts>"
        + "<fills count=\"2\">"
        + "<fill><patternFill patternType=\"none\"/></fill>"
        + "<fill><patternFill patternType=\"gray125\"/></fill>"
        + "</fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"5\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"3\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
        + "</cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"
}

// MARK: - Worksheets

extension XLSXWriter {
    /// The autofilter range "A1:C42" for one part of `sheet`, or nil when it has none.
    static func autoFilterRef(_ sheet: XLSXSheet, rows: Range<Int>) -> String? {
        guard sheet.autoFilter, !sheet.columns.isEmpty else { return nil }
        return "A1:\(columnName(sheet.columns.count - 1))\(rows.count + 1)"
    }

    static func worksheetXML(_ sheet: XLSXSheet?, rows: Range<Int>, widths: [Double]) -> [UInt8] {
        var builder = WorksheetXML(sheet: sheet, rows: rows)
        return builder.render(widths: widths)
    }

    static func isBlank(_ cell: XLSXCell) -> Bool {
        switch cell {
        case .empty: true
        case .text(let text): text.isEmpty
        case .number(let value): !value.isFinite
        case .integer: false
        }
    }
}
