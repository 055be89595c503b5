import Aggregate
import AuditCore
import Testing

@Suite struct AggregatorTests {
    static func item(
        state: String, year: Int, criminality: Criminality, ice: ICEThreatLevel, derived: DerivedLevel, weight: Int = 1
    ) -> ClassifiedRecord {
        let record = SourceRecord(
            lineage: Lineage(file: "f", line: 1, record: 1), fields: [.state: .value(state)], weight: weight,
            date: SimpleDate(year: year, month: 3, day: 1))
        let labels = Classification(
            criminality: criminality, iceThreatLevel: ice, derivedLevel: derived, minorTraffic: false,
            immigrationOnly: false,
            victimWitness: .unknown,
            rules: .init(
                criminality: "c", derivedLevel: "d", minorTraffic: "m", immigrationOnly: "i", victimWitness: "v"))
        return ClassifiedRecord(
            record: record, classification: labels, unmapped: [UnmappedValue(field: "msc_code", value: "ZZ99")],
            findings: [])
    }

    static let items = [
        item(state: "TEXAS", year: 2012, criminality: .convicted, ice: .level1, derived: .level1),
        item(state: "TEXAS", year: 2012, criminality: .convicted, ice: .level2, derived: .level1, weight: 3),
        item(state: "IOWA", year: 2013, criminality: .pendingCharges, ice: .missing, derived: .notConvicted),
        item(state: "IOWA", year: 2012, criminality: .convicted, ice: .level3, derived: .level3),
    ]

    static let reports = [ReportSpec(name: "r", groupBy: [.fiscalYear, .state])]

    @Test func countsPerGroupWithWeights() {
        var aggregator = Aggregator(reports: Self.reports)
        Self.items.forEach { aggregator.add($0) }
        let result = aggregator.result()
        let rows = result.tables[0].rows
        #expect(rows.map(\.key) == [["2012", "IOWA"], ["2012", "TEXAS"], ["2013", "IOWA"]])
        #expect(rows[1].counts[.records] == 4)
        #expect(rows[1].counts[.level1] == 4)
        #expect(rows[1].counts[.iceLevel2] == 3)
        #expect(rows[2].counts[.notConvicted] == 1)
        #expect(result.unmapped.map(\.records) == [6])
        // ICE 1=derived 1 (1 record), ICE 2 vs derived 1 (3), ICE 3 = derived 3 (1): 2 of 5 agree.
        #expect(result.agreementRate?.agreeing == 2)
        #expect(result.agreementRate?.compared == 5)
    }

    /// Per-range or per-file partial counts merge into exactly the single-pass result.
    @Test func mergeIsExact() {
        var whole = Aggregator(reports: Self.reports)
        Self.items.forEach { whole.add($0) }
        var first = Aggregator(reports: Self.reports)
        var second = Aggregator(reports: Self.reports)
        Self.items.prefix(2).forEach { first.add($0) }
        Self.items.dropFirst(2).forEach { second.add($0) }
        first.merge(second)
        #expect(first.result() == whole.result())
    }

    /// Counting by cell on two threads' counters, then taking records back out (duplicates found
    /// later), gives exactly the tables of adding only the remaining records — a group that only
    /// taken-back records fell in disappears, a group left with a zero-weight record stays.
    @Test func cellCountsWithRemovalsEqualDirectCounts() {
        let zeroWeight = Self.item(
            state: "OHIO", year: 2014, criminality: .convicted, ice: .level1, derived: .level1, weight: 0)
        let onlyRemoved = Self.item(state: "UTAH", year: 2015, criminality: .convicted, ice: .level2, derived: .level2)
        let all = Self.items + [zeroWeight, onlyRemoved, Self.items[1]]
        var threads = [CellCounter(reports: Self.reports), CellCounter(reports: Self.reports)]
        var cells: [(thread: Int, cell: Int32)] = []
        for (index, item) in all.enumerated() {
            let thread = index % 2
            cells.append((thread, threads[thread].add(item)))
        }
        // Take back the UTAH record and the repeated TEXAS one (weight 3).
        for index in [5, 6] {
            threads[cells[index].thread].remove(cell: cells[index].cell, weight: all[index].record.weight)
        }
        var fromCells = Aggregator(reports: Self.reports)
        threads.forEach { $0.add(to: &fromCells) }
        var direct = Aggregator(reports: Self.reports)
        (Self.items + [zeroWeight]).forEach { direct.add($0) }
        #expect(fromCells.result() == direct.result())
        let keys = fromCells.result().tables[0].rows.map(\.key)
        #expect(keys.contains(["2014", "OHIO"]))
        #expect(!keys.contains(["2015", "UTAH"]))
        #expect(fromCells.result().tables[0].rows.first { $0.key == ["2012", "TEXAS"] }?.counts[.records] == 4)
    }
}

@Suite struct IndexTests {
    /// The hand-written index switches must follow declaration order exactly.
    @Test func indicesFollowDeclarationOrder() {
        #expect(Field.allCases.map(\.index) == Array(0..<Field.allCases.count))
        #expect(CountColumn.allCases.map(\.index) == Array(0..<CountColumn.allCases.count))
    }
}
