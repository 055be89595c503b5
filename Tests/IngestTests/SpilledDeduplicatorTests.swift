import AuditCore
import Testing

@testable import Ingest

/// Duplicates found through temporary files are the ones the in-memory `Deduplicator` finds.
@Suite struct SpilledDeduplicatorTests {
    struct Outcome: Equatable {
        var duplicates: [String]
        var distinct: [String]
    }

    /// A seeded stream: few people and days (many same-key records), some identical rows, some
    /// records without a complete key, keys long enough to pass a small write buffer.
    static func stream(seed: UInt64, count: Int) -> [(RecordPosition, RowFingerprint, DuplicateKey?, Int)] {
        var state = seed
        func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (state >> 33) % bound
        }
        var rows: [RowFingerprint] = []
        var out: [(RecordPosition, RowFingerprint, DuplicateKey?, Int)] = []
        var line = 2
        for record in 1...count {
            let repeatRow = !rows.isEmpty && next(5) == 0
            let row =
                repeatRow
                ? rows[Int(next(UInt64(rows.count)))]
                : RowFingerprint(high: next(1 << 62) << 2 | next(4), low: UInt64(record))
            rows.append(row)
            // The key follows from the row, as in a real file: identical rows, identical keys.
            let person = row.high % 7
            let key: DuplicateKey? =
                person == 0
                ? nil
                : {
                    let text =
                        "person_id=p\(person)\(String(repeating: "x", count: Int(row.high % 3) * 60)); date=2012-01-0\(row.high % 4 + 1)"
                    var digest = RowFingerprint(high: 0, low: 0)
                    for byte in text.utf8 {
                        digest.high = (digest.high ^ UInt64(byte)) &* 0x100_0000_01b3
                        digest.low = digest.low &* 31 &+ UInt64(byte)
                    }
                    return DuplicateKey(digest: digest, textBytes: Array(text.utf8))
                }()
            out.append((RecordPosition(line: line, record: record), row, key, Int(next(3))))
            line += 1 + Int(next(2))
        }
        return out
    }

    static func inMemory(_ stream: [(RecordPosition, RowFingerprint, DuplicateKey?, Int)], spec: DuplicateSpec)
        -> Outcome
    {
        var deduplicator = Deduplicator(spec: spec)
        var outcome = Outcome(duplicates: [], distinct: [])
        for (position, fingerprint, key, weight) in stream {
            if let found = deduplicator.find(position, fingerprint: fingerprint, keyDigest: key?.digest) {
                outcome.duplicates.append(
                    "\(position.record)<\(found.original.record)@\(found.original.line) \(found.kind) '\(found.kind == .sameKey ? key!.text : "")' tag \(position.record * 10) w \(weight)"
                )
            } else {
                outcome.distinct.append("\(fingerprint.high)-\(fingerprint.low) \(key?.text ?? "-")")
            }
        }
        return outcome
    }

    static func spilled(
        _ stream: [(RecordPosition, RowFingerprint, DuplicateKey?, Int)], spec: DuplicateSpec,
        settings: SpilledDeduplicator.Settings
    ) throws -> Outcome {
        let deduplicator = SpilledDeduplicator(spec: spec, settings: settings)
        for (position, fingerprint, key, weight) in stream {
            deduplicator.add(
                position, fingerprint: fingerprint, key: key, tag: UInt64(position.record * 10), weight: weight)
        }
        #expect(deduplicator.count == stream.count)
        var found: [String] = []
        var distinct: [String] = []
        try deduplicator.finish(
            onDuplicate: {
                found.append(
                    "\($0.position.record)<\($0.original.record)@\($0.original.line) \($0.kind) '\($0.key)' tag \($0.tag) w \($0.weight)"
                )
            },
            onDistinct: { fingerprint, text in
                distinct.append(
                    "\(fingerprint.high)-\(fingerprint.low) \(text.map { String(decoding: $0, as: UTF8.self) } ?? "-")")
            })
        return Outcome(duplicates: found, distinct: distinct)
    }

    @Test(arguments: [(2, 1, 100), (4, 7, 64 << 10), (8, 1000, 200), (64, 1 << 16, 16 << 10)])
    func sameAsInMemory(_ partitions: Int, _ memoryRecords: Int, _ bufferBytes: Int) throws {
        let stream = Self.stream(seed: UInt64(partitions * 31 + memoryRecords), count: 3000)
        for exactRows in [true, false] {
            for key in [[Field.personID, .date], []] {
                var spec = DuplicateSpec()
                spec.key = key
                spec.exactRows = exactRows
                // Without a key the stream's keys are not given to either.
                let input = key.isEmpty ? stream.map { ($0.0, $0.1, nil, $0.3) } : stream
                let expected = Self.inMemory(input, spec: spec)
                let got = try Self.spilled(
                    input, spec: spec,
                    settings: .init(partitions: partitions, memoryRecords: memoryRecords, bufferBytes: bufferBytes))
                // Duplicates come in file order, whatever file each was found in.
                #expect(got.duplicates == expected.duplicates, "exactRows \(exactRows), key \(key)")
                // Distinct records come partition by partition: the same ones, in another order.
                #expect(got.distinct.sorted() == expected.distinct.sorted(), "exactRows \(exactRows), key \(key)")
                if exactRows && !key.isEmpty {
                    // The stream really exercises both kinds and keyless records.
                    #expect(
                        expected.duplicates.contains { $0.contains("exactRow") }
                            && expected.duplicates.contains { $0.contains("sameKey") })
                    #expect(expected.distinct.contains { $0.hasSuffix(" -") })
                }
            }
        }
    }

    @Test func anUnwritableFolderIsReportedWhenFinishing() {
        let deduplicator = SpilledDeduplicator(
            spec: DuplicateSpec(), settings: .init(directory: "/nonexistent-folder-for-spill"))
        deduplicator.add(
            RecordPosition(line: 2, record: 1), fingerprint: RowFingerprint(high: 1, low: 2), key: nil, tag: 0,
            weight: 1)
        #expect(deduplicator.count == 1)
        #expect(throws: SpillError.self) { try deduplicator.finish(onDuplicate: { _ in }, onDistinct: { _, _ in }) }
        do {
            try deduplicator.finish(onDuplicate: { _ in }, onDistinct: { _, _ in })
        } catch {
            #expect(error.description.contains("/nonexistent-folder-for-spill") && error.description.contains("TMPDIR"))
        }
    }
}
