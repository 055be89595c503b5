package import AuditCore

/// An aggregator's state as plain data, so per-file partial results can be cached and merged later.
///
/// Merging snapshots of disjoint inputs gives exactly the counts of one pass over all of them.
package struct AggregatorSnapshot: Sendable, Equatable, Codable {
    package struct Group: Sendable, Equatable, Codable {
        package var key: [String]
        package var values: [Int]
    }

    package struct Tally: Sendable, Equatable, Codable {
        package var first: String
        package var second: String
        package var records: Int
    }

    /// Per report (in pipeline order), its groups sorted by key.
    package var groups: [[Group]]
    /// (ICE level, derived level, records).
    package var agreement: [Tally]
    /// (field, value, records).
    package var unmapped: [Tally]
    /// (label, rule, records).
    package var rules: [Tally]
}

/// A snapshot that does not fit the pipeline it is being loaded into.
package struct SnapshotMismatch: Error, Equatable, CustomStringConvertible {
    package var reason: String
    package var description: String { "cached partial result does not fit: \(reason)" }
}

extension Aggregator {
    package func snapshot() -> AggregatorSnapshot {
        let result = result()
        return AggregatorSnapshot(
            groups: result.tables.map {
                $0.rows.map { AggregatorSnapshot.Group(key: $0.key, values: $0.counts.values) }
            },
            agreement: result.agreement.map {
                .init(first: $0.ice.rawValue, second: $0.derived.rawValue, records: $0.records)
            },
            unmapped: result.unmapped.map { .init(first: $0.field, second: $0.value, records: $0.records) },
            rules: result.rules.map { .init(first: $0.label, second: $0.rule, records: $0.records) })
    }

    /// Rebuilds an aggregator from a snapshot taken with the same reports.
    /// - Throws: `SnapshotMismatch` when the snapshot has other reports or count columns.
    package init(reports: [ReportSpec], snapshot: AggregatorSnapshot) throws {
        self.init(reports: reports)
        guard snapshot.groups.count == reports.count else {
            throw SnapshotMismatch(reason: "\(snapshot.groups.count) reports, expected \(reports.count)")
        }
        for (index, groups) in snapshot.groups.enumerated() {
            for group in groups {
                guard group.values.count == CountColumn.allCases.count, group.key.count == reports[index].groupBy.count
                else {
                    throw SnapshotMismatch(reason: "a group of report \(reports[index].name) has the wrong shape")
                }
                restore(report: index, key: group.key, values: group.values)
            }
        }
        for tally in snapshot.agreement {
            guard let ice = ICEThreatLevel(rawValue: tally.first), let derived = DerivedLevel(rawValue: tally.second)
            else {
                throw SnapshotMismatch(reason: "unknown agreement pair \(tally.first)/\(tally.second)")
            }
            restoreAgreement(ice: ice, derived: derived, records: tally.records)
        }
        for tally in snapshot.unmapped {
            restoreUnmapped(UnmappedValue(field: tally.first, value: tally.second), records: tally.records)
        }
        for tally in snapshot.rules { restoreRule(label: tally.first, rule: tally.second, records: tally.records) }
    }
}
