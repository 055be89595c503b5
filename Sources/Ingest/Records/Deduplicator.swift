public import AuditCore

/// Flags records that repeat an earlier one, so that reports count each distinct record once.
///
/// Two kinds, both from established practice (DDP's `duplicate_likely`, UWCHR's join de-duplication):
/// byte-identical data rows, and records sharing the pipeline's declared key (e.g. person + detainer
/// date). The first occurrence is counted; later ones are returned as `DuplicateRecord`s to list.
/// Records with a missing or redacted key field are never key duplicates. Memory holds one 128-bit
/// fingerprint and a packed (line, record) per distinct row and per distinct key, not the rows;
/// one deduplicator serves one file.
public struct Deduplicator: Sendable {
    private let key: [Field]
    private let exactRows: Bool
    /// First occurrences as (line, record) packed into 64 bits: no strings in the per-record maps.
    private var seenRows = FingerprintTable()
    private var seenKeys = FingerprintTable()

    /// The top bit is always set, so a packed value is never 0 (`FingerprintTable`'s empty slot).
    private static func pack(_ lineage: Lineage) -> UInt64 {
        1 << 63 | (UInt64(truncatingIfNeeded: lineage.line) & 0x7FFF_FFFF) << 32 | UInt64(truncatingIfNeeded: lineage.record) & 0xFFFF_FFFF
    }

    private static func unpack(_ value: UInt64, file: String) -> Lineage {
        Lineage(file: file, line: Int((value >> 32) & 0x7FFF_FFFF), record: Int(value & 0xFFFF_FFFF))
    }

    public init(spec: DuplicateSpec) {
        key = spec.key
        exactRows = spec.exactRows
    }

    /// Returns the duplicate entry when `record` repeats an earlier record, else remembers it.
    public mutating func check(_ record: SourceRecord, fingerprint: RowFingerprint) -> DuplicateRecord? {
        check(record.lineage, fingerprint: fingerprint, key: Self.key(of: record, fields: key))
    }

    /// The same, from what `key(of:fields:)` found on the thread that read the record.
    public mutating func check(_ lineage: Lineage, fingerprint: RowFingerprint, key: DuplicateKey?) -> DuplicateRecord? {
        if exactRows {
            if let original = seenRows.insertIfAbsent(fingerprint, value: Self.pack(lineage)) {
                return DuplicateRecord(lineage: lineage, original: Self.unpack(original, file: lineage.file), kind: .exactRow, key: "")
            }
        }
        guard let key else { return nil }
        if let original = seenKeys.insertIfAbsent(key.digest, value: Self.pack(lineage)) {
            return DuplicateRecord(lineage: lineage, original: Self.unpack(original, file: lineage.file), kind: .sameKey, key: key.text)
        }
        return nil
    }

    /// The record's duplicate key — a digest of the key fields' values (dates as calendar days,
    /// whatever their spelling) and the text a duplicate's listing shows — or nil when the pipeline
    /// declares no key or a key field is missing or redacted.
    public static func key(of record: SourceRecord, fields: [Field]) -> DuplicateKey? {
        guard !fields.isEmpty else { return nil }
        // Hash the key's values in place.
        var high: UInt64 = 0xcbf2_9ce4_8422_2325
        var low: UInt64 = 0x2545_f491_4f6c_dd1d
        for field in fields {
            guard let value = record[field].string else { return nil }
            func mix(_ byte: UInt8) {
                high = (high ^ UInt64(byte)) &* 0x100_0000_01b3
                low = (low &+ UInt64(byte) &+ 1) &* 0xff51_afd7_ed55_8ccd
                low ^= low >> 31
            }
            if field == .date, let date = record.date {
                for part in [date.year, date.month, date.day] { for shift in stride(from: 0, to: 16, by: 8) { mix(UInt8(truncatingIfNeeded: part >> shift)) } }
            } else {
                for byte in value.utf8 { mix(byte) }
            }
            high = (high ^ 0x1F) &* 0x100_0000_01b3
            low = (low ^ 0x1F) &* 0xc4ce_b9fe_1a85_ec53
        }
        // The listing's text is only spelled out for a duplicate: keep the values (no new strings).
        var values: [String] = []
        values.reserveCapacity(fields.count)
        for field in fields where field != .date || record.date == nil { values.append(record[field].groupLabel) }
        return DuplicateKey(digest: RowFingerprint(high: high, low: low), fields: fields, values: values, date: record.date)
    }
}

/// A record's duplicate key: what `Deduplicator` compares, and how its listing names it.
public struct DuplicateKey: Sendable {
    public var digest: RowFingerprint
    let fields: [Field]
    /// The key fields' values in order, the date left out when it was read as a date.
    let values: [String]
    let date: SimpleDate?

    /// e.g. `person_id=ab12…; date=2024-03-04` (a date as read, whatever its spelling).
    public var text: String {
        var next = values.makeIterator()
        return fields.map { field in
            "\(field.rawValue)=\(field == .date && date != nil ? date!.isoString : next.next() ?? "")"
        }.joined(separator: "; ")
    }
}
