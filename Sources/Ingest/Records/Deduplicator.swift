public import AuditCore

/// Flags records that repeat an earlier one, so that reports count each distinct record once.
///
/// Two kinds, both from established practice (DDP's `duplicate_likely`, UWCHR's join de-duplication):
/// byte-identical data rows, and records sharing the pipeline's declared key (e.g. person + detainer
/// date). The first occurrence is counted; later ones are returned as `DuplicateRecord`s to list.
/// Records with a missing or redacted key field are never key duplicates. Memory holds one 128-bit
/// fingerprint per distinct row and per distinct key, not the rows.
public struct Deduplicator: Sendable {
    private let key: [Field]
    private let exactRows: Bool
    private var seenRows: [RowFingerprint: Lineage] = [:]
    private var seenKeys: [RowFingerprint: Lineage] = [:]

    public init(spec: DuplicateSpec) {
        key = spec.key
        exactRows = spec.exactRows
    }

    /// Returns the duplicate entry when `record` repeats an earlier record, else remembers it.
    public mutating func check(_ record: SourceRecord, fingerprint: RowFingerprint) -> DuplicateRecord? {
        if exactRows {
            if let original = seenRows[fingerprint] {
                return DuplicateRecord(lineage: record.lineage, original: original, kind: .exactRow, key: "")
            }
            seenRows[fingerprint] = record.lineage
        }
        guard !key.isEmpty else { return nil }
        var parts: [String] = []
        for field in key {
            guard let value = record[field].string else { return nil }
            parts.append(field == .date ? (record.date?.isoString ?? value) : value)
        }
        let digest = Self.digest(parts)
        if let original = seenKeys[digest] {
            let described = zip(key, parts).map { "\($0.rawValue)=\($1)" }.joined(separator: "; ")
            return DuplicateRecord(lineage: record.lineage, original: original, kind: .sameKey, key: described)
        }
        seenKeys[digest] = record.lineage
        return nil
    }

    private static func digest(_ parts: [String]) -> RowFingerprint {
        var high: UInt64 = 0xcbf2_9ce4_8422_2325
        var low: UInt64 = 0x2545_f491_4f6c_dd1d
        for part in parts {
            for byte in part.utf8 {
                high = (high ^ UInt64(byte)) &* 0x100_0000_01b3
                low = (low &+ UInt64(byte) &+ 1) &* 0xff51_afd7_ed55_8ccd
                low ^= low >> 31
            }
            high = (high ^ 0x1F) &* 0x100_0000_01b3
            low = (low ^ 0x1F) &* 0xc4ce_b9fe_1a85_ec53
        }
        return RowFingerprint(high: high, low: low)
    }
}
