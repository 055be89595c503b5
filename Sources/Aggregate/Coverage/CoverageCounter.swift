package import AuditCore

/// Counts, per fiscal year and mapped field, how many records have the field filled, redacted or
/// missing (`FieldCoverage`). One per parsing thread; merged once the file is read.
///
/// Per record: one lookup of its fiscal year (the last one is remembered: releases are mostly in
/// date order) and one switch per mapped field.
package struct CoverageCounter: Sendable {
    /// The mapped fields with a column in the file, in field order.
    package let fields: [Field]
    private var slots: [Int: Int] = [:]
    private var years: [Int?] = []
    /// Per slot: records, then filled and redacted per field.
    private var counts: [Int] = []
    private var lastYear: Int?
    private var lastSlot = -1
    private static let undated = Int.min

    package init(fields: [Field]) {
        self.fields = fields.filter { !$0.isDerived && $0 != .count }.sorted()
    }

    private var stride: Int { 1 + 2 * fields.count }

    package mutating func add(_ record: SourceRecord) {
        let year = record.date?.fiscalYear ?? Self.undated
        let slot = year == lastYear && lastSlot >= 0 ? lastSlot : slot(of: year)
        let base = slot * stride
        let weight = record.weight
        counts[base] += weight
        for (offset, field) in fields.enumerated() {
            switch record.values[field.index] {
            case .value: counts[base + 1 + 2 * offset] += weight
            case .redacted: counts[base + 2 + 2 * offset] += weight
            case .missing: break
            }
        }
    }

    private mutating func slot(of year: Int) -> Int {
        let slot: Int
        if let known = slots[year] {
            slot = known
        } else {
            slot = years.count
            slots[year] = slot
            years.append(year == Self.undated ? nil : year)
            counts += Array(repeating: 0, count: stride)
        }
        lastYear = year
        lastSlot = slot
        return slot
    }

    /// Adds another counter's counts (of the same fields).
    package mutating func merge(_ other: CoverageCounter) {
        precondition(other.fields == fields, "only coverage of the same fields merges")
        for (year, otherSlot) in other.slots {
            let base = slot(of: year) * stride
            for offset in 0..<stride { counts[base + offset] += other.counts[otherSlot * stride + offset] }
        }
    }

    /// One row per fiscal year (undated last) and field, in that order.
    package func rows() -> [FieldCoverage] {
        let ordered = years.indices.sorted { (years[$0] ?? Int.max) < (years[$1] ?? Int.max) }
        return ordered.flatMap { slot in
            fields.enumerated().map { offset, field in
                let base = slot * stride
                return FieldCoverage(
                    fiscalYear: years[slot], field: field, records: counts[base], filled: counts[base + 1 + 2 * offset],
                    redacted: counts[base + 2 + 2 * offset])
            }
        }
    }
}
