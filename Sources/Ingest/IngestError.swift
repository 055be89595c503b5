/// Why a file could not be read at all. Problems with single rows are rejects, not errors.
package enum IngestError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case emptyFile(path: String)
    case gzipCorrupt(path: String, detail: String)
    case gzipTruncated(path: String)
    case decompressionLimit(path: String, ratio: Int)
    /// No row among the first `searched` matched the pipeline's columns.
    case headerNotFound(path: String, searched: Int, missing: [String], bestLine: Int?, bestRow: [String])
    case unterminatedQuote(path: String, line: Int, record: Int)
    /// Text after a closing quote or a quote in an unquoted field: the row cannot be split reliably.
    case misplacedQuote(path: String, line: Int)
    /// A field longer than the parser's limit: usually an unbalanced quote swallowing the file.
    case fieldTooLarge(path: String, line: Int, limit: Int)
    case parser(path: String, line: Int, reason: String)

    init(path: String, gzip failure: GzipInflater.Failure) {
        switch failure {
        case .corrupt(let detail): self = .gzipCorrupt(path: path, detail: detail)
        case .truncated: self = .gzipTruncated(path: path)
        case .ratioExceeded(let ratio): self = .decompressionLimit(path: path, ratio: ratio)
        }
    }

    package var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): error: cannot read the file: \(reason)"
        case .emptyFile(let path):
            return "\(path): error: the file is empty; check that the download or export finished"
        case .gzipCorrupt(let path, let detail):
            return "\(path): error: the gzip data is corrupt (\(detail)); download the file again"
        case .gzipTruncated(let path):
            return "\(path): error: the gzip stream ends early (truncated download?); download the file again"
        case .decompressionLimit(let path, let ratio):
            return
                "\(path): error: the gzip file expands more than \(ratio) times its size; refusing it as a probable decompression bomb"
        case .headerNotFound(let path, let searched, let missing, let bestLine, let bestRow):
            let seen = bestRow.prefix(12).map { "'\($0)'" }.joined(separator: ", ") + (bestRow.count > 12 ? ", …" : "")
            let location = bestLine.map { "\(path):\($0)" } ?? path
            return "\(location): error: no header row in the first \(searched) rows has the expected columns; "
                + "missing: \(missing.joined(separator: "; ")); closest row has: \(seen). "
                + "Add the release's spelling to the pipeline's 'columns' names, or raise source.header_search_rows"
        case .unterminatedQuote(let path, let line, let record):
            return
                "\(path):\(line): error: record \(record) opens a quoted field that is never closed before the end of the file; "
                + "the file may be truncated, or a quote character is unbalanced"
        case .misplacedQuote(let path, let line):
            return
                "\(path):\(line): error: a quote is out of place in the record starting here (text after a closing quote, "
                + "or a quote inside an unquoted field), so its fields cannot be split reliably; quote the field and double the quotes inside it"
        case .fieldTooLarge(let path, let line, let limit):
            return
                "\(path):\(line): error: a field (or the whole record) starting here is longer than \(limit >> 20) MiB; "
                + "an unbalanced quote probably runs on through the file — check the quoting near this line"
        case .parser(let path, let line, let reason):
            return "\(path):\(line): error: \(reason)"
        }
    }
}
