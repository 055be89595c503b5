import AuditCore
import Foundation
import PipelineTestSupport
import Testing

@testable import Ingest

/// Parallel reading (`BlockSplitter` + `ParallelParse`) must give exactly what the sequential parse
/// gives — records, fingerprints, lineage, rejects, summaries and errors — whatever the block size.
@Suite struct ParallelReadTests {
    /// Tiny blocks put a block boundary after almost every record; a small limit sends long quoted
    /// fields down the "no boundary in sight" path (the rest read on one thread).
    static let settings: [Parallelism] = [
        Parallelism(workers: 1, blockBytes: 1, limitBytes: 1),
        Parallelism(workers: 2, blockBytes: 1, limitBytes: 1 << 20),
        Parallelism(workers: 3, blockBytes: 7, limitBytes: 40),
        Parallelism(workers: 2, blockBytes: 64, limitBytes: 256),
    ]

    @Test(arguments: IngestFixtureTests.cases)
    func fixtureReadsTheSameInParallel(_ name: String) throws {
        let (original, input, display) = try IngestFixtureTests.load(name)
        // Blocks go to workers once the header search is over; a short search window makes these
        // small files reach that point (both ways of reading use the same window).
        for window in [original.source.headerSearchRows, 1, 2, 3] {
            var pipeline = original
            pipeline.source.headerSearchRows = window
            let sequential = IngestFixtureTests.dump(
                pipeline: pipeline, input: input, display: display, fingerprints: true)
            for setting in Self.settings {
                let parallel = IngestFixtureTests.dump(
                    pipeline: pipeline, input: input, display: display, parallelism: setting, fingerprints: true)
                #expect(parallel == sequential, "\(name), header window \(window), \(setting)")
            }
        }
    }

    /// The bundled 5,000-row sample (quoted fields, line breaks inside quotes, duplicates, rejects) in
    /// 8 KiB blocks: hundreds of blocks on three workers.
    @Test func sampleReadsTheSameInParallel() throws {
        let (pipeline, input) = try IngestFixtureTests.samplePipeline()
        let sequential = IngestFixtureTests.dump(
            pipeline: pipeline, input: input, display: "sample.csv", fingerprints: true)
        let parallel = IngestFixtureTests.dump(
            pipeline: pipeline, input: input, display: "sample.csv",
            parallelism: Parallelism(workers: 3, blockBytes: 8 << 10, limitBytes: 64 << 10), fingerprints: true)
        #expect(sequential.hasPrefix("header_line: 7"))
        #expect(sequential.components(separatedBy: "\nrecord ").count > 4000)
        #expect(parallel == sequential)
    }

    /// Cut points and line counts on hand-made input: quoted line breaks, CRLF, lone CR, blank lines.
    @Test func splitterCutsOnlyOutsideQuotes() {
        let text = "a,b\r\n\"x\ny\",2\n\n\"q\"\"\r\",3\rz,4\n"
        var splitter = BlockSplitter(target: 1, limit: 1000)
        var blocks: [BlockSplitter.Block] = []
        // One byte at a time: a CR at the end of a chunk waits for the next byte.
        for byte in Array(text.utf8) {
            blocks += [byte].withUnsafeBytes { splitter.append($0) }
        }
        blocks.append(splitter.takeRest())
        let pieces = blocks.map { String(decoding: $0.bytes, as: UTF8.self) }
        #expect(pieces == ["a,b\r\n", "\"x\ny\",2\n", "\n", "\"q\"\"\r\",3\r", "z,4\n", ""])
        #expect(blocks.map(\.startLine) == [1, 2, 4, 5, 7, 8])
        #expect(!splitter.overflowed)
    }

    @Test func splitterOverflowsWithoutABoundary() {
        var splitter = BlockSplitter(target: 4, limit: 16)
        let open = Array("\"a field that never closes, longer than the limit".utf8)
        let blocks = open.withUnsafeBytes { splitter.append($0) }
        #expect(blocks.isEmpty)
        #expect(splitter.overflowed)
        #expect(splitter.takeRest().bytes == open)
    }
}
