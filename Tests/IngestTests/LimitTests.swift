import AuditCore
import Foundation
import PipelineTestSupport
import Testing
import Yams

@testable import Ingest

/// Hostile sizes fail with a clear error instead of exhausting memory.
@Suite struct LimitTests {
    static let header =
        "Detainer Prepare Date,Facility State,Detainer Facility,Detainer Criminality,MSC Charge Code,Anonymized Identifier\n"

    static func pipeline() throws -> PipelineDefinition {
        let yaml = try String(
            contentsOf: TestPaths.fixtures.appendingPathComponent("ingest/quoted-fields/pipeline.yml"), encoding: .utf8)
        return try YAMLDecoder().decode(PipelineDefinition.self, from: yaml)
    }

    static func read(_ path: String) throws -> FileIngestSummary {
        try RecordReader(pipeline: pipeline()).read(
            path: path, displayName: "big.csv", onRecord: { _, _ in }, onReject: { _ in })
    }

    /// An unbalanced quote that swallows 65 MiB: refused at the 64 MiB field limit.
    @Test func fieldLongerThanTheLimitIsAnError() throws {
        let path = TestPaths.temporaryFolder("limits").appendingPathComponent("big.csv").path
        var data = Data(
            (Self.header + "2017-01-01,NEVADA,CLARK,1 Convicted Criminal,5404,h1\n2017-01-02,NEVADA,\"").utf8)
        data.append(Data(repeating: UInt8(ascii: "x"), count: (64 << 20) + 4096))
        try data.write(to: URL(fileURLWithPath: path))
        #expect(throws: IngestError.fieldTooLarge(path: "big.csv", line: 3, limit: 64 << 20)) { try Self.read(path) }
        #expect(
            IngestError.fieldTooLarge(path: "big.csv", line: 3, limit: 64 << 20).description
                == "big.csv:3: error: a field (or the whole record) starting here is longer than 64 MiB; an unbalanced quote probably runs on through the file — check the quoting near this line"
        )
    }

    /// A record of millions of short fields is refused at the same limit instead of growing memory.
    @Test func recordLongerThanTheLimitIsAnError() throws {
        let path = TestPaths.temporaryFolder("limits").appendingPathComponent("big.csv").path
        var data = Data(Self.header.utf8)
        data.append(Data(repeating: UInt8(ascii: ","), count: 9 << 20))
        try data.write(to: URL(fileURLWithPath: path))
        #expect(throws: IngestError.fieldTooLarge(path: "big.csv", line: 2, limit: 64 << 20)) { try Self.read(path) }
    }

    /// A field of several megabytes below the limit is data like any other.
    @Test func largeFieldBelowTheLimitIsRead() throws {
        let path = TestPaths.temporaryFolder("limits").appendingPathComponent("large.csv").path
        let long = String(repeating: "y", count: 5 << 20)
        try (Self.header + "2017-01-01,NEVADA,\"\(long)\",1 Convicted Criminal,5404,h1\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        let summary = try Self.read(path)
        #expect(summary.rowsRead == 1 && summary.rowsRejected == 0)
    }

    /// Gzip expanding more than 200 times its size is refused as a probable decompression bomb.
    @Test func decompressionBombIsRefused() throws {
        let folder = TestPaths.temporaryFolder("limits")
        let plain = folder.appendingPathComponent("zeros.csv")
        var data = Data(Self.header.utf8)
        data.append(Data(repeating: UInt8(ascii: "0"), count: 20 << 20))
        try data.write(to: plain)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-9", plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        let path = plain.path + ".gz"
        #expect(throws: IngestError.decompressionLimit(path: "big.csv", ratio: 200)) { try Self.read(path) }
    }

    /// A bomb whose compressed size is large too (400 gzip members of 1 MiB of zeros each: 400 KiB
    /// that expand to 400 MiB, over 1,000 times) is refused for its ratio, not at the 64 MiB field
    /// limit as an "unbalanced quote": the ratio counts the compressed bytes zlib consumed, not the
    /// 1 MiB chunk handed to it.
    @Test func largeDecompressionBombIsRefusedForItsRatio() throws {
        let folder = TestPaths.temporaryFolder("limits")
        let zeros = folder.appendingPathComponent("zeros")
        try Data(count: 1 << 20).write(to: zeros)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-9", zeros.path]
        try gzip.run()
        gzip.waitUntilExit()
        let member = try Data(contentsOf: URL(fileURLWithPath: zeros.path + ".gz"))
        var bomb = Data()
        for _ in 0..<400 { bomb.append(member) }
        let path = folder.appendingPathComponent("bomb.csv.gz").path
        try bomb.write(to: URL(fileURLWithPath: path))
        #expect(bomb.count > 335 << 10)  // over 64 MiB / 200: the old allowance let the field limit trip first
        #expect(throws: IngestError.decompressionLimit(path: "big.csv", ratio: 200)) { try Self.read(path) }
        #expect(
            IngestError.decompressionLimit(path: "big.csv", ratio: 200).description
                == "big.csv: error: the gzip file expands more than 200 times its size; refusing it as a probable decompression bomb"
        )
    }
}
