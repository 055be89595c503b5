import Aggregate
import AuditCore
import Foundation

/// A counted record's place in the parsing threads' counts: which thread's counter, which cell. It
/// travels through the de-duplicator's spill files as one `UInt64` (`packed`) and comes back with a
/// duplicate, to take that record out of the counts again.
struct CellTag: Equatable {
    var counter: Int
    var cell: Int32

    var packed: UInt64 { UInt64(UInt32(counter)) << 32 | UInt64(UInt32(bitPattern: cell)) }

    init(counter: Int, cell: Int32) {
        self.counter = counter
        self.cell = cell
    }

    init(packed: UInt64) {
        counter = Int(packed >> 32)
        cell = Int32(bitPattern: UInt32(truncatingIfNeeded: packed))
    }
}

/// One parsing thread's counts.
final class Counter: @unchecked Sendable {
    let id: Int
    var counts: CellCounter
    var coverage: CoverageCounter

    init(id: Int, reports: [ReportSpec], coverageFields: [Field]) {
        self.id = id
        counts = CellCounter(reports: reports)
        coverage = CoverageCounter(fields: coverageFields)
    }
}

/// Every parsing thread's counts, to merge once reading is over.
final class CounterRegistry: @unchecked Sendable {
    private let lock = NSLock()
    private var counters: [Counter] = []

    func make(reports: [ReportSpec], coverageFields: [Field]) -> Counter {
        lock.lock()
        defer { lock.unlock() }
        let counter = Counter(id: counters.count, reports: reports, coverageFields: coverageFields)
        counters.append(counter)
        return counter
    }

    /// Takes one duplicate back out (once reading is over).
    func remove(_ tag: CellTag, weight: Int) {
        lock.lock()
        defer { lock.unlock() }
        counters[tag.counter].counts.remove(cell: tag.cell, weight: weight)
    }

    /// Adds every counter's remaining counts to `aggregator`.
    func add(into aggregator: inout Aggregator) {
        lock.lock()
        defer { lock.unlock() }
        for counter in counters { counter.counts.add(to: &aggregator) }
    }

    /// Every counter's coverage, merged (empty when no record was counted).
    func coverage() -> [FieldCoverage] {
        lock.lock()
        defer { lock.unlock() }
        guard var merged = counters.first?.coverage else { return [] }
        for counter in counters.dropFirst() { merged.merge(counter.coverage) }
        return merged.rows()
    }
}
