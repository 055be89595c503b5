import Foundation
import AuditCore
import Reports

/// What changed since the last successful run into the same output folder.
///
/// ICE revises records between releases and has withdrawn whole releases; the morning after, the
/// analyst needs to see it. Three outputs:
/// - `changes.csv` (published): per report group, every count (and the off-target share) that moved,
///   previous, current and change. Counts from 1 to k−1 in either run are shown as `<k` and their
///   change withheld.
/// - `changes_files.csv` (published): every input path, new / vanished / changed / unchanged, with
///   both hashes and counted rows.
/// - `internal/changes_records.csv`: where the pipeline declares a duplicate key, each record added,
///   removed or revised (same key, different content), with its key — identifiers, so internal only.
struct ChangeReport {
    static let recordLimit = 2_000_000

    var changes: OutputFile
    var files: OutputFile
    var records: OutputFile?
    var summary: RunManifest.ChangeSummary

    static func build(
        current: [ReportTable], currentInputs: [RunManifest.Input], currentIndexes: [String],
        previous: (run: RunHistory.Run, inputs: [RunHistory.Input], groups: [String: [[String]: [Int]]])?,
        previousIndexes: [String]?, keyDeclared: Bool, k: Int
    ) -> ChangeReport {
        var changes = CSVDocument(header: ["report", "group", "measure", "previous", "current", "change"])
        var changedValues = 0
        if let previous {
            for table in current {
                let before = previous.groups[table.spec.name] ?? [:]
                let after = Dictionary(uniqueKeysWithValues: table.rows.map { ($0.key, $0.counts.values) })
                let keys = Set(before.keys).union(after.keys).sorted { $0.lexicographicallyPrecedes($1) }
                for key in keys {
                    let group = zip(table.spec.groupBy.map(\.rawValue), key).map { "\($0)=\($1)" }.joined(separator: "; ")
                    let old = before[key] ?? [Int](repeating: 0, count: CountColumn.allCases.count)
                    let new = after[key] ?? [Int](repeating: 0, count: CountColumn.allCases.count)
                    guard old.count == new.count else { continue }
                    for column in CountColumn.allCases where old[column.index] != new[column.index] {
                        changedValues += 1
                        let (a, b) = (old[column.index], new[column.index])
                        let small = (a > 0 && a < k) || (b > 0 && b < k)
                        changes.append([
                            .text(table.spec.name), .text(group), .text(column.rawValue),
                            small && a > 0 && a < k ? .text("<\(k)") : .integer(a),
                            small && b > 0 && b < k ? .text("<\(k)") : .integer(b),
                            small ? .empty : .integer(b - a),
                        ])
                    }
                    if let oldShare = share(old, k: k), let newShare = share(new, k: k), oldShare != newShare {
                        changes.append([.text(table.spec.name), .text(group), .text("off_target_share"),
                                        .decimal(oldShare), .decimal(newShare), .decimal(newShare - oldShare)])
                    }
                }
            }
        }

        var files = CSVDocument(header: ["path", "status", "previous_sha256", "current_sha256", "previous_rows_counted", "current_rows_counted"])
        let before = Dictionary((previous?.inputs ?? []).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var counts = (new: 0, vanished: 0, changed: 0, unchanged: 0)
        for input in currentInputs {
            let old = before[input.file.path]
            let status: String
            switch old {
            case nil: status = "new"; counts.new += 1
            case let old? where old.sha256 == input.file.sha256: status = "unchanged"; counts.unchanged += 1
            default: status = "changed"; counts.changed += 1
            }
            files.append([.text(input.file.path), .text(status), old.map { .text($0.sha256) } ?? .empty, .text(input.file.sha256),
                          old.map { .integer($0.rowsCounted) } ?? .empty, .integer(input.rowsCounted)])
        }
        let currentPaths = Set(currentInputs.map(\.file.path))
        for old in (previous?.inputs ?? []) where !currentPaths.contains(old.path) {
            counts.vanished += 1
            files.append([.text(old.path), .text("vanished"), .text(old.sha256), .empty, .integer(old.rowsCounted), .empty])
        }

        var recordFile: OutputFile?
        var added: Int?, removed: Int?, revised: Int?
        var note: String
        if previous == nil {
            note = "no earlier successful run into this output folder"
        } else if !keyDeclared {
            note = "not available: the pipeline declares no duplicate key to identify records"
        } else if let previousIndexes {
            let old = load(previousIndexes)
            let new = load(currentIndexes)
            if let old, let new {
                var listing = CSVDocument(header: ["change", "key", "previous_fingerprint", "current_fingerprint"])
                var tally = (0, 0, 0)
                for key in Set(old.keys).union(new.keys).sorted() {
                    switch (old[key], new[key]) {
                    case (nil, let now?): tally.0 += 1; listing.append([.text("added"), .text(key), .empty, .text(now)])
                    case (let was?, nil): tally.1 += 1; listing.append([.text("removed"), .text(key), .text(was), .empty])
                    case (let was?, let now?) where was != now: tally.2 += 1; listing.append([.text("revised"), .text(key), .text(was), .text(now)])
                    default: break
                    }
                }
                (added, removed, revised) = (tally.0, tally.1, tally.2)
                recordFile = OutputFile(name: BuiltInOutputs.internalFolder + "/" + BuiltInOutputs.changesRecords + ".csv", document: listing)
                note = "compared by the duplicate key; revised = same key, different row content"
            } else {
                note = "not available: more than \(recordLimit) records, a record index is missing, or one was written by another version of the tool (another row fingerprint)"
            }
        } else {
            note = "not available: the previous run's per-file record index is no longer in the cache"
        }
        let summary = RunManifest.ChangeSummary(
            previousRunID: previous?.run.id, previousStartedAt: previous?.run.startedAt, filesNew: counts.new, filesVanished: counts.vanished,
            filesChanged: counts.changed, filesUnchanged: counts.unchanged, groupValuesChanged: changedValues,
            recordsAdded: added, recordsRemoved: removed, recordsRevised: revised, recordLevelNote: note)
        return ChangeReport(
            changes: OutputFile(name: BuiltInOutputs.changes + ".csv", document: changes), files: OutputFile(name: BuiltInOutputs.changesFiles + ".csv", document: files),
            records: recordFile, summary: summary)
    }

    /// off / (on + off), rounded as published, or nil when either count is small or both are zero.
    private static func share(_ values: [Int], k: Int) -> Double? {
        let on = values[CountColumn.onTarget.index]
        let off = values[CountColumn.offTarget.index]
        guard on + off > 0, !(on > 0 && on < k), !(off > 0 && off < k) else { return nil }
        return Publisher.rounded(Double(off) / Double(on + off))
    }

    /// key → fingerprint from record index files; nil if one is missing or there are too many records.
    private static func load(_ paths: [String]) -> [String: String]? {
        var index: [String: String] = [:]
        for path in paths {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.first.map(String.init) == FileProcessor.recordIndexScheme else { return nil }
            for line in lines.dropFirst() {
                guard let tab = line.firstIndex(of: "\t") else { continue }
                index[String(line[line.index(after: tab)...])] = String(line[..<tab])
                if index.count > recordLimit { return nil }
            }
        }
        return index
    }
}
