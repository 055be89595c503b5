import AuditCore

/// Builds the `DisclosureModel` of a `Publication` from the report definitions: one cell per
/// published count (and per grand total, published for `records` only), the row identities
/// declared in `CountIdentities`, finer tables adding up to coarser ones, every table and listing
/// adding up to the grand totals, the manifest's agreement counts.
package struct PublicationModel {
    package var model: DisclosureModel
    /// Per table: rows × `CountColumn.allCases`, nil where the column is not counted.
    package var cells: [[[Int?]]] = []
    package var confirmed: [[Int]] = []
    package var totals: [Int?]
    package var agreement: [Int] = []
    package var rules: [Int] = []
    /// Per table: the earlier table whose cells it shares (same group fields), if any.
    private var sharedWith: [Int?] = []
    private let available: [Bool]

    /// - Parameter available: per `CountColumn.index`, whether the source counts that column.
    package init(_ publication: Publication, k: Int, available: [Bool]) {
        model = DisclosureModel(k: k)
        self.available = available
        totals = Array(repeating: nil, count: CountColumn.allCases.count)
        addTotals(publication)
        for table in publication.tables { add(table, publication.tables) }
        relateTables(publication.tables)
        addAgreement(publication)
        addRules(publication.rules)
    }

    private mutating func addTotals(_ publication: Publication) {
        let rows = publication.tables.first?.table.rows ?? []
        for column in CountColumn.allCases where available[column.index] {
            if column == .records {
                totals[column.index] = model.addCell(publication.recordsCounted, hideable: false)
            } else {
                let value = rows.reduce(0) { $0 + $1.counts[column] }
                totals[column.index] = model.addCell(value, published: false)
            }
        }
    }

    private mutating func add(_ entry: Publication.Table, _ all: [Publication.Table]) {
        if let earlier = shareable(entry, all) {
            let keyOf = Dictionary(
                uniqueKeysWithValues: all[earlier].table.rows.enumerated().map { (sortedKey($1.key, all[earlier]), $0) }
            )
            let rows = entry.table.rows.map { keyOf[sortedKey($0.key, entry)]! }
            cells.append(rows.map { cells[earlier][$0] })
            confirmed.append(rows.compactMap { confirmed[earlier].isEmpty ? nil : confirmed[earlier][$0] })
            sharedWith.append(earlier)
            return
        }
        sharedWith.append(nil)
        var tableCells: [[Int?]] = []
        var tableConfirmed: [Int] = []
        for row in entry.table.rows {
            let rowCells = CountColumn.allCases.map { column -> Int? in
                guard available[column.index] else { return nil }
                return model.addCell(
                    row.counts[column], published: entry.published?.contains(column) ?? true,
                    residual: CountIdentities.isResidual[column.index])
            }
            addRowIdentities(rowCells)
            let parts = CountIdentities.confirmedVictimsWitnesses.compactMap { rowCells[$0.index] }
            if entry.confirmed && parts.count == CountIdentities.confirmedVictimsWitnesses.count {
                let value = CountIdentities.confirmedVictimsWitnesses.reduce(0) { $0 + row.counts[$1] }
                let cell = model.addCell(value)
                model.sum(parts, equals: cell)
                tableConfirmed.append(cell)
            }
            tableCells.append(rowCells)
        }
        cells.append(tableCells)
        confirmed.append(tableConfirmed)
        addTotalIdentities(tableCells)
    }

    /// An earlier related table with the same group fields that publishes at least these columns.
    private func shareable(_ entry: Publication.Table, _ all: [Publication.Table]) -> Int? {
        guard entry.related else { return nil }
        let fields = Set(entry.table.spec.groupBy)
        return all.indices.prefix(cells.count).first { index in
            let other = all[index]
            guard other.related, sharedWith[index] == nil, Set(other.table.spec.groupBy) == fields,
                other.table.rows.count == entry.table.rows.count
            else { return false }
            guard let wanted = entry.published else { return other.published == nil }
            return other.published.map { wanted.isSubset(of: $0) } ?? true
        }
    }

    private func sortedKey(_ key: [String], _ entry: Publication.Table) -> [String] {
        zip(entry.table.spec.groupBy, key).sorted { $0.0.rawValue < $1.0.rawValue }.map(\.1)
    }

    /// The families, sums and bounds of `CountIdentities` over one row (absent columns are 0).
    private mutating func addRowIdentities(_ row: [Int?]) {
        guard let records = row[CountColumn.records.index] else { return }
        for family in CountIdentities.families {
            model.sum(family.columns.compactMap { row[$0.index] }, equals: records)
        }
        for (total, parts) in CountIdentities.sums {
            guard let totalCell = row[total.index] else { continue }
            model.sum(parts.compactMap { row[$0.index] }, equals: totalCell)
            // The family with the parts replaced by their total: implied, but it lets the greedy
            // pass see that hiding only parts of the sum gives a cell no room.
            for family in CountIdentities.families where Set(parts).isSubset(of: family.columns) {
                let rest = family.columns.filter { !parts.contains($0) } + [total]
                model.sum(rest.compactMap { row[$0.index] }, equals: records)
            }
        }
        for (part, whole) in CountIdentities.atMost {
            guard let part = row[part.index], let whole = row[whole.index] else { continue }
            model.relate([(part, 1), (whole, -1)], equal: false)
        }
    }

    /// Every column of a table adds up to the grand total.
    private mutating func addTotalIdentities(_ table: [[Int?]]) {
        for column in CountColumn.allCases {
            guard let total = totals[column.index] else { continue }
            model.sum(table.compactMap { $0[column.index] }, equals: total)
        }
    }

    /// A table whose group fields are a subset of another's: each of its rows is the sum of the
    /// finer table's rows with the same values.
    private mutating func relateTables(_ all: [Publication.Table]) {
        for coarse in all.indices where all[coarse].related && sharedWith[coarse] == nil {
            for fine in all.indices where fine != coarse && all[fine].related && sharedWith[fine] == nil {
                let (coarseFields, fineFields) = (all[coarse].table.spec.groupBy, all[fine].table.spec.groupBy)
                guard Set(coarseFields).isSubset(of: Set(fineFields)),
                    Set(coarseFields) != Set(fineFields) || coarse < fine
                else { continue }
                let positions = coarseFields.map { fineFields.firstIndex(of: $0)! }
                var members: [[String]: [Int]] = [:]
                for (index, row) in all[fine].table.rows.enumerated() {
                    members[positions.map { row.key[$0] }, default: []].append(index)
                }
                for (index, row) in all[coarse].table.rows.enumerated() {
                    let parts = members[row.key] ?? []
                    for column in CountColumn.allCases {
                        guard let total = cells[coarse][index][column.index] else { continue }
                        model.sum(parts.compactMap { cells[fine][$0][column.index] }, equals: total)
                    }
                }
            }
        }
    }

    /// `agreement.csv`: rows of one ICE level add up to that level's total, rows of one derived
    /// level to its total, compared and agreeing rows to the manifest's `agreement`.
    private mutating func addAgreement(_ publication: Publication) {
        guard !publication.agreement.isEmpty else { return }
        agreement = publication.agreement.map { model.addCell($0.records) }
        let compared = model.addCell(publication.compared, hideable: false)
        let agreeing = model.addCell(publication.agreeing, hideable: false)
        func rows(_ include: (AgreementRow) -> Bool) -> [Int] {
            publication.agreement.indices.filter { include(publication.agreement[$0]) }.map { agreement[$0] }
        }
        for level in ICEThreatLevel.allCases {
            guard let total = totals[level.countColumn.index] else { continue }
            model.sum(rows { $0.ice == level }, equals: total)
        }
        for level in DerivedLevel.allCases {
            guard let total = totals[level.countColumn.index] else { continue }
            model.sum(rows { $0.derived == level }, equals: total)
        }
        if let records = totals[CountColumn.records.index] { model.sum(agreement, equals: records) }
        model.sum(rows { $0.ice.numericLevel != nil && $0.derived.numericLevel != nil }, equals: compared)
        model.sum(
            rows { $0.ice.numericLevel != nil && $0.ice.numericLevel == $0.derived.numericLevel }, equals: agreeing)
    }

    /// `rules.csv`: the rules of one label add up to the grand total.
    private mutating func addRules(_ rows: [RuleRow]) {
        rules = rows.map { model.addCell($0.records) }
        guard let records = totals[CountColumn.records.index] else { return }
        var byLabel: [String: [Int]] = [:]
        for (index, row) in rows.enumerated() { byLabel[row.label, default: []].append(rules[index]) }
        for label in byLabel.keys.sorted() { model.sum(byLabel[label]!, equals: records) }
    }
}
