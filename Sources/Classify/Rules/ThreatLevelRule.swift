import AuditCore

/// Passes ICE's recorded threat level through, validated.
///
/// Real spellings: `1`, `2`, `3` (DDP), `1.0` (stored as a double), `Level 1`, `Threat Level 1`,
/// `No ICE Threat Level`. A blank, `NA` or redacted cell (`(B)(7)(E)` in FY16–19 removals) is
/// `missing`: the record does not say, and this project does not infer it.
struct ThreatLevelRule {
    func decide(_ record: SourceRecord, unmapped: inout [UnmappedValue]) -> ICEThreatLevel {
        guard let text = record[.iceThreatLevel].string else { return .missing }
        // The commonest spellings without normalizing (short strings compare in place).
        switch text {
        case "1", "1.0", "Level 1": return .level1
        case "2", "2.0", "Level 2": return .level2
        case "3", "3.0", "Level 3": return .level3
        case "No ICE Threat Level": return .none
        default: break
        }
        var key = ColumnName.normalized(text)
        for prefix in ["ice threat level ", "threat level ", "level "] where key.hasPrefix(prefix) {
            key.removeFirst(prefix.count)
        }
        if key.hasSuffix(".0") { key.removeLast(2) }
        switch key {
        case "1": return .level1
        case "2": return .level2
        case "3": return .level3
        case "none", "no ice threat level", "0": return .none
        default:
            unmapped.append(UnmappedValue(field: Field.iceThreatLevel.rawValue, value: text))
            return .missing
        }
    }
}
