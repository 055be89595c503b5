package import AuditCore
import Foundation

/// The official-claims file: decoded, validated and hashed like the stated targets, before any data
/// is read.
package enum ClaimsFile {
    /// The claims shipped in `Pipelines/claims/`.
    static let defaultPath = "claims/official-claims.yml"

    /// Decodes and validates the claims file at `path`.
    /// - Throws: `RunnerError.referenceInvalid` naming the file and every problem's key path.
    package static func load(path: String) throws -> ClaimsDefinition {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw RunnerError.referenceInvalid(path: path, problems: ["cannot read the claims file"])
        }
        let claims = try ReferenceYAML.decode(
            ClaimsDefinition.self, from: text, path: path, kind: "an official-claims file")
        let issues = claims.validate()
        if !issues.isEmpty { throw RunnerError.referenceInvalid(path: path, problems: issues.map(\.description)) }
        return claims
    }

    /// The pipeline's claims file (`reference.claims`, resolved like the targets) with its manifest
    /// entry; nil when the pipeline names none and the default file is not beside it.
    /// - Throws: `RunnerError.referenceInvalid` for a named file that cannot be read or is invalid.
    static func load(for pipeline: LoadedPipeline) throws -> (ClaimsDefinition, RunManifest.ReferenceTable)? {
        let named = pipeline.definition.reference.claims
        let path = try pipeline.resolve(named ?? defaultPath, keyPath: "reference.claims")
        if named == nil && !FileManager.default.fileExists(atPath: path) { return nil }
        let claims = try load(path: path)
        return (claims, try manifestEntry(claims, path: path))
    }

    /// The file's manifest entry (name, version, claim count, SHA-256).
    static func manifestEntry(_ claims: ClaimsDefinition, path: String) throws -> RunManifest.ReferenceTable {
        RunManifest.ReferenceTable(
            name: "claims:" + claims.name, version: claims.version, rows: claims.claims.count,
            files: [try FileDigest.of(path: path, display: displayPath(path))])
    }
}
