public import AuditCore

/// Counts classified records by *cell* — everything `Aggregator` looks at in a record: its group key
/// in every report, its labels with their rules, its unmapped values — before they reach an aggregator.
///
/// One hash lookup per record instead of one per report and table, on the thread that classified
/// the record; and a record can be taken out again (`remove`) once it turns out to repeat an earlier
/// one, which is only known later, in file order. `add(to:)` then adds every cell that still holds a
/// record, with the summed weight: the same tables as adding the remaining records one by one, since
/// every count is linear in the weight — and a group only its removed records fell in does not appear.
public struct CellCounter: Sendable {
    private struct Cell: Hashable, Sendable {
        /// Every report's group key, one after the other (one array per record, not one per report).
        var keys: [String]
        var labels: Classification
        var unmapped: [UnmappedValue]

        /// Hashes the group keys, the labels and the rule names' lengths, not the rule names, era and
        /// unmapped values themselves: hashing those strings on every record cost more than the few
        /// extra equality checks (which compare everything) on a shared bucket.
        func hash(into hasher: inout Hasher) {
            hasher.combine(keys)
            hasher.combine(labels.criminality)
            hasher.combine(labels.iceThreatLevel)
            hasher.combine(labels.derivedLevel)
            hasher.combine(labels.minorTraffic)
            hasher.combine(labels.immigrationOnly)
            hasher.combine(labels.victimWitness)
            hasher.combine(labels.target)
            // Rule names by length (O(1) for native strings): tells most of them apart at no cost.
            let rules = labels.rules
            hasher.combine(rules.criminality.utf8.count)
            hasher.combine(rules.derivedLevel.utf8.count)
            hasher.combine(rules.minorTraffic.utf8.count)
            hasher.combine(rules.immigrationOnly.utf8.count)
            hasher.combine(rules.victimWitness.utf8.count)
            hasher.combine(rules.target.utf8.count)
            hasher.combine(unmapped.count)
        }
    }

    public let reports: [ReportSpec]
    /// Open addressing over `cells`: slot → cell number + 1 (0 = empty) and the cell's hash. A
    /// `Dictionary` keyed by cells copied the stored key (and retained its strings) on every probe.
    private var slots = [Int32](repeating: 0, count: 1024)
    private var slotHashes = [Int](repeating: 0, count: 1024)
    private var cells: [Cell] = []
    private var weights: [Int] = []
    /// Records in each cell, so that a cell whose records were all removed is dropped even when
    /// the weights of the remaining ones would sum to zero.
    private var members: [Int] = []

    private let keyCount: Int
    /// Every report's group-by fields in a new array of this counter's own (read per record; an
    /// array shared with other threads would have its reference count bounced between cores).
    private let groupFields: [Field]

    public init(reports: [ReportSpec]) {
        self.reports = reports
        groupFields = reports.flatMap { $0.groupBy }
        keyCount = groupFields.count
    }

    /// Counts `item`; returns its cell, for `remove`.
    public mutating func add(_ item: ClassifiedRecord) -> Int32 {
        var keys: [String] = []
        keys.reserveCapacity(keyCount)
        for field in groupFields { keys.append(item.record.groupLabel(field)) }
        let cell = Cell(keys: keys, labels: item.classification, unmapped: item.unmapped)
        let weight = item.record.weight
        let hash = cell.hashValue
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 {
            let known = Int(slots[slot] - 1)
            if slotHashes[slot] == hash && cells[known] == cell {
                weights[known] += weight
                members[known] += 1
                return Int32(known)
            }
            slot = (slot + 1) & mask
        }
        let new = Int32(cells.count)
        slots[slot] = new + 1
        slotHashes[slot] = hash
        cells.append(cell)
        weights.append(weight)
        members.append(1)
        if cells.count * 2 > slots.count { grow() }
        return new
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: 0, count: size)
        var hashes = [Int](repeating: 0, count: size)
        for (number, cell) in cells.enumerated() {
            let hash = cell.hashValue
            var slot = hash & (size - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(number + 1)
            hashes[slot] = hash
        }
        slotHashes = hashes
    }

    /// Takes back one record of weight `weight` counted in `cell`.
    public mutating func remove(cell: Int32, weight: Int) {
        weights[Int(cell)] -= weight
        members[Int(cell)] -= 1
        precondition(members[Int(cell)] >= 0, "a record was removed from a cell it was not counted in")
    }

    /// Adds every cell that still holds a record to `aggregator` (of the same reports).
    public func add(to aggregator: inout Aggregator) {
        precondition(aggregator.reports == reports, "only counts of the same pipeline merge")
        for (position, cell) in cells.enumerated() where members[position] > 0 {
            var keys: [[String]] = []
            var offset = 0
            for report in reports {
                keys.append(Array(cell.keys[offset..<(offset + report.groupBy.count)]))
                offset += report.groupBy.count
            }
            aggregator.add(keys: keys, labels: cell.labels, unmapped: cell.unmapped, weight: weights[position])
        }
    }
}
