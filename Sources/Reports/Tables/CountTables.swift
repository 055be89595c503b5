public import AuditCore


/// Formats aggregate results as the CSV outputs: one per report, plus agreement, unmapped and rules.
///
/// Column order is stable: the report's group-by fields, then every `CountColumn` in declaration
/// order. When the source has no victim / witness indicator, those columns read
/// `not available in this source` instead of a misleading 0; `possible_victim` reads
/// `not computed (heuristic off)` unless the pipeline turns the dual-arrest heuristic on.
package enum CountTables {
    package static let notAvailable = "not available in this source"
    package static let heuristicOff = "not computed (heuristic off)"

    /// - Parameters:
    ///   - victimWitnessAvailable: whether any input had a victim / witness indicator column.
    ///   - possibleVictimComputed: whether the pipeline turned the dual-arrest heuristic on.
    package static func report(_ table: ReportTable, victimWitnessAvailable: Bool, possibleVictimComputed: Bool) -> OutputFile {
        var document = CSVDocument(header: table.spec.groupBy.map(\.rawValue) + CountColumn.allCases.map(\.rawValue))
        for row in table.rows {
            var cells = row.key.map { CSVDocument.Cell.text($0) }
            for column in CountColumn.allCases {
                if column.isVictimWitness && !victimWitnessAvailable {
                    cells.append(.text(notAvailable))
                } else if column == .possibleVictim && !possibleVictimComputed {
                    cells.append(.text(heuristicOff))
                } else {
                    cells.append(.integer(row.counts[column]))
                }
            }
            document.append(cells)
        }
        return OutputFile(name: "\(table.spec.name).csv", document: document)
    }

    /// `agreement.csv`: one row per (ICE level, derived level) pair, with `records`.
    package static func agreement(_ rows: [AgreementRow]) -> OutputFile {
        var document = CSVDocument(header: ["ice_threat_level", "derived_level", "agree", "records"])
        for row in rows {
            let agree: CSVDocument.Cell
            if let ice = row.ice.numericLevel, let derived = row.derived.numericLevel {
                agree = .text(ice == derived ? "yes" : "no")
            } else {
                agree = .text("not_compared")
            }
            document.append([.text(row.ice.rawValue), .text(row.derived.rawValue), agree, .integer(row.records)])
        }
        return OutputFile(name: "agreement.csv", document: document)
    }

    /// `unmapped.csv`: every value the rule tables could not map, with how many records carry it.
    package static func unmapped(_ rows: [UnmappedRow]) -> OutputFile {
        var document = CSVDocument(header: ["field", "value", "records"])
        for row in rows { document.append([.text(row.field), .text(row.value), .integer(row.records)]) }
        return OutputFile(name: "unmapped.csv", document: document)
    }

    /// `rules.csv`: how many records each rule decided, per label; with the rule-table version.
    package static func rules(_ rows: [RuleRow], tableVersion: String) -> OutputFile {
        var document = CSVDocument(header: ["label", "rule", "rule_table_version", "records"])
        for row in rows {
            document.append([.text(row.label), .text(row.rule), .text(tableVersion), .integer(row.records)])
        }
        return OutputFile(name: "rules.csv", document: document)
    }
}
