import AuditCore
import Foundation
import Reports

/// What changed since the last successful run into the same output folder.
///
/// ICE revises records between releases and has withdrawn whole releases; the morning after, the
/// analyst needs to see it. Three outputs:
/// - `changes.csv` (published): per report group, every count (and the off-target share) that moved,
///   previous, current and change — only between cells published in both runs, through the Reports
///   mask (`PublicationMask.published`); a value hidden in either run is left out.
/// - `changes_files.csv` (published): every input path, new / vanished / changed / unchanged, with
///   both hashes and counted rows.
/// - `internal/changes_records.csv`: where the pipeline declares a duplicate key, each record added,
///   removed or revised (same key, different content), with its key — identifiers, so internal only
///   (written by `RecordChanges`, whose outcome the summary here repeats).
struct ChangeReport {
    var changes: OutputFile
    var files: OutputFile
    var summary: RunManifest.ChangeSummary

    static func build(
        current: [ReportTable], currentInputs: [RunManifest.Input],
        previous: RunHistory.Previous?,
        records: RecordChanges.Outcome, mask: PublicationMask
    ) -> ChangeReport {
        let (changes, changedValues) = valueChanges(current: current, mask: mask, previous: previous?.groups)
        let (files, counts) = fileChanges(currentInputs: currentInputs, previous: previous?.inputs)
        let summary = RunManifest.ChangeSummary(
            previousRunID: previous?.run.id, previousStartedAt: previous?.run.startedAt, filesNew: counts.new,
            filesVanished: counts.vanished,
            filesChanged: counts.changed, filesUnchanged: counts.unchanged, groupValuesChanged: changedValues,
            recordsAdded: records.added, recordsRemoved: records.removed, recordsRevised: records.revised,
            recordLevelNote: records.note)
        return ChangeReport(
            changes: OutputFile(name: BuiltInOutputs.changes + ".csv", document: changes),
            files: OutputFile(name: BuiltInOutputs.changesFiles + ".csv", document: files),
            summary: summary)
    }

    /// `changes.csv`: every count (and off-target share) of a report group that moved, among the
    /// cells published in both runs (issue 16: a value hidden in either run is never shown, nor is
    /// whether it moved; a group absent from a run published 0 there).
    private static func valueChanges(
        current: [ReportTable], mask: PublicationMask, previous: [String: [[String]: [Int?]]]?
    ) -> (document: CSVDocument, changed: Int) {
        var changes = CSVDocument(header: ["report", "group", "measure", "previous", "current", "change"])
        guard let previous else { return (changes, 0) }
        let zeros = [Int?](repeating: 0, count: CountColumn.allCases.count)
        var changed = 0
        for table in current {
            let before = previous[table.spec.name] ?? [:]
            let after = Dictionary(uniqueKeysWithValues: zip(table.rows.map(\.key), mask.published(table)))
            let keys = Set(before.keys).union(after.keys).sorted { $0.lexicographicallyPrecedes($1) }
            for key in keys {
                let group = zip(table.spec.groupBy.map(\.rawValue), key).map { "\($0)=\($1)" }.joined(separator: "; ")
                let (old, new) = (before[key] ?? zeros, after[key] ?? zeros)
                guard old.count == new.count else { continue }
                for column in CountColumn.allCases {
                    guard let a = old[column.index], let b = new[column.index], a != b else { continue }
                    changed += 1
                    changes.append([
                        .text(table.spec.name), .text(group), .text(column.rawValue), .integer(a), .integer(b),
                        .integer(b - a),
                    ])
                }
                if let oldShare = share(old), let newShare = share(new), oldShare != newShare {
                    changes.append([
                        .text(table.spec.name), .text(group), .text("off_target_share"),
                        .decimal(oldShare), .decimal(newShare), .decimal(newShare - oldShare),
                    ])
                }
            }
        }
        return (changes, changed)
    }

    /// `changes_files.csv`: every input path of this or the previous run with its status.
    private static func fileChanges(
        currentInputs: [RunManifest.Input], previous: [RunHistory.Input]?
    ) -> (document: CSVDocument, counts: (new: Int, vanished: Int, changed: Int, unchanged: Int)) {
        var files = CSVDocument(header: [
            "path", "status", "previous_sha256", "current_sha256", "previous_rows_counted", "current_rows_counted",
        ])
        let before = Dictionary((previous ?? []).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var counts = (new: 0, vanished: 0, changed: 0, unchanged: 0)
        for input in currentInputs {
            let old = before[input.file.path]
            let status: String
            switch old {
            case nil:
                status = "new"
                counts.new += 1
            case let old? where old.sha256 == input.file.sha256:
                status = "unchanged"
                counts.unchanged += 1
            default:
                status = "changed"
                counts.changed += 1
            }
            files.append([
                .text(input.file.path), .text(status), old.map { .text($0.sha256) } ?? .empty, .text(input.file.sha256),
                old.map { .integer($0.rowsCounted) } ?? .empty, .integer(input.rowsCounted),
            ])
        }
        let currentPaths = Set(currentInputs.map(\.file.path))
        for old in (previous ?? []) where !currentPaths.contains(old.path) {
            counts.vanished += 1
            files.append([
                .text(old.path), .text("vanished"), .text(old.sha256), .empty, .integer(old.rowsCounted), .empty,
            ])
        }
        return (files, counts)
    }

    /// off / (on + off), rounded as published, or nil when either count is hidden or both are zero.
    private static func share(_ values: [Int?]) -> Double? {
        guard let on = values[CountColumn.onTarget.index], let off = values[CountColumn.offTarget.index], on + off > 0
        else { return nil }
        return Publisher.rounded(Double(off) / Double(on + off))
    }
}
