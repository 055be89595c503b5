package import AuditCore

extension Publisher {
    /// The worst groups across reports: groups whose off-target share is published, most straying
    /// first (by the interval's lower bound), at most `limit`.
    package func ranking(
        _ reports: [(table: ReportTable, metrics: [TargetMetricsRow], targets: PublishedTable)], limit: Int = 25
    ) -> PublishedTable {
        let rows = rankingEntries(reports).prefix(limit).enumerated().map { rank, entry -> [PublishedCell] in
            let share = entry.share
            return [
                .count(rank + 1), .text(entry.report), .text(entry.group), entry.records, entry.offTarget,
                .share(Self.rounded(share.share)), .share(Self.rounded(share.lower)), .share(Self.rounded(share.upper)),
                .flag(entry.metric.flagged),
            ]
        }
        return PublishedTable(
            name: BuiltInOutputs.ranking, title: "Groups straying furthest from stated targets",
            description:
                "The \(limit) groups (across all reports) with the highest lower bound of the off-target share's 95% interval; groups whose share is withheld by suppression are left out.",
            columns: rankingColumns, rows: Array(rows))
    }

    /// One group of one report in the ranking, with its published cells.
    private struct RankingEntry {
        var report: String
        var group: String
        var metric: TargetMetricsRow
        var share: ShareEstimate
        var records: PublishedCell
        var offTarget: PublishedCell
    }

    /// Every grouped row whose off-target share is published, most straying first.
    private func rankingEntries(
        _ reports: [(table: ReportTable, metrics: [TargetMetricsRow], targets: PublishedTable)]
    ) -> [RankingEntry] {
        var entries: [RankingEntry] = []
        for report in reports where !report.table.spec.groupBy.isEmpty {
            let names = report.table.spec.groupBy.map(\.rawValue)
            let shareColumn = names.count + 5
            for (index, metric) in report.metrics.enumerated() {
                guard case .share = report.targets.rows[index][shareColumn], let share = metric.offTarget else {
                    continue
                }
                entries.append(
                    RankingEntry(
                        report: report.table.spec.name,
                        group: zip(names, metric.key).map { "\($0)=\($1)" }.joined(separator: "; "), metric: metric,
                        share: share, records: report.targets.rows[index][names.count],
                        offTarget: report.targets.rows[index][names.count + 2]))
            }
        }
        return entries.sorted {
            let (a, b) = ($0.share, $1.share)
            return (a.lower, a.share, $1.report, $1.group) > (b.lower, b.share, $0.report, $0.group)
        }
    }

    private var rankingColumns: [PublishedColumn] {
        func target(_ name: String, _ kind: PublishedColumnKind) -> PublishedColumn {
            PublishedColumn(
                name: name, kind: kind, description: ColumnDescriptions.target(name, threshold: strayThreshold, k: k))
        }
        return [
            PublishedColumn(
                name: "rank", kind: .count,
                description: "1 = most straying (highest lower bound of the off-target interval)"),
            PublishedColumn(name: "report", kind: .text, description: "the report the group comes from"),
            PublishedColumn(name: "group", kind: .text, description: "the group's field values"),
            PublishedColumn(name: "records", kind: .count, description: ColumnDescriptions.count(.records)),
            PublishedColumn(name: "off_target", kind: .count, description: ColumnDescriptions.count(.offTarget)),
            target("off_target_share", .share), target("off_target_lower", .share), target("off_target_upper", .share),
            target("flagged", .flag),
        ]
    }

    /// `agreement`: ICE's level against the derived level, small cells suppressed.
    package func agreement(_ rows: [AgreementRow], mask: PublicationMask) -> PublishedTable {
        let marks = mask.agreement.isEmpty ? Array(repeating: .visible, count: rows.count) : mask.agreement
        let cells = rows.enumerated().map { index, row -> [PublishedCell] in
            let agree: String =
                if let ice = row.ice.numericLevel, let derived = row.derived.numericLevel {
                    ice == derived ? "yes" : "no"
                } else { "not_compared" }
            return [
                .text(row.ice.rawValue), .text(row.derived.rawValue), .text(agree),
                Self.cell(row.records, marks[index], k: k),
            ]
        }
        return PublishedTable(
            name: BuiltInOutputs.agreement, title: "ICE threat level against derived level",
            description:
                "One row per (ICE threat level, derived level) pair that occurs; agree = yes where both are 1–3 and equal.",
            columns: [
                PublishedColumn(
                    name: "ice_threat_level", kind: .group,
                    description: "ICE's recorded threat level (1, 2, 3, none, missing)"),
                PublishedColumn(name: "derived_level", kind: .group, description: "this project's derived level"),
                PublishedColumn(
                    name: "agree", kind: .text, description: "yes / no where both are levels 1–3, else not_compared"),
                PublishedColumn(name: "records", kind: .count, description: "records with this pair"),
            ],
            rows: cells)
    }

    /// `rules`: how many records each rule decided, per label, small cells suppressed.
    package func rules(_ rows: [RuleRow], tableVersion: String, targetsVersion: String, mask: PublicationMask)
        -> PublishedTable
    {
        let marks = mask.rules.isEmpty ? Array(repeating: .visible, count: rows.count) : mask.rules
        let cells = rows.enumerated().map { index, row -> [PublishedCell] in
            [
                .text(row.label), .text(row.rule), .text(row.label == "target" ? targetsVersion : tableVersion),
                Self.cell(row.records, marks[index], k: k),
            ]
        }
        return PublishedTable(
            name: BuiltInOutputs.rules, title: "Rules that decided each label",
            description:
                "One row per (label, rule): how many records each rule decided, with the version of the table it used.",
            columns: [
                PublishedColumn(name: "label", kind: .group, description: "the label decided"),
                PublishedColumn(
                    name: "rule", kind: .group, description: "the deciding rule's identifier (README: Classification)"),
                PublishedColumn(
                    name: "rule_table_version", kind: .text,
                    description: "version of the offense table (or of the targets file, for 'target')"),
                PublishedColumn(name: "records", kind: .count, description: "records the rule decided"),
            ],
            rows: cells)
    }

    static func cell(_ value: Int, _ mark: DisclosureModel.Mark, k: Int) -> PublishedCell {
        switch mark {
        case .visible: .count(value)
        case .primary: .suppressed(k)
        case .complementary, .unpublished, .primaryShownX: .complementary
        }
    }

    /// `codebook`: every column of every published table.
    package static func codebook(_ tables: [PublishedTable]) -> PublishedTable {
        var rows: [[PublishedCell]] = []
        for table in tables {
            for column in table.columns {
                rows.append([
                    .text(table.name + ".csv"), .text(column.name), .text(column.kind.rawValue),
                    .text(column.description),
                ])
            }
        }
        return PublishedTable(
            name: BuiltInOutputs.codebook, title: "Codebook",
            description: "One row per column of every published table.",
            columns: [
                PublishedColumn(name: "file", kind: .text, description: "output file"),
                PublishedColumn(name: "column", kind: .text, description: "column name"),
                PublishedColumn(name: "kind", kind: .text, description: "group, count, share, change, flag or text"),
                PublishedColumn(
                    name: "description", kind: .text, description: "what the column holds and the rule behind it"),
            ],
            rows: rows)
    }
}
