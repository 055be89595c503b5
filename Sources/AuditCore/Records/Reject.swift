/// A data row that was read but not counted, with the reason.
///
/// Grain: one per rejected row. Written to `rejects.csv` so that nothing is lost silently.
package struct Reject: Sendable, Hashable {
    package var lineage: Lineage
    /// The column the problem is in, when it is about one value.
    package var column: String?
    package var reason: String
    /// The start of the raw row (at most 300 bytes), to find it by eye.
    package var raw: String

    package init(lineage: Lineage, column: String?, reason: String, raw: String) {
        self.lineage = lineage
        self.column = column
        self.reason = reason
        self.raw = raw
    }
}

/// A record folded into an earlier one instead of being counted twice.
///
/// Grain: one per duplicate row; `original` is the first occurrence, which is the one counted.
package struct DuplicateRecord: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable {
        /// Every field of the data row is byte-identical to an earlier row.
        case exactRow = "exact_row"
        /// The pipeline's key fields repeat an earlier record.
        case sameKey = "same_key"
        /// The record's date lies outside the range the pipeline declares its file authoritative
        /// for (`inputs`): another file speaks for that date. No original; `key` gives the date
        /// and the range.
        case superseded
    }

    package var lineage: Lineage
    package var original: Lineage
    package var kind: Kind
    /// For `sameKey`: the key's fields and values, e.g. `person_id=ab12…; date=2024-03-04`.
    package var key: String

    package init(lineage: Lineage, original: Lineage, kind: Kind, key: String) {
        self.lineage = lineage
        self.original = original
        self.kind = kind
        self.key = key
    }
}
