package import AuditCore

/// The aggregate stage, the only place that groups.
///
/// Takes classified records one at a time and keeps, per report, one `CountVector` per group, plus the
/// agreement matrix of ICE's level against the derived level, the unmapped values and how often each
/// rule decided. Memory grows with the number of groups, not of records. Two aggregators over disjoint
/// inputs merge exactly.
package struct Aggregator: Sendable {
    package let reports: [ReportSpec]
    private var groups: [[[String]: CountVector]]
    private var agreement: [AgreementKey: Int] = [:]
    private var unmapped: [UnmappedValue: Int] = [:]
    private var rules: [RuleKey: Int] = [:]

    package init(reports: [ReportSpec]) {
        self.reports = reports
        groups = Array(repeating: [:], count: reports.count)
    }

    package mutating func add(_ item: ClassifiedRecord) {
        add(
            keys: reports.map { report in report.groupBy.map { item.record.groupLabel($0) } },
            labels: item.classification, unmapped: item.unmapped, weight: item.record.weight)
    }

    /// One record's (or several identical records') contribution: its group key in every report,
    /// labels and unmapped values, with the weight they count for. Every count is linear in `weight`.
    mutating func add(keys: [[String]], labels: Classification, unmapped values: [UnmappedValue], weight: Int) {
        let columns = CountColumn.columns(for: labels)
        for (index, key) in keys.enumerated() {
            groups[index][key, default: CountVector()].add(columns, weight: weight)
        }
        agreement[AgreementKey(ice: labels.iceThreatLevel, derived: labels.derivedLevel), default: 0] += weight
        for value in Set(values) { unmapped[value, default: 0] += weight }
        let rules = labels.rules
        for (label, rule) in [
            ("criminality", rules.criminality), ("derived_level", rules.derivedLevel),
            ("minor_traffic", rules.minorTraffic),
            ("immigration_only", rules.immigrationOnly), ("victim_witness", rules.victimWitness),
            ("target", rules.target),
        ] {
            self.rules[RuleKey(label: label, rule: rule), default: 0] += weight
        }
    }

    mutating func restore(report: Int, key: [String], values: [Int]) {
        groups[report][key, default: CountVector()].merge(CountVector(values: values))
    }

    mutating func restoreAgreement(ice: ICEThreatLevel, derived: DerivedLevel, records: Int) {
        agreement[AgreementKey(ice: ice, derived: derived), default: 0] += records
    }

    mutating func restoreUnmapped(_ value: UnmappedValue, records: Int) { unmapped[value, default: 0] += records }

    mutating func restoreRule(label: String, rule: String, records: Int) {
        rules[RuleKey(label: label, rule: rule), default: 0] += records
    }

    package mutating func merge(_ other: Aggregator) {
        precondition(other.reports == reports, "only aggregators of the same pipeline merge")
        for index in groups.indices {
            groups[index].merge(other.groups[index]) {
                var sum = $0
                sum.merge($1)
                return sum
            }
        }
        agreement.merge(other.agreement, uniquingKeysWith: +)
        unmapped.merge(other.unmapped, uniquingKeysWith: +)
        rules.merge(other.rules, uniquingKeysWith: +)
    }

    /// The finished tables, each sorted by group key.
    package func result() -> AggregateResult {
        let tables = reports.enumerated().map { index, spec in
            ReportTable(
                spec: spec,
                rows: groups[index].map { ReportRow(key: $0.key, counts: $0.value) }.sorted {
                    $0.key.lexicographicallyPrecedes($1.key)
                })
        }
        let agreementRows = agreement.map { AgreementRow(ice: $0.key.ice, derived: $0.key.derived, records: $0.value) }
            .sorted { ($0.ice.sortOrder, $0.derived.sortOrder) < ($1.ice.sortOrder, $1.derived.sortOrder) }
        let unmappedRows = unmapped.map { UnmappedRow(field: $0.key.field, value: $0.key.value, records: $0.value) }
            .sorted { ($0.field, -$0.records, $0.value) < ($1.field, -$1.records, $1.value) }
        let ruleRows = rules.map { RuleRow(label: $0.key.label, rule: $0.key.rule, records: $0.value) }
            .sorted { ($0.label, $0.rule) < ($1.label, $1.rule) }
        return AggregateResult(tables: tables, agreement: agreementRows, unmapped: unmappedRows, rules: ruleRows)
    }
}

private struct AgreementKey: Hashable, Sendable {
    var ice: ICEThreatLevel
    var derived: DerivedLevel
}

private struct RuleKey: Hashable, Sendable {
    var label: String
    var rule: String
}
