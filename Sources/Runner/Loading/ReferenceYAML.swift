import AuditCore
import Foundation
import Yams

/// Decodes a YAML reference file (stated targets, offense table metadata) so that no error quotes it.
///
/// A pipeline may name any absolute path as a reference (`targets: /etc/shadow`), and messages end up
/// on terminals, in cron mail and CI logs. So an error about a reference file gives its path, a line,
/// a column and what was expected — never a key, a value or a line of the file: Yams' own messages
/// (which print the offending line) are not used, and the unknown key that a foreign file's first
/// line becomes is left out of the key path. The schemas hold no dictionaries, so every other key in
/// a coding path is one the schema names.
enum ReferenceYAML {
    static func decode<T: Decodable>(_ type: T.Type, from text: String, path: String, kind: String) throws -> T {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw problem(path, nil, "the file is empty; expected \(kind)")
            }
            root = node
        } catch let error as YamlError {
            throw problem(path, mark(of: error), "not valid YAML; expected \(kind)")
        }
        do {
            return try YAMLDecoder().decode(type, from: root)
        } catch let error as DecodingError {
            let (codingPath, message) = describe(error, kind: kind)
            throw problem(path, locate(codingPath, in: root), message)
        }
    }

    /// `path: error: line L, column C: message` (without a position when there is none).
    private static func problem(_ path: String, _ mark: Mark?, _ message: String) -> RunnerError {
        let position = mark.map { "line \($0.line), column \($0.column): " } ?? ""
        return RunnerError.referenceInvalid(path: path, problems: [position + message])
    }

    /// Where a syntax error is; Yams' description would add the line's text.
    private static func mark(of error: YamlError) -> Mark? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark
        case .duplicatedKeysInMapping(_, let context): context.mark
        default: nil
        }
    }

    /// The coding path to locate and a message built from the schema alone.
    private static func describe(_ error: DecodingError, kind: String) -> ([any CodingKey], String) {
        func keys(_ codingPath: [any CodingKey]) -> String {
            let text = DecodingErrorText.keyPath(codingPath)
            return text == "(top level)" ? "" : " (\(text))"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return (
                context.codingPath,
                "missing required key '\(key.stringValue)'\(keys(context.codingPath)); expected \(kind)"
            )
        case .typeMismatch(let type, let context):
            return (context.codingPath, "expected \(DecodingErrorText.describe(type))\(keys(context.codingPath))")
        case .valueNotFound(let type, let context):
            return (
                context.codingPath,
                "expected \(DecodingErrorText.describe(type)), found nothing\(keys(context.codingPath))"
            )
        case .dataCorrupted(let context):
            // `rejectUnknownKeys`: the last key is the file's, the list after it the schema's.
            if let list = context.debugDescription.range(of: "; expected one of: ") {
                let parent = Array(context.codingPath.dropLast())
                return (
                    context.codingPath,
                    "unknown key\(keys(parent)); expected one of: \(context.debugDescription[list.upperBound...]) (\(kind))"
                )
            }
            return (context.codingPath, "\(context.debugDescription)\(keys(context.codingPath))")
        @unknown default:
            return ([], "not \(kind)")
        }
    }

    /// Where the value a coding path names is written: the line of its key in a mapping, of the item
    /// in a list; as far as the path can be followed (a missing key: its parent).
    private static func locate(_ codingPath: [any CodingKey], in root: Node) -> Mark? {
        var node = root
        var mark = root.mark
        for key in codingPath {
            if let index = key.intValue, let sequence = node.sequence, index < sequence.count {
                node = sequence[index]
                mark = node.mark
            } else if let pair = node.mapping?.first(where: { $0.key.string == key.stringValue }) {
                node = pair.value
                mark = pair.key.mark
            } else {
                break
            }
        }
        return mark
    }
}
