import AuditCore
import Foundation
import Ingest
import PipelineTestSupport
import Runner
import Testing

@testable import Reports

/// One run writes CSV, XLSX, JSON and HTML; the same numbers must appear in all four.
@Suite(.serialized) struct OutputConsistencyTests {
    /// The bundled sample and two real files (read in place from ../shared/data/real).
    static let runs: [(pipeline: String, input: String)] = [
        ("Pipelines/ice-detainers.yml", "Fixtures/sample/ice-detainers-sample.csv"),
        ("Pipelines/ddp-detainers.yml", "../shared/data/real/ddp-detainers-mn-st-cloud.csv"),
        ("Pipelines/pa-detainers.yml", "../shared/data/real/ice-detainers-pa-2007-2015.csv"),
    ]

    static func run(_ index: Int) throws -> URL {
        FileManager.default.changeCurrentDirectoryPath(TestPaths.packageRoot.path)
        let out = TestPaths.temporaryFolder("consistency").appendingPathComponent("out")
        _ = try PipelineRun(
            options: RunOptions(
                pipelinePath: runs[index].pipeline, inputs: [runs[index].input], outputFolder: out.path,
                fixedTime: "2026-01-01T00:00:00Z")
        ).execute()
        return out
    }

    static func runSample() throws -> URL { try run(0) }

    /// `run(index)`, or nil with a recorded issue when a real file's ../shared/data/real is missing.
    static func runIfAvailable(_ index: Int) throws -> URL? {
        if index > 0 && !TestPaths.sharedDataAvailable {
            Issue.record("../shared/data/real is missing")
            return nil
        }
        return try run(index)
    }

    /// Every published table, as the codebook lists them.
    static func tables(_ out: URL) throws -> [String] {
        var names: [String] = []
        for row in try csv(out, "codebook").rows where !names.contains(String(row[0].dropLast(4))) {
            names.append(String(row[0].dropLast(4)))
        }
        return names + ["codebook"]
    }

    /// Reads a published CSV: header and rows of text cells.
    static func csv(_ out: URL, _ name: String) throws -> (header: [String], rows: [[String]]) {
        let rows = try CSVTable.read(path: out.appendingPathComponent(name + ".csv").path)
        return (rows[0], Array(rows.dropFirst()))
    }

    /// How the workbook must hold a CSV cell: a number where the CSV shows one, else the same text.
    static func expectedCell(_ text: String, kind: String) -> Any {
        if text.isEmpty { return NSNull() }
        if kind == "count" || kind == "share" || kind == "change", let number = Double(text) { return number }
        return text
    }

    @Test(arguments: 0..<3)
    func workbookMatchesTheCSVFiles(_ index: Int) throws {
        guard let out = try Self.runIfAvailable(index) else { return }
        let codebook = try Self.csv(out, "codebook").rows
        var sheets: [String: Any] = ["README": [String: Any](), "manifest": [String: Any]()]
        for name in try Self.tables(out) {
            let (header, rows) = try Self.csv(out, name)
            let kinds = header.map { column in
                codebook.first { $0[0] == name + ".csv" && $0[1] == column }?[2] ?? "text"
            }
            var formats: [String: String] = [:]
            // Only columns holding at least one number (a fully withheld share column has none).
            for (index, kind) in kinds.enumerated()
            where (kind == "count" || kind == "share" || kind == "change")
                && rows.contains(where: { Double($0[index]) != nil })
            {
                formats[XLSXWriter.columnName(index)] = kind == "count" ? "#,##0" : "0.0%"
            }
            sheets[name] =
                [
                    "header": header,
                    "rows": rows.map { row in row.enumerated().map { Self.expectedCell($1, kind: kinds[$0]) } },
                    "formats": formats,
                ] as [String: Any]
        }
        let expectations: [String: Any] = ["frozen": "A2", "exact_sheets": false, "sheets": sheets]
        let expectPath = out.deletingLastPathComponent().appendingPathComponent("expect.json")
        try JSONSerialization.data(withJSONObject: expectations).write(to: expectPath)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", TestPaths.packageRoot.appendingPathComponent("Tests/python/xlsx_check.py").path,
            out.appendingPathComponent("report.xlsx").path, expectPath.path,
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "openpyxl check failed: \(message)")
    }

    @Test(arguments: 0..<3)
    func summaryJSONMatchesTheCSVFiles(_ index: Int) throws {
        guard let out = try Self.runIfAvailable(index) else { return }
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
            as! [String: Any]
        var tables = (json["tables"] as! [[String: Any]]).map { ($0["name"] as! String, $0) }
        tables.append(("ranking", json["ranking"] as! [String: Any]))
        if let claims = json["claims"] as? [String: Any] { tables.append(("claims", claims)) }
        if let eras = json["era_shares"] as? [String: Any] { tables.append(("eras", eras)) }
        if let coverage = json["coverage"] as? [String: Any] { tables.append(("coverage", coverage)) }
        #expect(tables.count == (try Self.tables(out)).count - 3)  // agreement, rules and codebook are CSV/XLSX only
        for (name, table) in tables {
            let (header, rows) = try Self.csv(out, name)
            #expect((table["columns"] as! [[String: Any]]).map { $0["name"] as! String } == header)
            let jsonRows = table["rows"] as! [[Any]]
            #expect(jsonRows.count == rows.count, "\(name)")
            for (jsonRow, csvRow) in zip(jsonRows, rows) {
                for (value, text) in zip(jsonRow, csvRow) {
                    switch value {
                    case is NSNull: #expect(text.isEmpty, "\(name): '\(text)' is null in JSON")
                    case let flag as Bool where text == "yes" || text == "no": #expect(flag == (text == "yes"))
                    case let number as NSNumber:
                        #expect(abs(number.doubleValue - Double(text)!) < 0.000_001, "\(name): \(number) vs \(text)")
                    case let string as String:
                        #expect(string == text || "'" + string == text, "\(name): \(string) vs \(text)")
                    default: Issue.record("unexpected JSON value \(value) in \(name)")
                    }
                }
            }
        }
    }

    @Test func htmlShowsTheRankedShares() throws {
        let out = try Self.runSample()
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        let (header, rows) = try Self.csv(out, "ranking")
        let shareColumn = header.firstIndex(of: "off_target_share")!
        #expect(!rows.isEmpty)
        for row in rows {
            // Formatted here by printf, not by the report's own formatter: one decimal and a percent sign.
            let shown = String(format: "%.1f%%", Double(row[shareColumn])! * 100)
            #expect(html.contains(">" + shown), "ranked share \(row[shareColumn]) (\(shown)) missing from the HTML")
        }
        // Claims and eras cite their sources as text (escaped, never a link or a load).
        for forbidden in ["href=\"http", "<script", "src=", "url("] { #expect(!html.contains(forbidden)) }
        #expect(html.contains("http://trac.syr.edu/immigration/reports/330</td>"))
    }

    @Test func publishedOutputsCarryNoIdentifiers() throws {
        let out = try Self.runSample()
        // Person identifiers from the sample (40-hex) and birth-date cells must not leave internal/.
        let sample = try CSVTable.read(
            path: TestPaths.fixtures.appendingPathComponent("sample/ice-detainers-sample.csv").path)
        let header = sample.first { $0.contains("Anonymized Identifier") }!
        let idColumn = header.firstIndex(of: "Anonymized Identifier")!
        let identifiers = Set(
            sample.dropFirst(7).compactMap { $0.count > idColumn && $0[idColumn].count == 40 ? $0[idColumn] : nil }
                .prefix(100))
        #expect(identifiers.count == 100)
        for file in try FileManager.default.contentsOfDirectory(atPath: out.path)
        where file != "internal" && file != "report.xlsx" {
            let text = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
            #expect(!identifiers.contains { text.contains($0) }, "\(file) contains a person identifier")
            #expect(!text.contains("(b)(6), (b)(7)(c)"), "\(file) contains a birth-date cell")
        }
        let duplicates = try String(contentsOf: out.appendingPathComponent("internal/duplicates.csv"), encoding: .utf8)
        #expect(
            identifiers.contains { duplicates.contains($0) }, "internal listings keep the identifiers the analyst needs"
        )
    }
}
