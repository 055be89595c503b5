import AuditCore
import Classify
import Foundation
import Ingest
import PipelineTestSupport

/// The shipped offense table and small record builders for rule tests.
enum TestRecords {
    static let table: OffenseTable = {
        let path = TestPaths.pipelines.appendingPathComponent("reference/offenses.csv").path
        let rows = try! CSVTable.read(path: path)
        return try! OffenseTable(version: "test", file: path, rows: rows)
    }()

    static func record(_ fields: [Field: String]) -> SourceRecord {
        var values: [Field: FieldValue] = [:]
        for (field, text) in fields {
            values[field] =
                text == "(redacted)"
                ? .redacted
                : (text.isEmpty ? .missing : .value(field == .mscCode ? OffenseCode.normalized(text) : text))
        }
        return SourceRecord(lineage: Lineage(file: "t.csv", line: 2, record: 1), fields: values)
    }

    /// Every field a detainer release carries, so the rules see a full source.
    static let detainerFields: Set<Field> = [
        .criminality, .iceThreatLevel, .mscCode, .mscName, .mscSentenceDays, .mscSentenceMonths, .mscSentenceYears,
        .aggravatedFelon, .aggravatedFelonyFlag, .priorFelony, .multiplePriorMisdemeanors,
    ]

    static func classify(
        _ fields: [Field: String], available: Set<Field> = detainerFields,
        spec: ClassificationSpec = ClassificationSpec()
    ) -> ClassifiedRecord {
        Classifier(table: table, spec: spec, availableFields: available).classify(record(fields))
    }
}
