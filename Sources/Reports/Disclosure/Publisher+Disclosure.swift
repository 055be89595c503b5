import AuditCore
import Foundation

extension Publisher {
    /// Which count columns this source counts (the victim / witness columns only where an indicator
    /// exists, `possible_victim` only with the heuristic on).
    package var availableColumns: [Bool] {
        CountColumn.allCases.map { column in
            if column.isVictimWitness && !victimWitnessAvailable { return false }
            if column == .possibleVictim && !possibleVictimComputed { return false }
            if column.isApprehensionType && !apprehensionTypeAvailable { return false }
            return true
        }
    }

    /// The one mask of a run: every published count through one model, greedy complements, then
    /// the LP audit with repair. With k ≤ 1 nothing is hidden and nothing audited.
    package func mask(_ publication: Publication) -> PublicationMask {
        var mask = PublicationMask()
        guard k > 1 else { return mask }
        var built = PublicationModel(publication, k: k, available: availableColumns)
        let primaries = built.model.primaryCount
        let started = Date()
        let log: ((String) -> Void)? =
            ProcessInfo.processInfo.environment["DETENTION_AUDIT_DISCLOSURE_LOG"] == nil
            ? nil
            : { message in
                FileHandle.standardError.write(
                    Data(
                        "disclosure: \(String(format: "%.2f", Date().timeIntervalSince(started))) s: \(message)\n".utf8)
                )
            }
        log?("model: \(built.model.cellCount) cells, \(built.model.identities.count) identities")
        let record = DisclosureRepair.protect(&built.model, log: log)
        let marks = built.model.marks
        for (entry, cells) in zip(publication.tables, built.cells) {
            mask.tables[entry.table.spec.name] = cells.map { row in row.map { $0.map { marks[$0] } ?? .visible } }
        }
        for (entry, cells) in zip(publication.tables, built.confirmed) where !cells.isEmpty {
            mask.confirmed[entry.table.spec.name] = cells.map { marks[$0] }
        }
        mask.agreement = built.agreement.map { marks[$0] }
        mask.rules = built.rules.map { marks[$0] }
        mask.record = Self.disclosureRecord(
            record, model: built.model, primaries: primaries, publication: publication)
        return mask
    }

    private static func disclosureRecord(
        _ record: DisclosureRepair.Record, model: DisclosureModel, primaries: Int, publication: Publication
    ) -> RunManifest.Disclosure {
        let verdict =
            record.primaryNarrowed == 0 && record.primaryNotAudited == 0
            ? "no primary cell can be narrowed below 1..\(model.k - 1) by linear programming over the audited files"
            : "\(record.primaryNarrowed) primary cells narrowed and \(record.primaryNotAudited) not audited: the audit does not vouch for this publication"
        var disclosure = RunManifest.Disclosure(
            minCount: model.k, solver: "GLPK " + LinearProgram.solverVersion,
            audited: DisclosureNotes.auditedFiles(publication), notAudited: publication.notModelled,
            cellsPublished: model.publishedCount, cellsPrimary: primaries,
            cellsComplementary: model.complementaryCount, complementsGreedy: record.complementsByGreedy,
            complementsRepair: record.complementsByRepair, primaryAudited: record.primaryAudited,
            intervalsChecked: 2 * record.primaryAudited, primaryNarrowed: record.primaryNarrowed,
            primaryNotAudited: record.primaryNotAudited, passes: record.passes, verdict: verdict)
        disclosure.cellsPrimaryShownX = record.primaryShownX
        return disclosure
    }
}

/// What the audit covers, in the manifest's words.
enum DisclosureNotes {
    static func auditedFiles(_ publication: Publication) -> [String] {
        var files: [String] = []
        for entry in publication.tables {
            let name = entry.table.spec.name
            if name.hasPrefix(BuiltInOutputs.chartPrefix) {
                files.append("report.html charts (\(name.dropFirst(BuiltInOutputs.chartPrefix.count)))")
            } else if name.hasPrefix(BuiltInOutputs.runnerPrefix) {
                files.append(name.dropFirst(BuiltInOutputs.runnerPrefix.count) + ".csv")
            } else {
                files += [name + ".csv", name + BuiltInOutputs.targetsSuffix + ".csv"]
            }
        }
        if !publication.agreement.isEmpty { files.append(BuiltInOutputs.agreement + ".csv") }
        if !publication.rules.isEmpty { files.append(BuiltInOutputs.rules + ".csv") }
        files += [
            BuiltInOutputs.ranking + ".csv", BuiltInOutputs.changes + ".csv", "manifest.json totals and agreement",
            "summary.json, report.xlsx and report.html (the same cells)",
        ]
        return files
    }
}
