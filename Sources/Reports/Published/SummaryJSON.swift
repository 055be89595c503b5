import AuditCore
import Foundation

/// `summary.json`: the published tables for machines, with the same values as the CSV files.
///
/// Cells: counts and shares are JSON numbers, suppressed counts the string `"<k"`, withheld shares
/// and empty cells `null`, flags booleans, text strings.
package enum SummaryJSON {
    package static func encode(_ bundle: PublishedBundle) throws -> [UInt8] {
        var object: [String: Any] = [
            "title": bundle.title,
            "tool": ["name": bundle.manifest.tool.name, "version": bundle.manifest.tool.version],
            "pipeline": ["name": bundle.manifest.pipeline.name, "sha256": bundle.manifest.pipeline.file.sha256],
            "targets": targets(bundle),
            "suppression_threshold": bundle.suppressionThreshold,
            "totals": totals(bundle.manifest.totals),
            "inputs": bundle.manifest.inputs.map {
                ["path": $0.file.path, "sha256": $0.file.sha256, "bytes": $0.file.bytes]
            },
            "ranking": table(bundle.ranking),
            "tables": bundle.tables.map(table),
        ]
        if let claims = bundle.claims { object["claims"] = table(claims) }
        if let eras = bundle.eraShares { object["era_shares"] = table(eras) }
        if let coverage = bundle.coverage { object["coverage"] = table(coverage) }
        let data = try JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return BidiControls.revealed([UInt8](data)) + [10]
    }

    private static func cell(_ cell: PublishedCell) -> Any {
        switch cell {
        case .count(let value): value
        case .share(let value), .change(let value): value.isFinite ? value : NSNull()
        case .flag(let value): value
        case .withheld, .empty: NSNull()
        default: cell.csvText
        }
    }

    private static func table(_ table: PublishedTable) -> [String: Any] {
        [
            "name": table.name, "title": table.title, "description": table.description,
            "columns": table.columns.map {
                ["name": $0.name, "kind": $0.kind.rawValue, "description": $0.description]
            },
            "rows": table.rows.map { $0.map(cell) },
        ]
    }

    private static func targets(_ bundle: PublishedBundle) -> [String: Any] {
        [
            "name": bundle.targetsName, "version": bundle.targetsVersion,
            "stray_threshold": bundle.charts.strayThreshold,
            "eras": bundle.eras.map { era in
                [
                    "id": era.id, "name": era.name, "from": era.from, "to": era.to as Any,
                    "verdict": era.verdict, "source": era.source as Any, "note": era.note as Any,
                    "off_target": era.offTarget.map {
                        ["id": $0.id, "description": $0.description, "source": $0.source]
                    },
                ] as [String: Any]
            },
        ]
    }

    private static func totals(_ totals: RunManifest.Totals) -> [String: Any] {
        var object: [String: Any] = [
            "rows_read": totals.rowsRead, "rows_counted": totals.rowsCounted,
            "rows_duplicate": totals.rowsDuplicate, "rows_rejected": totals.rowsRejected,
        ]
        // Only when a range superseded rows: runs without `inputs` keep their summary.json.
        if totals.rowsSuperseded > 0 { object["rows_superseded"] = totals.rowsSuperseded }
        return object
    }
}
