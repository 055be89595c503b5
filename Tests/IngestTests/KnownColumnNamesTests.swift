import AuditCore
import Foundation
import PipelineTestSupport
import Testing
import Yams

@testable import Ingest

/// The known spellings behind the "column left unmapped" warning cover every spelling the shipped
/// pipelines map for a field classification reads, and fold case, spaces and underscores only.
@Suite struct KnownColumnNamesTests {
    @Test func everyShippedPipelineSpellingOfAnEvidenceFieldIsKnown() throws {
        let folder = TestPaths.packageRoot.appendingPathComponent("Pipelines")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yml") }
        #expect(files.count >= 5)
        var checked = 0
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let yaml = try #require(try Yams.load(yaml: text) as? [String: Any])
            for (name, spec) in yaml["columns"] as? [String: Any] ?? [:] {
                guard let field = Field(rawValue: name), KnownColumnNames.spellings[field] != nil else { continue }
                let names =
                    spec as? [String] ?? (spec as? [String: Any])?["names"] as? [String]
                    ?? [spec as? String].compactMap { $0 }
                for column in names {
                    #expect(KnownColumnNames.field(forColumn: column) == field, "\(file): \(name) '\(column)'")
                    checked += 1
                }
            }
        }
        #expect(checked > 40)
    }

    @Test func spellingsFoldCaseSpacesAndUnderscoresOnly() {
        #expect(KnownColumnNames.field(forColumn: "aggravated_felony_yes_no") == .aggravatedFelonyFlag)
        #expect(KnownColumnNames.field(forColumn: "AGGRAVATED FELONY YES NO") == .aggravatedFelonyFlag)
        #expect(KnownColumnNames.field(forColumn: "Aggravated Felon Yes No") == .aggravatedFelon)
        #expect(KnownColumnNames.field(forColumn: "MSC Sentence") == nil)
        #expect(KnownColumnNames.field(forColumn: "Gender") == nil)
    }
}
