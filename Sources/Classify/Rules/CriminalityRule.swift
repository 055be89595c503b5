import AuditCore

/// Decides `criminality` from the source's criminality column, or from the MSC columns when the
/// source has none.
///
/// ICE's values (CODEBOOK §1): `1 Convicted Criminal`, `2 Pending Criminal Charges`,
/// `3 Other Immigration Violator`; official aggregate tables drop the digit. Pipelines may add
/// spellings (`classification.criminality_values`). A file with only MSC columns can show a
/// conviction but cannot tell pending charges from none: `no_conviction_recorded`.
struct CriminalityRule {
    var extraValues: [String: Criminality]
    var sourceHasCriminality: Bool
    var sourceHasOffense: Bool

    private static let builtIn: [String: Criminality] = [
        "convicted criminal": .convicted,
        "pending criminal charges": .pendingCharges,
        "other immigration violator": .noCriminalRecord,
    ]

    func decide(_ record: SourceRecord, evidence: Evidence, unmapped: inout [UnmappedValue]) -> (Criminality, String) {
        if sourceHasCriminality {
            if let text = record[.criminality].string {
                if let label = extraValues[text] ?? extraValues[text.trimmingSpaces] { return (label, "criminality.pipeline_value") }
                if let label = Self.builtIn[Self.withoutOrdinal(text)] { return (label, "criminality.ice_value") }
                unmapped.append(UnmappedValue(field: Field.criminality.rawValue, value: text))
                return (.unknown, "criminality.unmapped_value")
            }
            if evidence.hasOffense { return (.convicted, "criminality.blank_but_msc_present") }
            return (.unknown, record[.criminality] == .redacted ? "criminality.redacted" : "criminality.blank")
        }
        if sourceHasOffense {
            return evidence.hasOffense
                ? (.convicted, "criminality.msc_present") : (.noConvictionRecorded, "criminality.msc_absent")
        }
        return (.unknown, "criminality.not_in_source")
    }

    /// `1 Convicted Criminal` → `convicted criminal`.
    static func withoutOrdinal(_ text: String) -> String {
        var key = ColumnName.normalized(text)
        if let space = key.firstIndex(of: " "), key[..<space].allSatisfy(\.isNumber) {
            key = String(key[key.index(after: space)...])
        }
        return key
    }
}
