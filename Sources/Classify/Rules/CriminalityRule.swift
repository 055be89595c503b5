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
    /// The source has a charge list (`charges:`): it decides where the criminality column is absent
    /// or blank.
    var sourceHasCharges = false
    /// The record's date is outside the recorded period of a field criminality rests on.
    var notRecordedThen = false
    /// ICE's own spellings, decided once by `decide(text:)` (pipeline values first, as for any
    /// text): nearly every record holds one, and a compare costs less than trimming, normalizing and
    /// three dictionary lookups per record.
    private var decided: [(text: String, label: Criminality, rule: String)] = []

    /// As ICE releases spell them (CODEBOOK §1), with and without the ordinal.
    private static let iceSpellings = [
        "1 Convicted Criminal", "2 Pending Criminal Charges", "3 Other Immigration Violator",
        "Convicted Criminal", "Pending Criminal Charges", "Other Immigration Violator",
    ]

    init(
        extraValues: [String: Criminality], sourceHasCriminality: Bool, sourceHasOffense: Bool,
        sourceHasCharges: Bool = false, notRecordedThen: Bool = false
    ) {
        self.extraValues = extraValues
        self.sourceHasCriminality = sourceHasCriminality
        self.sourceHasOffense = sourceHasOffense
        self.sourceHasCharges = sourceHasCharges
        self.notRecordedThen = notRecordedThen
        decided = Self.iceSpellings.compactMap { text in decide(text: text).map { (text, $0.0, $0.1) } }
    }

    private static let builtIn: [String: Criminality] = [
        "convicted criminal": .convicted,
        "pending criminal charges": .pendingCharges,
        "other immigration violator": .noCriminalRecord,
    ]

    func decide(_ record: SourceRecord, evidence: Evidence, unmapped: inout [UnmappedValue]) -> (Criminality, String) {
        if sourceHasCharges, !sourceHasCriminality || record[.criminality].string == nil {
            return evidence.charges.map { ($0.criminality, $0.rule) } ?? ChargeListEvidence.withoutList(record)
        }
        if sourceHasCriminality {
            if let text = record[.criminality].string {
                for known in decided where known.text == text { return (known.label, known.rule) }
                if let decision = decide(text: text) { return decision }
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
        return (.unknown, notRecordedThen ? "criminality.not_recorded_then" : "criminality.not_in_source")
    }

    /// The label a criminality value maps to, and the rule; nil for a value no table maps.
    private func decide(text: String) -> (Criminality, String)? {
        if let label = extraValues[text] ?? extraValues[text.trimmingSpaces] {
            return (label, "criminality.pipeline_value")
        }
        if let label = Self.builtIn[Self.withoutOrdinal(text)] { return (label, "criminality.ice_value") }
        return nil
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
