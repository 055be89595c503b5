import AuditCore
import Foundation
import Ingest
import PipelineTestSupport
import Testing
import Yams

/// Every folder in `Fixtures/ingest/` is one case: `input.csv` (or `.csv.gz`) and `pipeline.yml`
/// next to `expected.txt` — the records, rejects and summary ingest produced, or the exact error.
@Suite struct IngestFixtureTests {
    static let cases = TestPaths.cases(in: "ingest")

    @Test(arguments: cases)
    func fixture(_ name: String) throws {
        let (pipeline, input, display) = try Self.load(name)
        #expect(pipeline.validate().isEmpty)
        let dump = Self.dump(pipeline: pipeline, input: input, display: display)
        let expected = TestPaths.fixtures.appendingPathComponent("ingest/\(name)/expected.txt")
        if let diff = Golden.check(dump, against: expected) {
            Issue.record(Comment(rawValue: diff))
        }
    }

    /// Quoted spaces are data for the exact-row fingerprint too: `"trail "` repeats `"trail "` (records
    /// 3 and 7 of `quoted-spaces`), not the unquoted `trail` (record 6).
    @Test func quotedSpacesTellRowsApart() throws {
        let (pipeline, input, display) = try Self.load("quoted-spaces")
        let lines = Self.dump(pipeline: pipeline, input: input, display: display, fingerprints: true).split(
            separator: "\n")
        let fingerprints = lines.filter { $0.hasPrefix("fingerprint ") }
        #expect(fingerprints.count == 7)
        #expect(fingerprints[2] == fingerprints[6])
        #expect(fingerprints[2] != fingerprints[5])
    }

    /// A case's pipeline, its input file and the name records and messages give the file.
    static func load(_ name: String) throws -> (pipeline: PipelineDefinition, input: URL, display: String) {
        let folder = TestPaths.fixtures.appendingPathComponent("ingest/\(name)")
        let yaml = try String(contentsOf: folder.appendingPathComponent("pipeline.yml"), encoding: .utf8)
        let pipeline = try YAMLDecoder().decode(PipelineDefinition.self, from: yaml)
        let input = ["input.csv", "input.csv.gz"].map { folder.appendingPathComponent($0) }
            .first { FileManager.default.fileExists(atPath: $0.path) }!
        return (pipeline, input, "\(name)/\(input.lastPathComponent)")
    }

    /// The default pipeline (`Pipelines/ice-detainers.yml`) as ingest sees it, and the bundled sample.
    static func samplePipeline() throws -> (pipeline: PipelineDefinition, input: URL) {
        let yaml = try String(
            contentsOf: TestPaths.pipelines.appendingPathComponent("ice-detainers.yml"), encoding: .utf8)
        return (
            try YAMLDecoder().decode(PipelineDefinition.self, from: yaml),
            TestPaths.fixtures.appendingPathComponent("sample/ice-detainers-sample.csv")
        )
    }

    /// One charge's parts as `part='text'`, absent parts left out.
    static func describe(_ charge: Charge) -> String {
        let parts: [(String, String?)] = [
            ("code", charge.code), ("name", charge.name), ("category", charge.category), ("status", charge.status),
            ("date", charge.date?.isoString),
        ]
        return parts.compactMap { name, value in value.map { "\(name)='\($0)'" } }.joined(separator: " ")
    }

    /// A readable, complete description of what ingest did with the file.
    /// - Parameter fingerprints: also list every record's fingerprint (to compare two ways of reading).
    static func dump(
        pipeline: PipelineDefinition, input: URL, display: String, parallelism: Parallelism? = nil,
        fingerprints: Bool = false,
        fastPath: Bool = true
    ) -> String {
        var lines: [String] = []
        var records = 0
        var reader = RecordReader(pipeline: pipeline, parallelism: parallelism)
        reader.fastPath = fastPath
        do {
            let summary = try reader.read(
                path: input.path, displayName: display,
                onRecord: { record, fingerprint in
                    records += 1
                    let mapped = pipeline.columns.keys.sorted() + (pipeline.charges == nil ? [] : [Field.chargeCount])
                    let fields = mapped.map { "\($0.rawValue)=\(record[$0].groupLabel)" }
                    lines.append(
                        "record \(record.lineage.record) line \(record.lineage.line) weight \(record.weight) date \(record.date?.isoString ?? "-"): \(fields.joined(separator: " | "))"
                    )
                    for charge in record.charges ?? [] { lines.append("  charge: \(Self.describe(charge))") }
                    if fingerprints { lines.append("fingerprint \(fingerprint.high) \(fingerprint.low)") }
                },
                onReject: { reject in
                    lines.append(
                        "reject \(reject.lineage.record) line \(reject.lineage.line) column \(reject.column ?? "-"): \(reject.reason)"
                    )
                })
            let header =
                [
                    "header_line: \(summary.headerLine)", "preamble_rows: \(summary.preambleRows)",
                    "rows_read: \(summary.rowsRead) = records \(records) + rejected \(summary.rowsRejected)",
                    "columns: "
                        + summary.columnsUsed.sorted { $0.key < $1.key }.map { "\($0.key.rawValue)='\($0.value)'" }
                        .joined(separator: ", "),
                    "absent: " + summary.absentFields.map(\.rawValue).joined(separator: ", "),
                ] + summary.findings.map { "finding: \($0.severity.rawValue) \($0.code): \($0.message)" }
            return (header + lines).joined(separator: "\n") + "\n"
        } catch {
            return "error: \(error)\n"
        }
    }
}
