import AuditCore

/// One record as spilled: line, record, row fingerprint, key digest, tag, weight, then the key's
/// text (none: no complete key).
struct SpilledRecord {
    var position: RecordPosition
    var fingerprint: RowFingerprint
    var keyDigest: RowFingerprint?
    var tag: UInt64
    var weight: Int

    init(position: RecordPosition, fingerprint: RowFingerprint, keyDigest: RowFingerprint?, tag: UInt64, weight: Int) {
        self.position = position
        self.fingerprint = fingerprint
        self.keyDigest = keyDigest
        self.tag = tag
        self.weight = weight
    }

    init(_ cursor: SpillCursor) {
        position = RecordPosition(
            line: Int(truncatingIfNeeded: cursor.word(0)), record: Int(truncatingIfNeeded: cursor.word(1)))
        fingerprint = RowFingerprint(high: cursor.word(2), low: cursor.word(3))
        keyDigest = cursor.text == nil ? nil : RowFingerprint(high: cursor.word(4), low: cursor.word(5))
        tag = cursor.word(6)
        weight = Int(truncatingIfNeeded: Int64(bitPattern: cursor.word(7)))
    }

    var words: SpillFile.Words {
        (
            UInt64(truncatingIfNeeded: position.line), UInt64(truncatingIfNeeded: position.record), fingerprint.high,
            fingerprint.low,
            keyDigest?.high ?? 0, keyDigest?.low ?? 0, tag, UInt64(bitPattern: Int64(weight))
        )
    }

    /// What picks the record's file: its key, or its row when it has no complete key.
    var hash: UInt64 { keyDigest?.high ?? fingerprint.high }
}

/// A duplicate as the de-duplicator's decision file holds it: line, record, original line, original
/// record, kind (1: same key), 0, tag, weight, then the key's text (same key only).
struct SpilledDecision {
    var position: RecordPosition
    var original: RecordPosition
    var kind: DuplicateRecord.Kind
    var tag: UInt64
    var weight: Int

    init(position: RecordPosition, original: RecordPosition, kind: DuplicateRecord.Kind, tag: UInt64, weight: Int) {
        self.position = position
        self.original = original
        self.kind = kind
        self.tag = tag
        self.weight = weight
    }

    init(_ cursor: SpillCursor) {
        position = RecordPosition(
            line: Int(truncatingIfNeeded: cursor.word(0)), record: Int(truncatingIfNeeded: cursor.word(1)))
        original = RecordPosition(
            line: Int(truncatingIfNeeded: cursor.word(2)), record: Int(truncatingIfNeeded: cursor.word(3)))
        kind = cursor.word(4) == 1 ? .sameKey : .exactRow
        tag = cursor.word(6)
        weight = Int(truncatingIfNeeded: Int64(bitPattern: cursor.word(7)))
    }

    var words: SpillFile.Words {
        (
            UInt64(truncatingIfNeeded: position.line), UInt64(truncatingIfNeeded: position.record),
            UInt64(truncatingIfNeeded: original.line), UInt64(truncatingIfNeeded: original.record),
            UInt64(kind == .sameKey ? 1 : 0), 0, tag, UInt64(bitPattern: Int64(weight))
        )
    }
}
