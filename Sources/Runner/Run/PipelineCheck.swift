import AuditCore
import Classify

/// `validate`: loads a pipeline and the rule tables it names, reading no data.
package enum PipelineCheck {
    /// Returns a one-line description of what was checked.
    /// - Throws: `RunnerError` with every problem found, located by key path or table row.
    package static func check(path: String) throws -> String {
        let pipeline = try LoadedPipeline.load(path: path)
        let references = try ReferenceTables.load(for: pipeline)
        let definition = pipeline.definition
        return
            "pipeline '\(definition.name)', \(definition.columns.count) mapped fields, \(definition.reports.count) reports, "
            + "offense table \(references.offenses.version) with \(references.offenses.count) codes"
    }
}
