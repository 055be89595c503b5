package import AuditCore
import HashTables

/// Counts classified records by *cell* — everything `Aggregator` looks at in a record: its group key
/// in every report, its labels with their rules, its unmapped values — before they reach an aggregator.
///
/// One hash lookup per record instead of one per report and table, on the thread that classified
/// the record; and a record can be taken out again (`remove`) once it turns out to repeat an earlier
/// one, which is only known later, in file order. `add(to:)` then adds every cell that still holds a
/// record, with the summed weight: the same tables as adding the remaining records one by one, since
/// every count is linear in the weight — and a group only its removed records fell in does not appear.
package struct CellCounter: Sendable {
    package let reports: [ReportSpec]
    /// Distinct label sets and unmapped-value lists, each stored once: a cell refers to them by
    /// number. Records of a run share a few thousand label sets but fall in many more cells (every
    /// group × label set), so cells stay small — group keys and two numbers.
    private var labelTable = NumberTable()
    private var labels: [Classification] = []
    private var unmappedTable = NumberTable()
    /// Unmapped-value lists; number 0 is the empty list (nearly every record's).
    private var unmappedLists: [[UnmappedValue]] = [[]]
    private var cellTable = NumberTable()
    /// Per cell: its group keys (`keyCount` of them, every report's one after the other), label set
    /// and unmapped list numbers and hash.
    private var cellKeys: [String] = []
    private var cellLabels: [Int32] = []
    private var cellUnmapped: [Int32] = []
    private var weights: [Int] = []
    /// Records in each cell, so that a cell whose records were all removed is dropped even when
    /// the weights of the remaining ones would sum to zero.
    private var members: [Int] = []

    private let keyCount: Int
    /// Every report's group-by fields in a new array of this counter's own (read per record; an
    /// array shared with other threads would have its reference count bounced between cores).
    private let groupFields: [Field]

    package init(reports: [ReportSpec]) {
        self.reports = reports
        groupFields = reports.flatMap { $0.groupBy }
        keyCount = groupFields.count
    }

    /// Counts `item`; returns its cell, for `remove`. Builds no cell (no array, no retained strings)
    /// unless the record opens a new one.
    package mutating func add(_ item: ClassifiedRecord) -> Int32 {
        let record = item.record
        let labelNumber = number(of: item.classification)
        let unmappedNumber = number(of: item.unmapped)
        var hash = ByteHash.mix(
            0x2545_f491_4f6c_dd1d,
            UInt64(UInt32(bitPattern: labelNumber)) << 32 | UInt64(UInt32(bitPattern: unmappedNumber)))
        for field in groupFields { hash = ByteHash.hash(record.groupLabel(field), seed: hash) }
        let keyCount = keyCount
        let found = cellTable.find(hash) { cell in
            guard cellLabels[cell] == labelNumber && cellUnmapped[cell] == unmappedNumber else { return false }
            let first = cell * keyCount
            for index in 0..<keyCount where cellKeys[first + index] != record.groupLabel(groupFields[index]) {
                return false
            }
            return true
        }
        if let found {
            weights[found] += record.weight
            members[found] += 1
            return Int32(found)
        }
        let new = weights.count
        cellTable.insert(hash, number: new)
        for field in groupFields { cellKeys.append(record.groupLabel(field)) }
        cellLabels.append(labelNumber)
        cellUnmapped.append(unmappedNumber)
        weights.append(record.weight)
        members.append(1)
        return Int32(new)
    }

    /// The label set's number, from its cases and its rule names' lengths (O(1) for native strings)
    /// as hash; equality compares everything.
    private mutating func number(of classification: Classification) -> Int32 {
        @inline(__always) func tag<T>(_ value: T) -> UInt64 {
            // A payload-free enum is its case number in one byte.
            withUnsafeBytes(of: value) { $0.count == 1 ? UInt64($0[0]) : 0 }
        }
        var cases =
            tag(classification.criminality) | tag(classification.iceThreatLevel) << 8 | tag(classification.derivedLevel)
            << 16
        cases |= tag(classification.victimWitness) << 24 | tag(classification.target) << 32
        cases |= (classification.minorTraffic ? 1 : 0) << 40 | (classification.immigrationOnly ? 1 : 0) << 41
        let rules = classification.rules
        var lengths =
            UInt64(truncatingIfNeeded: rules.criminality.utf8.count) | UInt64(
                truncatingIfNeeded: rules.derivedLevel.utf8.count) << 10
        lengths |=
            UInt64(truncatingIfNeeded: rules.minorTraffic.utf8.count) << 20 | UInt64(
                truncatingIfNeeded: rules.immigrationOnly.utf8.count) << 30
        lengths |=
            UInt64(truncatingIfNeeded: rules.victimWitness.utf8.count) << 40 | UInt64(
                truncatingIfNeeded: rules.target.utf8.count) << 50
        let hash = ByteHash.mix(ByteHash.mix(0x9E37_79B9_7F4A_7C15, cases), lengths)
        if let known = labelTable.find(hash, where: { labels[$0] == classification }) { return Int32(known) }
        labelTable.insert(hash, number: labels.count)
        labels.append(classification)
        return Int32(labels.count - 1)
    }

    private mutating func number(of unmapped: [UnmappedValue]) -> Int32 {
        if unmapped.isEmpty { return 0 }
        var hash: UInt64 = 0x27d4_eb2f_1656_67c5
        for value in unmapped {
            hash = ByteHash.hash(value.field, seed: hash)
            hash = ByteHash.hash(value.value, seed: hash)
        }
        if let known = unmappedTable.find(hash, where: { unmappedLists[$0] == unmapped }) { return Int32(known) }
        unmappedTable.insert(hash, number: unmappedLists.count)
        unmappedLists.append(unmapped)
        return Int32(unmappedLists.count - 1)
    }

    /// Takes back one record of weight `weight` counted in `cell`.
    package mutating func remove(cell: Int32, weight: Int) {
        weights[Int(cell)] -= weight
        members[Int(cell)] -= 1
        precondition(members[Int(cell)] >= 0, "a record was removed from a cell it was not counted in")
    }

    /// Adds every cell that still holds a record to `aggregator` (of the same reports).
    package func add(to aggregator: inout Aggregator) {
        precondition(aggregator.reports == reports, "only counts of the same pipeline merge")
        for position in weights.indices where members[position] > 0 {
            var keys: [[String]] = []
            var offset = position * keyCount
            for report in reports {
                keys.append(Array(cellKeys[offset..<(offset + report.groupBy.count)]))
                offset += report.groupBy.count
            }
            aggregator.add(
                keys: keys, labels: labels[Int(cellLabels[position])],
                unmapped: unmappedLists[Int(cellUnmapped[position])], weight: weights[position])
        }
    }
}
