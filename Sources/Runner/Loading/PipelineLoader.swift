package import AuditCore
import Foundation
import Yams

/// Loads and validates a pipeline file, and resolves the paths it names.
package struct LoadedPipeline: Sendable {
    package var definition: PipelineDefinition
    /// The pipeline file as given.
    package var path: String
    /// The raw bytes, for the manifest's hash.
    package var bytes: [UInt8]

    /// Reads `path`, decodes it and validates it whole.
    /// - Throws: `RunnerError.pipelineInvalid` listing every problem with its key path.
    package static func load(path: String) throws -> LoadedPipeline {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            throw RunnerError.pipelineUnreadable(
                path: path,
                reason: exists ? (isDirectory.boolValue ? "it is a directory" : "permission denied") : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RunnerError.pipelineUnreadable(path: path, reason: "the file is not UTF-8 text")
        }
        let definition: PipelineDefinition
        do {
            definition = try YAMLDecoder().decode(PipelineDefinition.self, from: text)
        } catch let error as DecodingError {
            throw RunnerError.pipelineInvalid(path: path, problems: [DecodingErrorText.describe(error)])
        } catch {
            throw RunnerError.pipelineInvalid(path: path, problems: ["not valid YAML: \(error)"])
        }
        let issues = definition.validate()
        if !issues.isEmpty { throw RunnerError.pipelineInvalid(path: path, problems: issues.map(\.description)) }
        return LoadedPipeline(definition: definition, path: path, bytes: [UInt8](data))
    }

    /// The folder the pipeline file is in; relative paths in it resolve against this.
    package var folder: String {
        (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
    }

    /// Resolves a path the pipeline names: absolute paths as they are; relative ones inside the
    /// pipeline's folder, which they may not leave.
    func resolve(_ reference: String, keyPath: String) throws -> String {
        if reference.hasPrefix("/") { return reference }
        let base = URL(fileURLWithPath: folder).standardizedFileURL.path
        let resolved = URL(fileURLWithPath: base).appendingPathComponent(reference).standardizedFileURL.path
        guard resolved == base || resolved.hasPrefix(base.hasSuffix("/") ? base : base + "/") else {
            throw RunnerError.referenceOutsidePipeline(path: path, keyPath: keyPath, reference: reference)
        }
        return resolved
    }

    /// Default inputs may point anywhere relative to the pipeline (e.g. `../Fixtures/...`): they are
    /// data the user chose, not tables the pipeline trusts.
    func resolveInput(_ input: String) -> String {
        if input.hasPrefix("/") { return input }
        return URL(fileURLWithPath: folder).appendingPathComponent(input).standardizedFileURL.path
    }
}

/// Turns Swift's decoding errors into `key.path[2]: message` lines.
enum DecodingErrorText {
    /// `eras[0].from`, or `(top level)`.
    static func keyPath(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text.isEmpty ? "(top level)" : text
    }

    static func describe(_ error: DecodingError) -> String {
        let path = keyPath
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            let missing = "missing required key '\(key.stringValue)'"
            return parent == "(top level)" ? missing : "\(parent): \(missing)"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(describe(type)) (\(context.debugDescription))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)): expected \(describe(type)), found nothing"
        case .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        // Yams names its own node types: Node.Sequence is a list too.
        default: "\(type)".contains("Array") || "\(type)".contains("Sequence") ? "a list" : "a mapping"
        }
    }
}
