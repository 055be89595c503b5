package import AuditCore

extension Publisher {
    static let eraColumns: [(String, PublishedColumnKind)] = [
        ("era_id", .text), ("era_name", .text), ("from", .text), ("to", .text), ("verdict", .text),
        ("records", .count), ("criminality_unknown", .count),
        ("no_conviction_share", .share), ("no_conviction_lower", .share), ("no_conviction_upper", .share),
        ("no_criminal_record_share", .share), ("no_criminal_record_lower", .share),
        ("no_criminal_record_upper", .share),
        ("level_1_share", .share), ("level_1_lower", .share), ("level_1_upper", .share),
        ("withheld_reason", .text), ("suppressed", .flag),
    ]

    /// `eras.csv`: one row per era the run's records fall in (then the records in no era), with the
    /// shares no conviction, no criminal record and level 1. Counts are suppressed with the same
    /// mask as a one-field report (the era rows add up to the manifest's total); a share is
    /// withheld when its label is unknown for every record or it rests on a hidden count.
    package func eras(_ rows: [EraCounts], mask publication: PublicationMask) -> PublishedTable {
        let mask = publication.table(Self.eraTable(rows))
        let columns = Self.eraColumns.map {
            PublishedColumn(name: $0.0, kind: $0.1, description: ColumnDescriptions.era($0.0, k: k))
        }
        return PublishedTable(
            name: BuiltInOutputs.eras, title: "Policy eras",
            description:
                "One row per policy era of the targets file that this run's records fall in (then the records in no era): its verdict rule, records and shares with 95% Wilson intervals.",
            columns: columns, rows: zip(rows, mask).map { eraRow($0.0, hidden: $0.1) })
    }

    /// The eras as a table for the disclosure model, grouped by era.
    package static func eraTable(_ rows: [EraCounts]) -> ReportTable {
        ReportTable(
            spec: ReportSpec(name: BuiltInOutputs.runnerPrefix + BuiltInOutputs.eras, groupBy: [.day]),
            rows: rows.map { ReportRow(key: [$0.era?.id ?? "(none)"], counts: $0.counts) })
    }

    /// The count columns `eras.csv` shows or gives away through a share over `records`.
    package static let eraCountColumns: Set<CountColumn> = [
        .records, .criminalityUnknown, .notConvicted, .noCriminalRecord, .level1,
    ]

    private func eraRow(_ row: EraCounts, hidden: [DisclosureModel.Mark]) -> [PublishedCell] {
        var cells: [PublishedCell] = [
            .text(row.era?.id ?? "(none)"),
            .text(row.era?.name ?? "dated before the first era, in a declared gap, or undated"),
            row.era.map { .text($0.from.isoString) } ?? .empty, row.era?.to.map { .text($0.isoString) } ?? .empty,
            .text(Self.verdictText(row.era)),
            Self.cell(row.counts[.records], hidden[CountColumn.records.index], k: k),
            Self.cell(row.counts[.criminalityUnknown], hidden[CountColumn.criminalityUnknown.index], k: k),
        ]
        var reasons: [String] = []
        let shares: [(ShareEstimate?, CountColumn, String, String)] = [
            (row.noConviction, .notConvicted, "no_conviction", "criminality unknown for every record"),
            (row.noCriminalRecord, .noCriminalRecord, "no_criminal_record", "criminality unknown for every record"),
            (row.level1, .level1, "level_1", "no record has a derived level (no usable offense evidence)"),
        ]
        for (estimate, column, name, unknown) in shares {
            guard let estimate else {
                cells += [.withheld, .withheld, .withheld]
                reasons.append("\(name) share: \(unknown)")
                continue
            }
            if hidden[column.index].isHidden || hidden[CountColumn.records.index].isHidden {
                cells += [.withheld, .withheld, .withheld]
                reasons.append("\(name) share: rests on a hidden count (below \(k), or hidden to protect one)")
                continue
            }
            cells += [
                .share(Self.rounded(estimate.share)), .share(Self.rounded(estimate.lower)),
                .share(Self.rounded(estimate.upper)),
            ]
        }
        cells.append(reasons.isEmpty ? .empty : .text(reasons.joined(separator: "; ")))
        cells.append(.flag(hidden.contains { $0.isHidden }))
        return cells
    }

    /// `yes/no: no_conviction, minor_traffic_only`, `none: shares only`, or `not judged`.
    package static func verdictText(_ era: TargetEra?) -> String {
        guard let era else { return "not judged" }
        switch era.verdict {
        case .judged: return "yes/no: " + era.offTarget.map(\.id).joined(separator: ", ")
        case .none: return "none: shares only"
        }
    }
}
