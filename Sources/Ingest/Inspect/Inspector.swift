package import AuditCore

/// Profiles a new release before anyone writes a pipeline for it: delimiter, header row, record
/// count, and per column the share filled, missing and redacted, with the most frequent values.
package enum Inspector {
    /// How far into the file delimiter and header detection look.
    static let sampleBytes = 256 * 1024
    static let headerSearchRows = 30
    /// Distinct values remembered per column for the top-values list (memory stays bounded).
    static let distinctLimit = 5_000

    package static func inspect(path: String, delimiter: Delimiter? = nil, top: Int = 5) throws -> InspectionReport {
        let sample = try Self.sample(path: path)
        if sample.isEmpty { throw IngestError.emptyFile(path: path) }
        let chosen = delimiter ?? detectDelimiter(sample)
        let sampleRows = try rows(of: sample, delimiter: chosen, limit: headerSearchRows)
        let headerIndex = detectHeader(sampleRows)
        var report = InspectionReport(file: path, delimiter: chosen)
        let cells = CellReader(source: SourceSpec())
        var profiles: [ColumnProfile] = []
        var rowIndex = 0
        let parser = try LibCSVParser(delimiter: chosen.byte) { row in
            defer { rowIndex += 1 }
            if rowIndex < headerIndex { return }
            if rowIndex == headerIndex {
                report.headerLine = row.line
                report.preambleRows = headerIndex
                profiles = (0..<row.count).map { ColumnProfile(name: row.text($0).trimmingSpaces) }
                return
            }
            report.records += 1
            if row.count != profiles.count { report.raggedRecords += 1 }
            for index in 0..<min(row.count, profiles.count) {
                let bytes = row.bytes[row.range(index)]
                switch cells.read(bytes) {
                case .value(.missing): profiles[index].missing += 1
                case .value(.redacted): profiles[index].redacted += 1
                case .value(.value(let text)): profiles[index].count(text, limit: distinctLimit)
                case .value: break
                case .invalidEncoding, .nulByte:
                    profiles[index].invalidEncoding += 1
                    profiles[index].count(String(decoding: bytes, as: UTF8.self), limit: distinctLimit)
                }
            }
        }
        try ByteSource(path: path).stream(onRawChunk: { _ in }) { chunk in
            do { try parser.feed(chunk) } catch {
                if (error as? CSVParseError) == .misplacedQuote {
                    throw IngestError.misplacedQuote(path: path, line: parser.currentLine)
                }
                throw IngestError.fieldTooLarge(path: path, line: parser.currentLine, limit: maxFieldBytes)
            }
        }
        do { try parser.finish() } catch {
            throw IngestError.unterminatedQuote(path: path, line: parser.currentLine, record: rowIndex + 1)
        }
        report.columns = profiles.map { $0.finished(top: top) }
        return report
    }

    private struct EnoughSample: Error {}

    private static func sample(path: String) throws -> [UInt8] {
        var sample: [UInt8] = []
        do {
            try ByteSource(path: path).stream(onRawChunk: { _ in }) { chunk in
                sample.append(contentsOf: chunk.prefix(sampleBytes - sample.count))
                if sample.count >= sampleBytes { throw EnoughSample() }
            }
        } catch is EnoughSample {}
        return sample
    }

    private static func rows(of sample: [UInt8], delimiter: Delimiter, limit: Int) throws -> [[String]] {
        var rows: [[String]] = []
        let parser = try LibCSVParser(delimiter: delimiter.byte) { row in
            if rows.count < limit { rows.append((0..<row.count).map { row.text($0).trimmingSpaces }) }
        }
        // A parse error in the sample only ends the sample; the full pass reports it with its line.
        try? sample.withUnsafeBytes { try parser.feed($0) }
        return rows
    }

    /// The delimiter whose most common field count is largest and most consistent over the sample.
    static func detectDelimiter(_ sample: [UInt8]) -> Delimiter {
        var best = (Delimiter.comma, 0)
        for candidate in Delimiter.allCases {
            guard let rows = try? rows(of: sample, delimiter: candidate, limit: 200) else { continue }
            var frequency: [Int: Int] = [:]
            for row in rows where row.count > 1 { frequency[row.count, default: 0] += 1 }
            guard let mode = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { continue }
            let score = mode.value * mode.key
            if score > best.1 { best = (candidate, score) }
        }
        return best.0
    }

    /// The first row that has the usual number of fields, all of them non-empty text that is not a
    /// number (a header), followed by a row of the same width.
    static func detectHeader(_ rows: [[String]]) -> Int {
        var frequency: [Int: Int] = [:]
        for row in rows where row.count > 1 { frequency[row.count, default: 0] += 1 }
        guard let width = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) })?.key else { return 0 }
        for (index, row) in rows.enumerated() where row.count == width {
            let looksLikeHeader = row.filter { !$0.isEmpty && Double($0) == nil }.count * 10 >= width * 9
            if looksLikeHeader { return index }
        }
        return rows.firstIndex { $0.count == width } ?? 0
    }
}
