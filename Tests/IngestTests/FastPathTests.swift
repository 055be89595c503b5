import AuditCore
import Foundation
import PipelineTestSupport
import Testing

@testable import Ingest

/// The quote-free fast path of `LibCSVParser.feed` must give exactly libcsv's fields, rows and line
/// numbers; libcsv stays the arbiter for every line holding a quote.
@Suite struct FastPathTests {
    /// Every ingest fixture, read with the fast path and with libcsv alone.
    @Test(arguments: IngestFixtureTests.cases)
    func fixtureReadsTheSameWithoutLibCSVForQuoteFreeLines(_ name: String) throws {
        let (pipeline, input, display) = try IngestFixtureTests.load(name)
        let libcsv = IngestFixtureTests.dump(
            pipeline: pipeline, input: input, display: display, fingerprints: true, fastPath: false)
        let fast = IngestFixtureTests.dump(pipeline: pipeline, input: input, display: display, fingerprints: true)
        #expect(fast == libcsv)
    }

    /// The sample quotes a redaction marker on every line: the fast path gives up after its trial
    /// lines and libcsv reads the rest; the result is the same either way.
    @Test func sampleReadsTheSameWhenTheFastPathGivesUp() throws {
        let (pipeline, input) = try IngestFixtureTests.samplePipeline()
        let libcsv = IngestFixtureTests.dump(
            pipeline: pipeline, input: input, display: "sample.csv", fingerprints: true, fastPath: false)
        #expect(
            IngestFixtureTests.dump(pipeline: pipeline, input: input, display: "sample.csv", fingerprints: true)
                == libcsv)
    }

    /// Rows straight from the parser, for inputs the fixtures do not spell out; every chunk size.
    static func rows(_ text: String, delimiter: UInt8 = 44, fastPath: Bool, chunk: Int) throws -> [String] {
        var rows: [String] = []
        let parser = try LibCSVParser(delimiter: delimiter, fastPath: fastPath) { row in
            rows.append("\(row.line): " + (0..<row.count).map { "[\(row.text($0))]" }.joined())
        }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunk)
            try bytes[offset..<end].withUnsafeBytes { try parser.feed($0) }
            offset = end
        }
        try parser.finish()
        return rows
    }

    @Test(arguments: [
        "a,b\r\n  x , y\t,\t\r\n \t \r\n,,\n\n\"q\"\"\",z\r\nlast,line",
        "a\rb\r\r\nc,\"d\ne\"\r f ,g\n",
        "one\n\"two\"\n  three  \n",
    ])
    func handMadeInput(_ text: String) throws {
        for chunk in [1, 2, 3, 7, 1 << 20] {
            let libcsv = try Self.rows(text, fastPath: false, chunk: chunk)
            #expect(try Self.rows(text, fastPath: true, chunk: chunk) == libcsv, "chunks of \(chunk)")
        }
        #expect(
            try Self.rows("a,b\r\n  x , y\t,\t\r\n \t \r\n,,\n", fastPath: true, chunk: 5) == [
                "1: [a][b]", "2: [x][y][]", "4: [][][]",
            ])
    }

    /// libcsv trims spaces and tabs outside quotes only: inside them everything is kept, at any chunk size.
    @Test func quotedFieldsKeepTheirSpaces() throws {
        let text = "\"  a  \",  \"b\"  ,\t c \t,\"\t=1\"\r\n"
        for chunk in [1, 3, 1 << 20] {
            #expect(
                try Self.rows(text, fastPath: true, chunk: chunk) == ["1: [  a  ][b][c][\t=1]"], "chunks of \(chunk)")
            #expect(
                try Self.rows(text, fastPath: false, chunk: chunk) == ["1: [  a  ][b][c][\t=1]"], "chunks of \(chunk)")
        }
    }

    /// Spaces and tabs are only trimmed when they are not the delimiter.
    @Test func whitespaceDelimiters() throws {
        let text = " a \t b \n\t\n  \n"
        for delimiter: UInt8 in [9, 32] {
            let libcsv = try Self.rows(text, delimiter: delimiter, fastPath: false, chunk: 4)
            #expect(
                try Self.rows(text, delimiter: delimiter, fastPath: true, chunk: 4) == libcsv, "delimiter \(delimiter)")
        }
        #expect(try Self.rows(text, delimiter: 9, fastPath: true, chunk: 100) == ["1: [a][b]", "2: [][]"])
    }
}
