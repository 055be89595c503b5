package import AuditCore

/// Flags records that repeat an earlier one, so that reports count each distinct record once.
///
/// Two kinds, both from established practice (DDP's `duplicate_likely`, UWCHR's join de-duplication):
/// byte-identical data rows, and records sharing the pipeline's declared key (e.g. person + detainer
/// date). The first occurrence is counted; later ones are returned as `DuplicateRecord`s to list.
/// Records with a missing or redacted key field are never key duplicates. Memory holds one 128-bit
/// fingerprint and a packed (line, record) per distinct row and per distinct key, not the rows;
/// one deduplicator serves one file.
package struct Deduplicator: Sendable {
    private let key: [Field]
    private let exactRows: Bool
    /// First occurrences as (line, record) packed into 64 bits: no strings in the per-record maps.
    private var seenRows = FingerprintTable()
    private var seenKeys = FingerprintTable()

    /// The top bit is always set, so a packed value is never 0 (`FingerprintTable`'s empty slot).
    private static func pack(_ position: RecordPosition) -> UInt64 {
        1 << 63 | (UInt64(truncatingIfNeeded: position.line) & 0x7FFF_FFFF) << 32 | UInt64(
            truncatingIfNeeded: position.record) & 0xFFFF_FFFF
    }

    private static func unpack(_ value: UInt64) -> RecordPosition {
        RecordPosition(line: Int((value >> 32) & 0x7FFF_FFFF), record: Int(value & 0xFFFF_FFFF))
    }

    package init(spec: DuplicateSpec) {
        key = spec.key
        exactRows = spec.exactRows
    }

    /// Returns the duplicate entry when `record` repeats an earlier record, else remembers it.
    package mutating func check(_ record: SourceRecord, fingerprint: RowFingerprint) -> DuplicateRecord? {
        check(record.lineage, fingerprint: fingerprint, key: Self.key(of: record, fields: key))
    }

    /// The same, from what `key(of:fields:)` found on the thread that read the record.
    package mutating func check(_ lineage: Lineage, fingerprint: RowFingerprint, key: DuplicateKey?) -> DuplicateRecord?
    {
        guard
            let found = find(
                RecordPosition(line: lineage.line, record: lineage.record), fingerprint: fingerprint,
                keyDigest: key?.digest)
        else { return nil }
        let original = Lineage(file: lineage.file, line: found.original.line, record: found.original.record)
        return DuplicateRecord(
            lineage: lineage, original: original, kind: found.kind, key: found.kind == .sameKey ? key?.text ?? "" : "")
    }

    /// Whether a record repeats an earlier one — an identical row first, then the same key (nil:
    /// no complete key) — and which; a record that repeats none is remembered.
    package mutating func find(_ position: RecordPosition, fingerprint: RowFingerprint, keyDigest: RowFingerprint?) -> (
        kind: DuplicateRecord.Kind, original: RecordPosition
    )? {
        let packed = Self.pack(position)
        if exactRows, let original = seenRows.insertIfAbsent(fingerprint, value: packed) {
            return (.exactRow, Self.unpack(original))
        }
        guard let keyDigest else { return nil }
        if let original = seenKeys.insertIfAbsent(keyDigest, value: packed) { return (.sameKey, Self.unpack(original)) }
        return nil
    }

    /// The record's duplicate key — a digest of the key fields' values (dates as calendar days,
    /// whatever their spelling) and the text a listing shows — or nil when the pipeline declares no
    /// key or a key field is missing or redacted.
    package static func key(of record: SourceRecord, fields: [Field]) -> DuplicateKey? {
        guard !fields.isEmpty else { return nil }
        // Hash the key's values in place, and spell out the text beside them.
        var high: UInt64 = 0xcbf2_9ce4_8422_2325
        var low: UInt64 = 0x2545_f491_4f6c_dd1d
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for field in fields {
            guard var value = record[field].string else { return nil }
            func mix(_ byte: UInt8) {
                high = (high ^ UInt64(byte)) &* 0x100_0000_01b3
                low = (low &+ UInt64(byte) &+ 1) &* 0xff51_afd7_ed55_8ccd
                low ^= low >> 31
            }
            if !text.isEmpty { text.append(contentsOf: "; ".utf8) }
            text.append(contentsOf: field.rawValue.utf8)
            text.append(UInt8(ascii: "="))
            if field == .date, let date = record.date {
                for part in [date.year, date.month, date.day] {
                    for shift in stride(from: 0, to: 16, by: 8) { mix(UInt8(truncatingIfNeeded: part >> shift)) }
                }
                date.appendISO(to: &text)
            } else {
                value.withUTF8 { bytes in
                    for byte in bytes { mix(byte) }
                    text.append(contentsOf: bytes)
                }
            }
            high = (high ^ 0x1F) &* 0x100_0000_01b3
            low = (low ^ 0x1F) &* 0xc4ce_b9fe_1a85_ec53
        }
        return DuplicateKey(digest: RowFingerprint(high: high, low: low), textBytes: text)
    }
}

/// A record's duplicate key: what `Deduplicator` compares, and how listings name it.
package struct DuplicateKey: Sendable {
    package var digest: RowFingerprint
    /// `text` as UTF-8.
    package var textBytes: [UInt8]

    /// e.g. `person_id=ab12…; date=2024-03-04` (a date as read, whatever its spelling).
    package var text: String { String(decoding: textBytes, as: UTF8.self) }
}
