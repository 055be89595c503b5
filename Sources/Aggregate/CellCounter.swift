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
    /// A cell's hash, from what `add` sees of a record without building the cell: the group keys'
    /// bytes, the labels' cases and the rule names' lengths (O(1) for native strings) — not the rule
    /// names, era and unmapped values themselves; equality, checked in place, compares everything.
    private static func hash(keys: (Int) -> String, keyCount: Int, labels: Classification, unmappedCount: Int) -> Int {
        var hash: UInt64 = 0x2545_f491_4f6c_dd1d
        for index in 0..<keyCount { hash = ByteHash.hash(keys(index), seed: hash) }
        @inline(__always) func tag<T>(_ value: T) -> UInt64 {
            // A payload-free enum is its case number in one byte.
            withUnsafeBytes(of: value) { $0.count == 1 ? UInt64($0[0]) : 0 }
        }
        var cases = tag(labels.criminality) | tag(labels.iceThreatLevel) << 8 | tag(labels.derivedLevel) << 16
        cases |= tag(labels.victimWitness) << 24 | tag(labels.target) << 32
        cases |= (labels.minorTraffic ? 1 : 0) << 40 | (labels.immigrationOnly ? 1 : 0) << 41
        hash = ByteHash.mix(hash, cases)
        let rules = labels.rules
        var lengths = UInt64(truncatingIfNeeded: rules.criminality.utf8.count) | UInt64(truncatingIfNeeded: rules.derivedLevel.utf8.count) << 10
        lengths |= UInt64(truncatingIfNeeded: rules.minorTraffic.utf8.count) << 20 | UInt64(truncatingIfNeeded: rules.immigrationOnly.utf8.count) << 30
        lengths |= UInt64(truncatingIfNeeded: rules.victimWitness.utf8.count) << 40 | UInt64(truncatingIfNeeded: rules.target.utf8.count) << 50
        hash = ByteHash.mix(hash, lengths ^ UInt64(truncatingIfNeeded: unmappedCount) << 60)
        return Int(truncatingIfNeeded: hash)
    }

    public let reports: [ReportSpec]
    /// Open addressing over the cells: slot → cell number + 1 (0 = empty) and the cell's hash. A
    /// `Dictionary` keyed by cells copied the stored key (and retained its strings) on every probe.
    private var slots = [Int32](repeating: 0, count: 1024)
    private var slotHashes = [Int](repeating: 0, count: 1024)
    /// Per cell: its group keys (`keyCount` of them, every report's one after the other), labels,
    /// unmapped values and hash, in arrays of their own so a lookup compares in place.
    private var cellKeys: [String] = []
    private var cellLabels: [Classification] = []
    private var cellUnmapped: [[UnmappedValue]] = []
    private var cellHashes: [Int] = []
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

    /// Counts `item`; returns its cell, for `remove`. Builds no cell (no array, no retained strings)
    /// unless the record opens a new one.
    public mutating func add(_ item: ClassifiedRecord) -> Int32 {
        let record = item.record
        let hash = Self.hash(keys: { record.groupLabel(groupFields[$0]) }, keyCount: keyCount, labels: item.classification, unmappedCount: item.unmapped.count)
        let weight = record.weight
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] != 0 {
            let known = Int(slots[slot] - 1)
            if slotHashes[slot] == hash && holds(known, item) {
                weights[known] += weight
                members[known] += 1
                return Int32(known)
            }
            slot = (slot + 1) & mask
        }
        let new = Int32(cellHashes.count)
        slots[slot] = new + 1
        slotHashes[slot] = hash
        for field in groupFields { cellKeys.append(record.groupLabel(field)) }
        cellLabels.append(item.classification)
        cellUnmapped.append(item.unmapped)
        cellHashes.append(hash)
        weights.append(weight)
        members.append(1)
        if cellHashes.count * 2 > slots.count { grow() }
        return new
    }

    /// Whether cell `known` is the one `item` falls in, compared in place.
    private func holds(_ known: Int, _ item: ClassifiedRecord) -> Bool {
        let first = known * keyCount
        for index in 0..<keyCount where cellKeys[first + index] != item.record.groupLabel(groupFields[index]) { return false }
        return cellLabels[known] == item.classification && cellUnmapped[known] == item.unmapped
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: 0, count: size)
        var hashes = [Int](repeating: 0, count: size)
        for (number, hash) in cellHashes.enumerated() {
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
        for position in cellHashes.indices where members[position] > 0 {
            var keys: [[String]] = []
            var offset = position * keyCount
            for report in reports {
                keys.append(Array(cellKeys[offset..<(offset + report.groupBy.count)]))
                offset += report.groupBy.count
            }
            aggregator.add(keys: keys, labels: cellLabels[position], unmapped: cellUnmapped[position], weight: weights[position])
        }
    }
}
