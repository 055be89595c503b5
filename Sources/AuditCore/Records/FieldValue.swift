/// One cell after ingest: a value, or the reason there is none.
///
/// Missing and redacted are kept apart because they mean different things: a blank or `NA` cell
/// says nothing, a FOIA redaction marker says the agency withheld a value that exists.
package enum FieldValue: Sendable, Hashable {
    case value(String)
    case missing
    case redacted

    /// The value, or nil when missing or redacted.
    package var string: String? {
        if case .value(let text) = self { return text }
        return nil
    }

    /// How a group-by column shows this cell.
    package var groupLabel: String {
        switch self {
        case .value(let text): text
        case .missing: "(missing)"
        case .redacted: "(redacted)"
        }
    }
}
