/// Everything the aggregate stage produces for the report writers.
package struct AggregateResult: Sendable, Equatable {
    package init(tables: [ReportTable], agreement: [AgreementRow], unmapped: [UnmappedRow], rules: [RuleRow]) {
        self.tables = tables
        self.agreement = agreement
        self.unmapped = unmapped
        self.rules = rules
    }

    package var tables: [ReportTable]
    /// One row per (ICE level, derived level) pair that occurs.
    package var agreement: [AgreementRow]
    /// One row per (field, value) no table could map.
    package var unmapped: [UnmappedRow]
    /// One row per (label, rule): how many records each rule decided.
    package var rules: [RuleRow]

    /// Share of records where ICE's level (1–3) equals the derived level (1–3), among records that
    /// have both; nil when none has both.
    package var agreementRate: (agreeing: Int, compared: Int)? {
        let compared = agreement.filter { $0.ice.numericLevel != nil && $0.derived.numericLevel != nil }
        let total = compared.reduce(0) { $0 + $1.records }
        guard total > 0 else { return nil }
        return (compared.filter { $0.ice.numericLevel == $0.derived.numericLevel }.reduce(0) { $0 + $1.records }, total)
    }
}

/// One report: grain is one row per combination of the report's group-by values.
package struct ReportTable: Sendable, Equatable {
    package var spec: ReportSpec
    package var rows: [ReportRow]
    package init(spec: ReportSpec, rows: [ReportRow]) {
        self.spec = spec
        self.rows = rows
    }
}

package struct ReportRow: Sendable, Equatable {
    package var key: [String]
    package var counts: CountVector
    package init(key: [String], counts: CountVector) {
        self.key = key
        self.counts = counts
    }
}

package struct AgreementRow: Sendable, Equatable {
    package var ice: ICEThreatLevel
    package var derived: DerivedLevel
    package var records: Int
    package init(ice: ICEThreatLevel, derived: DerivedLevel, records: Int) {
        self.ice = ice
        self.derived = derived
        self.records = records
    }
}

package struct UnmappedRow: Sendable, Equatable {
    package var field: String
    package var value: String
    package var records: Int
    package init(field: String, value: String, records: Int) {
        self.field = field
        self.value = value
        self.records = records
    }
}

package struct RuleRow: Sendable, Equatable {
    package var label: String
    package var rule: String
    package var records: Int
    package init(label: String, rule: String, records: Int) {
        self.label = label
        self.rule = rule
        self.records = records
    }
}

extension ICEThreatLevel {
    package var numericLevel: Int? {
        switch self {
        case .level1: 1
        case .level2: 2
        case .level3: 3
        case .none, .missing: nil
        }
    }

    package var sortOrder: Int { ICEThreatLevel.allCases.firstIndex(of: self)! }
}

extension DerivedLevel {
    package var numericLevel: Int? {
        switch self {
        case .level1: 1
        case .level2: 2
        case .level3: 3
        case .notConvicted, .unclassified: nil
        }
    }

    package var sortOrder: Int { DerivedLevel.allCases.firstIndex(of: self)! }
}
