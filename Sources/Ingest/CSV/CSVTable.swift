/// Reads a small CSV file (a reference table) whole, through the same libcsv wrapper as the data.
package enum CSVTable {
    /// All rows of `path` as text, header included.
    /// - Throws: `IngestError` when the file cannot be read or ends inside a quoted field.
    package static func read(path: String) throws -> [[String]] {
        var rows: [[String]] = []
        let parser: LibCSVParser
        do {
            parser = try LibCSVParser(delimiter: UInt8(ascii: ",")) { row in
                rows.append((0..<row.count).map { String(decoding: row.bytes[row.range($0)], as: UTF8.self) })
            }
        } catch {
            throw IngestError.parser(path: path, line: 1, reason: "the CSV parser could not start (\(error))")
        }
        try ByteSource(path: path).stream(onRawChunk: { _ in }) { chunk in
            do { try parser.feed(chunk) } catch {
                throw IngestError.parser(path: path, line: parser.currentLine, reason: "CSV parse failed (\(error))")
            }
        }
        do { try parser.finish() } catch {
            throw IngestError.unterminatedQuote(path: path, line: parser.currentLine, record: rows.count + 1)
        }
        return rows
    }
}
