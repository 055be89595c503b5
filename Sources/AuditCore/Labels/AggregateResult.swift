/// Everything the aggregate stage produces for the report writers.
public struct AggregateResult: Sendable, Equatable {
    public init(tables: [ReportTable], agreement: [AgreementRow], unmapped: [UnmappedRow], rules: [RuleRow]) {
        self.tables = tables
        self.agreement = agreement
        self.unmapped = unmapped
        self.rules = rules
    }

    public var tables: [ReportTable]
    /// One row per (ICE level, derived level) pair that occurs.
    public var agreement: [AgreementRow]
    /// One row per (field, value) no table could map.
    public var unmapped: [UnmappedRow]
    /// One row per (label, rule): how many records each rule decided.
    public var rules: [RuleRow]

    /// Share of records where ICE's level (1–3) equals the derived level (1–3), among records that
    /// have both; nil when none has both.
    public var agreementRate: (agreeing: Int, compared: Int)? {
        let compared = agreement.filter { $0.ice.numericLevel != nil && $0.derived.numericLevel != nil }
        let total = compared.reduce(0) { $0 + $1.records }
        guard total > 0 else { return nil }
        return (compared.filter { $0.ice.numericLevel == $0.derived.numericLevel }.reduce(0) { $0 + $1.records }, total)
    }
}

/// One report: grain is one row per combination of the report's group-by values.
public struct ReportTable: Sendable, Equatable {
    public var spec: ReportSpec
    public var rows: [ReportRow]
    public init(spec: ReportSpec, rows: [ReportRow]) {
        self.spec = spec
        self.rows = rows
    }
}

public struct ReportRow: Sendable, Equatable {
    public var key: [String]
    public var counts: CountVector
    public init(key: [String], counts: CountVector) {
        self.key = key
        self.counts = counts
    }
}

public struct AgreementRow: Sendable, Equatable {
    public var ice: ICEThreatLevel
    public var derived: DerivedLevel
    public var records: Int
    public init(ice: ICEThreatLevel, derived: DerivedLevel, records: Int) {
        self.ice = ice
        self.derived = derived
        self.records = records
    }
}

public struct UnmappedRow: Sendable, Equatable {
    public var field: String
    public var value: String
    public var records: Int
    public init(field: String, value: String, records: Int) {
        self.field = field
        self.value = value
        self.records = records
    }
}

public struct RuleRow: Sendable, Equatable {
    public var label: String
    public var rule: String
    public var records: Int
    public init(label: String, rule: String, records: Int) {
        self.label = label
        self.rule = rule
        self.records = records
    }
}

extension ICEThreatLevel {
    public var numericLevel: Int? {
        switch self {
        case .level1: 1
        case .level2: 2
        case .level3: 3
        case .none, .missing: nil
        }
    }

    public var sortOrder: Int { ICEThreatLevel.allCases.firstIndex(of: self)! }
}

extension DerivedLevel {
    public var numericLevel: Int? {
        switch self {
        case .level1: 1
        case .level2: 2
        case .level3: 3
        case .notConvicted, .unclassified: nil
        }
    }

    public var sortOrder: Int { DerivedLevel.allCases.firstIndex(of: self)! }
}
