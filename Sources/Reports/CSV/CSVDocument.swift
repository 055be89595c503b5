/// An RFC 4180 CSV being built in memory: one header row, CRLF line ends, fields quoted only when
/// they contain a comma, quote, CR or LF.
///
/// Text cells that a spreadsheet would run as a formula (`=`, `+`, `-` or `@` after any leading
/// whitespace, or a leading tab or carriage return) are prefixed with an apostrophe (OWASP "CSV
/// injection" guidance); number cells are written as plain numbers. Bidirectional formatting
/// characters are written out as `<U+202E>` (`BidiControls`).
package struct CSVDocument: Sendable {
    package enum Cell: Sendable, Equatable {
        case text(String)
        case integer(Int)
        case decimal(Double)
        case empty
    }

    package private(set) var rowCount = 0
    private var bytes: [UInt8] = []

    package init(header: [String]) {
        append(header.map { .text($0) }, isHeader: true)
    }

    /// Data rows only, for a listing streamed to a file a few rows at a time (`removeAll` after each
    /// write).
    package init() {}

    /// Rows another headerless document encoded (kept on disk meanwhile), `count` of them.
    package mutating func appendRows(_ encoded: UnsafeRawBufferPointer, count: Int) {
        bytes.append(contentsOf: encoded)
        rowCount += count
    }

    package mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        rowCount = 0
    }

    package mutating func append(_ cells: [Cell]) { append(cells, isHeader: false) }

    private mutating func append(_ cells: [Cell], isHeader: Bool) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            switch cell {
            case .text(let text): appendText(isHeader ? text : Self.neutralized(text))
            case .integer(let value): bytes.append(contentsOf: String(value).utf8)
            case .decimal(let value): if value.isFinite { bytes.append(contentsOf: Self.decimal(value).utf8) }
            case .empty: break
            }
        }
        bytes.append(13)
        bytes.append(10)
        if !isHeader { rowCount += 1 }
    }

    private mutating func appendText(_ raw: String) {
        let text = BidiControls.revealed(raw)
        let utf8 = text.utf8
        if utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) {
            bytes.append(34)
            for byte in utf8 {
                if byte == 34 { bytes.append(34) }
                bytes.append(byte)
            }
            bytes.append(34)
        } else {
            bytes.append(contentsOf: utf8)
        }
    }

    /// The document's bytes (UTF-8, no byte order mark).
    package var data: [UInt8] { bytes }

    /// Text a spreadsheet would evaluate, made inert: the one rule for CSV and XLSX text cells.
    ///
    /// Spreadsheets skip leading whitespace before deciding a cell is a formula (`" =1"`, `"\n=1"`,
    /// `"\r\n+1"`), so the first character that is not Unicode whitespace decides; a leading tab or
    /// carriage return is neutralised on its own (OWASP "CSV injection"). Number cells never reach
    /// this: they are written as numbers.
    package static func neutralized(_ text: String) -> String {
        guard let first = text.utf8.first else { return text }
        if isFormulaStart(first) || first == 9 || first == 13 { return "'" + text }
        // Printable ASCII other than the four formula characters: nothing to skip, nothing to do.
        if first > 32 && first < 0x80 { return text }
        let start = text.unicodeScalars.first { !$0.properties.isWhitespace }
        guard let start, start.isASCII, isFormulaStart(UInt8(start.value)) else { return text }
        return "'" + text
    }

    private static func isFormulaStart(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
    }

    /// Shares and rates: up to 6 decimals, no exponent, no trailing zeros.
    package static func decimal(_ value: Double) -> String {
        var text = String(format6(value))
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    private static func format6(_ value: Double) -> String {
        let scaled = (value * 1_000_000).rounded()
        let negative = scaled < 0
        let magnitude = Int(abs(scaled))
        let whole = magnitude / 1_000_000
        let fraction = magnitude % 1_000_000
        let digits = String(fraction)
        return (negative ? "-" : "") + "\(whole)." + String(repeating: "0", count: 6 - digits.count) + digits
    }
}
