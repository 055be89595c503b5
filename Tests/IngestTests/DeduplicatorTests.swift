import AuditCore
import Testing

@testable import Ingest

@Suite struct DeduplicatorTests {
    func record(line: Int, person: FieldValue, date: String) -> SourceRecord {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        return SourceRecord(
            lineage: Lineage(file: "f.csv", line: line, record: line - 1),
            fields: [.personID: person, .date: .value(date)],
            date: SimpleDate(year: parts[0], month: parts[1], day: parts[2]))
    }

    @Test func foldsExactRowsAndRepeatedKeysKeepingTheFirst() {
        var dedup = Deduplicator(
            spec: {
                var spec = DuplicateSpec()
                spec.key = [.personID, .date]
                return spec
            }())
        let rowA = RowFingerprint(high: 1, low: 1)
        let rowB = RowFingerprint(high: 2, low: 2)
        let rowC = RowFingerprint(high: 3, low: 3)
        #expect(dedup.check(record(line: 2, person: .value("p1"), date: "2012-01-01"), fingerprint: rowA) == nil)
        let exact = dedup.check(record(line: 3, person: .value("p1"), date: "2012-01-01"), fingerprint: rowA)
        #expect(exact?.kind == .exactRow)
        #expect(exact?.original.line == 2)
        let sameKey = dedup.check(record(line: 4, person: .value("p1"), date: "2012-01-01"), fingerprint: rowB)
        #expect(sameKey?.kind == .sameKey)
        #expect(sameKey?.key == "person_id=p1; date=2012-01-01")
        // A missing or redacted key part never makes a key duplicate.
        #expect(dedup.check(record(line: 5, person: .redacted, date: "2012-01-01"), fingerprint: rowC) == nil)
        #expect(
            dedup.check(
                record(line: 6, person: .redacted, date: "2012-01-01"), fingerprint: RowFingerprint(high: 4, low: 4))
                == nil)
    }
}
