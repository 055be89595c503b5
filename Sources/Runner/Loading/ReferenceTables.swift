package import AuditCore
package import Classify
import Foundation
import Ingest
import Yams

/// The offense table a pipeline uses, loaded from its metadata file and CSV, with hashes.
package struct ReferenceTables: Sendable {
    package var offenses: OffenseTable
    package var targets: TargetsDefinition
    /// The official claims (nil when the pipeline names none and the default file is absent).
    package var claims: ClaimsDefinition?
    package var manifestEntries: [RunManifest.ReferenceTable]
    /// What the tables were built from, to build private copies (`privateCopy`).
    private var source: (offenseVersion: String, offenseFile: String, offenseRows: [[String]], targetsYAML: String)?

    /// The same tables built again from their sources, with strings of their own, for one parsing
    /// thread: every record looks offenses and eras up and copies out their strings, and strings
    /// shared by threads have their reference counts bounced between cores on every record.
    func privateCopy() -> ReferenceTables {
        guard let source else { return self }
        func fresh(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }
        var copy = self
        if let offenses = try? OffenseTable(
            version: fresh(source.offenseVersion), file: fresh(source.offenseFile),
            rows: source.offenseRows.map { $0.map(fresh) })
        {
            copy.offenses = offenses
        }
        if let targets = try? YAMLDecoder().decode(TargetsDefinition.self, from: fresh(source.targetsYAML)) {
            copy.targets = targets
        }
        return copy
    }

    /// The metadata file beside the CSV: `table`, `version`, `file`, `description`, `sources`, `caveats`.
    struct OffenseMetadata: Decodable {
        var table: String
        var version: String
        var file: String
    }

    /// The table shipped in `Pipelines/reference/` is the default when a pipeline names none.
    static let defaultOffenses = "reference/offenses.meta.yml"
    static let defaultTargets = "targets/secure-communities.yml"

    static func load(for pipeline: LoadedPipeline) throws -> ReferenceTables {
        let metaPath = try pipeline.resolve(
            pipeline.definition.reference.offenses ?? defaultOffenses, keyPath: "reference.offenses")
        guard let metaData = FileManager.default.contents(atPath: metaPath),
            let metaText = String(data: metaData, encoding: .utf8)
        else {
            throw RunnerError.referenceInvalid(
                path: metaPath, problems: ["cannot read the offense table's metadata file"])
        }
        let metadata = try ReferenceYAML.decode(
            OffenseMetadata.self, from: metaText, path: metaPath,
            kind: "an offense table's metadata (table, version, file)")
        let folder = (metaPath as NSString).deletingLastPathComponent
        let csvPath = URL(fileURLWithPath: folder).appendingPathComponent(metadata.file).standardizedFileURL.path
        guard csvPath.hasPrefix(folder + "/") else {
            throw RunnerError.referenceInvalid(
                path: metaPath, problems: ["file: '\(metadata.file)' must be inside the metadata file's folder"])
        }
        let rows: [[String]]
        do { rows = try CSVTable.read(path: csvPath) } catch {
            throw RunnerError.referenceInvalid(path: csvPath, problems: ["\(error)"])
        }
        let table: OffenseTable
        do { table = try OffenseTable(version: metadata.version, file: csvPath, rows: rows) } catch {
            throw RunnerError.offenseTable(path: csvPath, reason: error.description)
        }
        let entry = RunManifest.ReferenceTable(
            name: metadata.table, version: metadata.version, rows: table.count,
            files: [
                try FileDigest.of(path: metaPath, display: displayPath(metaPath)),
                try FileDigest.of(path: csvPath, display: displayPath(csvPath)),
            ])
        let (targets, targetsEntry, targetsYAML) = try loadTargets(for: pipeline)
        var tables = ReferenceTables(offenses: table, targets: targets, manifestEntries: [entry, targetsEntry])
        tables.source = (metadata.version, csvPath, rows, targetsYAML)
        if let (claims, claimsEntry) = try ClaimsFile.load(for: pipeline) {
            tables.claims = claims
            tables.manifestEntries.append(claimsEntry)
        }
        return tables
    }

    /// The stated targets file: decoded, validated (eras must not overlap), hashed.
    static func loadTargets(for pipeline: LoadedPipeline) throws -> (
        TargetsDefinition, RunManifest.ReferenceTable, String
    ) {
        let path = try pipeline.resolve(
            pipeline.definition.reference.targets ?? defaultTargets, keyPath: "reference.targets")
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw RunnerError.referenceInvalid(path: path, problems: ["cannot read the stated-targets file"])
        }
        let targets = try ReferenceYAML.decode(
            TargetsDefinition.self, from: text, path: path, kind: "a stated-targets file")
        let issues = targets.validate()
        if !issues.isEmpty { throw RunnerError.referenceInvalid(path: path, problems: issues.map(\.description)) }
        let entry = RunManifest.ReferenceTable(
            name: "targets:" + targets.name, version: targets.version, rows: targets.eras.count,
            files: [try FileDigest.of(path: path, display: displayPath(path))])
        return (targets, entry, text)
    }
}

/// A path shown relative to the working directory when it lies inside it, for stable listings.
func displayPath(_ path: String) -> String {
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    let current = FileManager.default.currentDirectoryPath
    let prefix = current.hasSuffix("/") ? current : current + "/"
    return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : path
}
