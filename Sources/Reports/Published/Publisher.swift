package import AuditCore

/// Turns aggregate results into published tables: small cells suppressed once per report, shares
/// withheld where they rest on suppressed cells, every column described for the codebook.
package struct Publisher: Sendable {
    /// Minimum published count; 1 publishes everything (the internal, unsuppressed copy).
    package var k: Int
    package var victimWitnessAvailable: Bool
    package var possibleVictimComputed: Bool
    package var strayThreshold: Double
    /// Whether any input has an MSC code or name column. Without one, whether a conviction was for
    /// minor traffic, an immigration offense or Level 1 cannot be known.
    package var offenseAvailable = true
    /// `<era>.<rule>` of every off-target rule the source cannot test.
    package var untestableRules: [String] = []
    /// Whether any input has an apprehension type column (`targeted` / `collateral` read "not
    /// available in this source" otherwise, never 0).
    package var apprehensionTypeAvailable = false
    /// Era and recorded-period boundaries no period-over-period change may cross.
    package var boundaries = PeriodBoundaries()

    package init(
        k: Int, victimWitnessAvailable: Bool, possibleVictimComputed: Bool, strayThreshold: Double,
        offenseAvailable: Bool = true
    ) {
        self.offenseAvailable = offenseAvailable
        self.k = k
        self.victimWitnessAvailable = victimWitnessAvailable
        self.possibleVictimComputed = possibleVictimComputed
        self.strayThreshold = strayThreshold
    }

    /// The counts table and the targets table of one report, through the run's one mask.
    package func publish(_ table: ReportTable, metrics: [TargetMetricsRow], mask publication: PublicationMask) -> (
        counts: PublishedTable, targets: PublishedTable
    ) {
        let grain =
            table.spec.groupBy.isEmpty
            ? "one row for all records" : "one row per " + table.spec.groupBy.map(\.rawValue).joined(separator: " × ")
        let description = table.spec.description.map { " \($0)" } ?? ""
        let counts = PublishedTable(
            name: table.spec.name, title: "Counts: \(table.spec.name)",
            description: "Label counts, \(grain).\(description)", columns: countColumns(table),
            rows: countRows(table, mask: publication.table(table)))
        let targets = PublishedTable(
            name: table.spec.name + BuiltInOutputs.targetsSuffix, title: "Stated targets: \(table.spec.name)",
            description: "Deviation from stated targets with 95% Wilson intervals, \(grain).\(description)",
            columns: targetColumns(table), rows: targetRows(table, metrics: metrics, mask: publication))
        return (counts, targets)
    }

    private func groupColumns(_ table: ReportTable) -> [PublishedColumn] {
        table.spec.groupBy.map {
            PublishedColumn(name: $0.rawValue, kind: .group, description: ColumnDescriptions.group($0))
        }
    }

    private var suppressedColumn: PublishedColumn {
        PublishedColumn(name: "suppressed", kind: .flag, description: ColumnDescriptions.suppressedFlag(k))
    }

    private func countColumns(_ table: ReportTable) -> [PublishedColumn] {
        groupColumns(table)
            + CountColumn.allCases.map {
                PublishedColumn(name: $0.rawValue, kind: .count, description: ColumnDescriptions.count($0))
            } + [suppressedColumn]
    }

    private func countRows(_ table: ReportTable, mask: [[DisclosureModel.Mark]]) -> [[PublishedCell]] {
        table.rows.enumerated().map { index, row in
            row.key.map { PublishedCell.text($0) }
                + CountColumn.allCases.map { cell(row.counts, $0, hidden: mask[index]) }
                + [.flag(mask[index].contains { $0.isHidden })]
        }
    }

    private func targetColumns(_ table: ReportTable) -> [PublishedColumn] {
        groupColumns(table)
            + TargetColumns.layout.map { name, kind in
                PublishedColumn(
                    name: name, kind: kind,
                    description: ColumnDescriptions.target(name, threshold: strayThreshold, k: k))
            } + [suppressedColumn]
    }

    private func targetRows(_ table: ReportTable, metrics: [TargetMetricsRow], mask publication: PublicationMask)
        -> [[PublishedCell]]
    {
        let mask = publication.table(table)
        let confirmedMarks = publication.confirmed(table)
        let rowIndex = Dictionary(uniqueKeysWithValues: table.rows.enumerated().map { ($1.key, $0) })
        return metrics.enumerated().map { index, metric in
            let hidden = mask[index]
            let offVisible = !isHidden(hidden, [.onTarget, .offTarget])
            var cells = metric.key.map { PublishedCell.text($0) }
            cells += [CountColumn.records, .onTarget, .offTarget, .targetUndetermined, .targetNotJudged].map {
                cell(metric.counts, $0, hidden: hidden)
            }
            cells += interval(metric.offTarget, visible: offVisible)
            cells.append(offVisible && metric.offTarget != nil ? .flag(metric.flagged) : .empty)
            cells += changeCells(metric, in: table, offVisible: offVisible) { previousKey in
                rowIndex[previousKey].map { !isHidden(mask[$0], [.onTarget, .offTarget]) } ?? false
            }
            cells += labelShareCells(metric, hidden: hidden)
            cells += availabilityCells(metric, hidden: hidden, confirmed: confirmedMarks[index])
            cells.append(.flag(hidden.contains { $0.isHidden }))
            return cells
        }
    }

    /// The previous period and the off-target share's change since it: "not available" across an era
    /// or recorded-period boundary, withheld unless both shares are published.
    private func changeCells(
        _ metric: TargetMetricsRow, in table: ReportTable, offVisible: Bool, previousVisible: ([String]) -> Bool
    ) -> [PublishedCell] {
        var visible = false
        var crossesBoundary = false
        if let period = metric.previousPeriod {
            var previousKey = metric.key
            if let position = table.spec.groupBy.firstIndex(where: {
                $0 == .fiscalYear || $0 == .calendarYear || $0 == .month
            }) {
                previousKey[position] = period
                crossesBoundary = boundaries.separate(
                    period, metric.key[position], field: table.spec.groupBy[position])
            }
            visible = previousVisible(previousKey)
        }
        let change: PublishedCell
        if crossesBoundary && metric.offTargetChange != nil {
            change = .notAvailable(CountTables.acrossBoundary)
        } else if let value = metric.offTargetChange, offVisible, visible {
            change = .change(Self.rounded(value))
        } else {
            change = .withheld
        }
        return [metric.previousPeriod.map { .text($0) } ?? .empty, change]
    }

    /// Collateral share, confirmed victims and witnesses, possible victims and untestable rules:
    /// each "not available" with its reason when the source or the pipeline cannot give it.
    private func availabilityCells(
        _ metric: TargetMetricsRow, hidden: [DisclosureModel.Mark], confirmed: DisclosureModel.Mark
    ) -> [PublishedCell] {
        var cells =
            apprehensionTypeAvailable
            ? interval(metric.collateral, visible: !isHidden(hidden, [.targeted, .collateral]))
            : Array(repeating: .notAvailable(CountTables.apprehensionTypeNotInSource), count: 3)
        cells.append(
            victimWitnessAvailable
                ? Self.cell(metric.confirmedVictimsWitnesses, confirmed, k: k) : .notAvailable(CountTables.notAvailable)
        )
        cells.append(
            possibleVictimComputed
                ? cell(metric.counts, .possibleVictim, hidden: hidden) : .notAvailable(CountTables.heuristicOff))
        cells.append(
            untestableRules.isEmpty
                ? .text("none")
                : .notAvailable(untestableRules.joined(separator: ", ") + ": " + CountTables.notTestable))
        return cells
    }

    /// The no-conviction, minor-traffic, immigration-only and Level 1 shares with their intervals:
    /// withheld when a cell they rest on is hidden, "not available" when they cannot be known.
    private func labelShareCells(_ metric: TargetMetricsRow, hidden: [DisclosureModel.Mark]) -> [PublishedCell] {
        let known: [CountColumn] = [.records]
        let unknowable = unknowableReasons(metric.counts)
        var cells =
            unknowable.criminality.map { Array(repeating: PublishedCell.notAvailable($0), count: 3) }
            ?? interval(metric.noConviction, visible: !isHidden(hidden, known + [.notConvicted]))
        for (estimate, column) in [
            (metric.minorTraffic, CountColumn.minorTraffic), (metric.immigrationOnly, .immigrationOnly),
            (metric.level1, .level1),
        ] {
            cells +=
                unknowable.offense.map { Array(repeating: PublishedCell.notAvailable($0), count: 3) }
                ?? interval(estimate, visible: !isHidden(hidden, known + [column]))
        }
        return cells
    }

    /// Why a row's shares cannot be known (nil: they can), issue 13 item 5 — unknown is never shown
    /// as 0: the no-conviction share when every record's criminality is unknown; the minor-traffic,
    /// immigration-only and Level 1 shares also when the source has no offense data and the row has
    /// convictions.
    package func unknowableReasons(_ counts: CountVector) -> (criminality: String?, offense: String?) {
        let records = counts[.records]
        let criminality = records > 0 && counts[.criminalityUnknown] == records ? CountTables.criminalityUnknown : nil
        let offense =
            criminality ?? (!offenseAvailable && counts[.convicted] > 0 ? CountTables.offenseNotInSource : nil)
        return (criminality, offense)
    }

    /// A share and its interval as three cells, or three withheld cells.
    private func interval(_ estimate: ShareEstimate?, visible: Bool) -> [PublishedCell] {
        guard visible, let estimate else { return [.withheld, .withheld, .withheld] }
        return [
            .share(Self.rounded(estimate.share)), .share(Self.rounded(estimate.lower)),
            .share(Self.rounded(estimate.upper)),
        ]
    }

    /// Shares are published to 6 decimals in every format, so CSV, XLSX, JSON and HTML agree exactly.
    package static func rounded(_ value: Double) -> Double {
        (value * 1_000_000).rounded() / 1_000_000
    }

    private func cell(_ counts: CountVector, _ column: CountColumn, hidden: [DisclosureModel.Mark])
        -> PublishedCell
    {
        if column.isVictimWitness && !victimWitnessAvailable { return .notAvailable(CountTables.notAvailable) }
        if column == .possibleVictim && !possibleVictimComputed { return .notAvailable(CountTables.heuristicOff) }
        if column.isApprehensionType && !apprehensionTypeAvailable { return .notAvailable(CountTables.notAvailable) }
        return Self.cell(counts[column], hidden[column.index], k: k)
    }

    private func isHidden(_ hidden: [DisclosureModel.Mark], _ columns: [CountColumn]) -> Bool {
        columns.contains { hidden[$0.index].isHidden }
    }
}

/// The targets table's columns after the group fields.
enum TargetColumns {
    static let layout: [(String, PublishedColumnKind)] = [
        ("records", .count), ("on_target", .count), ("off_target", .count), ("target_undetermined", .count),
        ("target_not_judged", .count),
        ("off_target_share", .share), ("off_target_lower", .share), ("off_target_upper", .share), ("flagged", .flag),
        ("previous_period", .text), ("off_target_change", .change),
        ("no_conviction_share", .share), ("no_conviction_lower", .share), ("no_conviction_upper", .share),
        ("minor_traffic_share", .share), ("minor_traffic_lower", .share), ("minor_traffic_upper", .share),
        ("immigration_only_share", .share), ("immigration_only_lower", .share), ("immigration_only_upper", .share),
        ("level_1_share", .share), ("level_1_lower", .share), ("level_1_upper", .share),
        ("collateral_share", .share), ("collateral_lower", .share), ("collateral_upper", .share),
        ("confirmed_victims_witnesses", .count), ("possible_victims", .count), ("rules_not_tested", .text),
    ]
}
