import Foundation
public import AuditCore

/// The official-claims file: decoded, validated and hashed like the stated targets, before any data
/// is read.
public enum ClaimsFile {
    /// The claims shipped in `Pipelines/claims/`.
    static let defaultPath = "claims/official-claims.yml"

    /// Decodes and validates the claims file at `path`.
    /// - Throws: `RunnerError.referenceInvalid` naming the file and every problem's key path.
    public static func load(path: String) throws -> ClaimsDefinition {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw RunnerError.referenceInvalid(path: path, problems: ["cannot read the claims file"])
        }
        let claims = try ReferenceYAML.decode(ClaimsDefinition.self, from: text, path: path, kind: "an official-claims file")
        let issues = claims.validate()
        if !issues.isEmpty { throw RunnerError.referenceInvalid(path: path, problems: issues.map(\.description)) }
        return claims
    }

    /// The file's manifest entry (name, version, claim count, SHA-256).
    static func manifestEntry(_ claims: ClaimsDefinition, path: String) throws -> RunManifest.ReferenceTable {
        RunManifest.ReferenceTable(
            name: "claims:" + claims.name, version: claims.version, rows: claims.claims.count,
            files: [try FileDigest.of(path: path, display: displayPath(path))])
    }
}
