import AuditCore

/// Reads how an arrest came about: ICE's `Apprehension Type`, `Targeted` or `Collateral` (the
/// Deportation Data Project's 2026 arrests tables, `apprehension_type`).
///
/// A blank, `NA` or redacted cell, or a source without the column, is `unknown`: the record does not
/// say. Any other value is `unknown` and listed in `unmapped.csv`, never guessed.
struct ApprehensionTypeRule {
    func decide(_ record: SourceRecord, unmapped: inout [UnmappedValue]) -> ApprehensionType {
        guard let text = record[.apprehensionType].string else { return .unknown }
        switch text {
        case "Targeted", "TARGETED": return .targeted
        case "Collateral", "COLLATERAL": return .collateral
        default: break
        }
        switch ColumnName.normalized(text) {
        case "targeted": return .targeted
        case "collateral": return .collateral
        default:
            unmapped.append(UnmappedValue(field: Field.apprehensionType.rawValue, value: text))
            return .unknown
        }
    }
}
