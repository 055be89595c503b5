import Foundation
import PipelineTestSupport
import Runner
import Testing

/// A run over a value and a file name holding bidirectional overrides: every output format shows
/// them as `<U+XXXX>` and none holds the raw character.
@Suite(.serialized) struct BidiControlOutputTests {
    @Test func everyFormatWritesThemOut() throws {
        let folder = TestPaths.temporaryFolder("bidi")
        let pipeline = folder.appendingPathComponent("p.yml")
        try """
        name: bidi
        columns:
          date: {names: ["Date"], required: true}
          state: ["State"]
        reference:
          offenses: \(TestPaths.pipelines.path)/reference/offenses.meta.yml
          targets: \(TestPaths.pipelines.path)/targets/secure-communities.yml
        publication: {min_count: 1}
        reports:
          - name: by_state
            group_by: [state]
        """.write(to: pipeline, atomically: true, encoding: .utf8)
        let input = folder.appendingPathComponent("in\u{2067}put.csv")
        try "Date,State\n2012-03-01,TX\u{202E}txt.exe\n2012-03-02,TX\u{202E}txt.exe\n".write(
            to: input, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        _ = try PipelineRun(
            options: RunOptions(
                pipelinePath: pipeline.path, inputs: [input.path], outputFolder: out.path,
                fixedTime: "2026-01-01T00:00:00Z")
        ).execute()

        for name in try FileManager.default.contentsOfDirectory(atPath: out.path)
        where !name.hasSuffix(".xlsx") && name != "internal" {
            let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            #expect(
                !text.unicodeScalars.contains { [0x202E, 0x2067].contains($0.value) },
                "\(name) holds a raw bidi control")
        }
        let csv = try String(contentsOf: out.appendingPathComponent("by_state.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\r\n")[1].hasPrefix("TX<U+202E>txt.exe,2,"))
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("TX&lt;U+202E&gt;txt.exe"))
        let summary =
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json")))
            as? [String: Any]
        let table = (summary?["tables"] as? [[String: Any]])?.first
        #expect(((table?["rows"] as? [[Any]])?.first?.first as? String) == "TX<U+202E>txt.exe")
        let manifest = try String(contentsOf: out.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("in<U+2067>put.csv\""))
        #expect(
            try Self.workbookCell(out.appendingPathComponent("report.xlsx"), sheet: "by_state", cell: "A2")
                == "TX<U+202E>txt.exe")
    }

    /// A cell's value as openpyxl reads it.
    static func workbookCell(_ workbook: URL, sheet: String, cell: String) throws -> String {
        let result = try Python.run(
            "import openpyxl,sys; print(openpyxl.load_workbook(sys.argv[1])[sys.argv[2]][sys.argv[3]].value, end='')",
            [workbook.path, sheet, cell])
        #expect(result.status == 0)
        return result.stdout
    }
}
