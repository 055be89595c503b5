package import AuditCore

/// Everything a run publishes that carries counts, as the disclosure model sees it: the report
/// tables (declared, the charts', the eras'), the agreement and rules listings and the manifest's
/// totals. `Publisher.mask(_:)` turns it into the one `PublicationMask` every writer uses.
package struct Publication: Sendable {
    package struct Table: Sendable {
        package var table: ReportTable
        /// The count columns some file shows; nil = every counted column.
        package var published: Set<CountColumn>?
        /// Whether its group fields relate it to other tables (finer rows add up to coarser ones);
        /// false for a table grouped by something else (the eras).
        package var related: Bool
        /// Whether a targets table shows its `confirmed_victims_witnesses`.
        package var confirmed: Bool

        package init(_ table: ReportTable, published: Set<CountColumn>? = nil, related: Bool = true, confirmed: Bool) {
            self.table = table
            self.published = published
            self.related = related
            self.confirmed = confirmed
        }
    }

    package var tables: [Table]
    package var agreement: [AgreementRow]
    package var rules: [RuleRow]
    /// The manifest's `totals.records_counted` and `agreement` (always published).
    package var recordsCounted: Int
    package var agreeing: Int
    package var compared: Int
    /// Published files that carry counts outside the model (named in the manifest as not audited).
    package var notModelled: [String] = []

    package init(
        tables: [Table], agreement: [AgreementRow], rules: [RuleRow], recordsCounted: Int, agreeing: Int,
        compared: Int
    ) {
        self.tables = tables
        self.agreement = agreement
        self.rules = rules
        self.recordsCounted = recordsCounted
        self.agreeing = agreeing
        self.compared = compared
    }
}

/// The marks of every published count, from one audited `DisclosureModel`.
package struct PublicationMask: Sendable {
    /// Per table name: rows × `CountColumn.allCases`.
    package var tables: [String: [[DisclosureModel.Mark]]] = [:]
    /// Per table name: each row's `confirmed_victims_witnesses`.
    package var confirmed: [String: [DisclosureModel.Mark]] = [:]
    package var agreement: [DisclosureModel.Mark] = []
    package var rules: [DisclosureModel.Mark] = []
    /// What the audit checked (nil: nothing is suppressed, k = 1).
    package var record: RunManifest.Disclosure?

    package init() {}

    /// The marks of one table (every cell visible when the table is not in the mask).
    package func table(_ table: ReportTable) -> [[DisclosureModel.Mark]] {
        tables[table.spec.name]
            ?? Array(
                repeating: Array(repeating: .visible, count: CountColumn.allCases.count), count: table.rows.count)
    }

    /// A table's counts as published: nil where the mask hides the cell. The change report and the
    /// run history take the values through this, so nothing outside Reports decides what is shown.
    package func published(_ table: ReportTable) -> [[Int?]] {
        zip(table.rows, self.table(table)).map { row, marks in
            CountColumn.allCases.map { marks[$0.index].isHidden ? nil : row.counts[$0] }
        }
    }

    package func confirmed(_ table: ReportTable) -> [DisclosureModel.Mark] {
        confirmed[table.spec.name] ?? Array(repeating: .visible, count: table.rows.count)
    }
}
