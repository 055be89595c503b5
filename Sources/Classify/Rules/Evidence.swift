import AuditCore

/// The criminal-history evidence one record carries, read once and shared by the rules.
///
/// Values are interpreted here (yes/no spellings, ICE's aggravated-felon categories, crime classes,
/// sentences in days, months and years); values that fit none of the known spellings are reported as
/// unmapped rather than guessed.
struct Evidence {
    /// `Aggravated Felon Yes No` / `felon`: `Not an Aggravated Felon`, `Drugs`, `Other`, `Both (…)`.
    var aggravatedFelon: Bool?
    /// `Aggravated Felony Yes No`: `YES` / `NO`.
    var aggravatedFelonyFlag: Bool?
    var crimeClass: CrimeClass?
    var priorFelony: Bool?
    var multiplePriorMisdemeanors: Bool?
    /// Every ICE priority flag the record carries (`YES` / `NO`; empty or unreadable: unknown).
    var flags = PriorityFlags()
    /// Total sentence in days (days + 30.4375 × months + 365.25 × years), when any part is given.
    var sentenceDays: Double?
    var chargeStatus: ChargeStatus?
    var offense: OffenseLookup
    /// What the record's charge list says (pipeline `charges:`), when it has one.
    var charges: ChargeListEvidence?

    enum CrimeClass { case aggravatedFelony, felony, misdemeanor, other }
    enum ChargeStatus { case convicted, pending, overturned }

    init(record: SourceRecord, table: OffenseTable, unmapped: inout [UnmappedValue]) {
        if let text = record[.aggravatedFelon].string {
            switch text {
            // ICE's own spellings (CODEBOOK), decided without normalizing; the rest below.
            case "Not an Aggravated Felon": aggravatedFelon = false
            case "Drugs", "Other": aggravatedFelon = true
            default: aggravatedFelon = Self.aggravatedFelon(normalizing: text, unmapped: &unmapped)
            }
        }
        for flag in PriorityFlag.allCases { flags[flag] = Self.yesNo(record, flag.field, unmapped: &unmapped) }
        aggravatedFelonyFlag = flags[.aggravatedFelony]
        priorFelony = flags[.priorFelony]
        multiplePriorMisdemeanors = flags[.multiplePriorMisdemeanors]
        crimeClass = record[.mscCrimeClass].string.flatMap { Self.crimeClass($0, unmapped: &unmapped) }
        chargeStatus = record[.mscChargeStatus].string.flatMap { Self.chargeStatus($0, unmapped: &unmapped) }
        sentenceDays = Self.sentenceDays(record, unmapped: &unmapped)
        offense = Self.offense(record, table: table, unmapped: &unmapped)
        if let list = record.charges {
            let charges = ChargeListEvidence(charges: list, table: table, unmapped: &unmapped)
            // The MSC columns, when a source has both, name the most serious conviction themselves.
            if offense == .absent { offense = charges.mostSerious }
            self.charges = charges
        }
    }

    /// A `YES` / `NO` flag; empty is unknown, anything else unknown and listed.
    private static func yesNo(_ record: SourceRecord, _ field: Field, unmapped: inout [UnmappedValue]) -> Bool? {
        guard let text = record[field].string else { return nil }
        // ICE's own spellings first: comparing short strings costs no new string.
        switch text {
        case "YES", "Yes", "yes", "Y", "y": return true
        case "NO", "No", "no", "N", "n": return false
        default: break
        }
        switch text.trimmingSpaces.lowercased() {
        case "yes", "y", "true": return true
        case "no", "n", "false": return false
        default:
            unmapped.append(UnmappedValue(field: field.rawValue, value: text))
            return nil
        }
    }

    private static func crimeClass(_ text: String, unmapped: inout [UnmappedValue]) -> CrimeClass? {
        switch ColumnName.normalized(text) {
        case "aggravated felony": return .aggravatedFelony
        case "felony": return .felony
        case "misdemeanor": return .misdemeanor
        case "other", "not applicable": return .other
        default:
            unmapped.append(UnmappedValue(field: Field.mscCrimeClass.rawValue, value: text))
            return nil
        }
    }

    private static func chargeStatus(_ text: String, unmapped: inout [UnmappedValue]) -> ChargeStatus? {
        switch ColumnName.normalized(text) {
        case "convicted", "c": return .convicted
        case "pending", "p": return .pending
        case "overturned", "o": return .overturned
        default:
            unmapped.append(UnmappedValue(field: Field.mscChargeStatus.rawValue, value: text))
            return nil
        }
    }

    /// The total of the sentence columns in days, when any part is given and readable.
    private static func sentenceDays(_ record: SourceRecord, unmapped: inout [UnmappedValue]) -> Double? {
        var total: Double?
        for (field, days) in sentenceParts {
            guard let text = record[field].string else { continue }
            let digits = text.trimmingSpaces
            // Plain decimals only: `Double` would also read "0x10" or "1e3".
            guard digits.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 }), let amount = Double(digits),
                amount.isFinite
            else {
                unmapped.append(UnmappedValue(field: field.rawValue, value: text))
                continue
            }
            total = (total ?? 0) + amount * days
        }
        return total
    }

    /// The offense table's row for the MSC code and name; what it could not match is listed.
    private static func offense(
        _ record: SourceRecord, table: OffenseTable, unmapped: inout [UnmappedValue]
    ) -> OffenseLookup {
        let code = record[.mscCode].string
        let name = record[.mscName].string
        let offense = table.lookup(code: code, name: name)
        switch offense {
        case .category(_, let unknown): unmapped.append(UnmappedValue(field: Field.mscCode.rawValue, value: unknown))
        case .name(_, let unknownCode?):
            unmapped.append(UnmappedValue(field: Field.mscCode.rawValue, value: unknownCode))
        case .unknown:
            if let code { unmapped.append(UnmappedValue(field: Field.mscCode.rawValue, value: code)) }
            if let name { unmapped.append(UnmappedValue(field: Field.mscName.rawValue, value: name)) }
        default: break
        }
        return offense
    }

    /// The sentence columns and their length in days.
    private static let sentenceParts = [
        (Field.mscSentenceDays, 1.0), (.mscSentenceMonths, 30.4375), (.mscSentenceYears, 365.25),
    ]

    private static func aggravatedFelon(normalizing text: String, unmapped: inout [UnmappedValue]) -> Bool? {
        switch ColumnName.normalized(text) {
        case "not an aggravated felon", "no", "n": return false
        case "drugs", "other", "both (drug and other agg felon convictions)", "both", "yes", "y": return true
        default:
            unmapped.append(UnmappedValue(field: Field.aggravatedFelon.rawValue, value: text))
            return nil
        }
    }

    /// Whether the record names any offense (code or name), mapped or not.
    var hasOffense: Bool { offense != .absent }

    /// Evidence that the most serious conviction is a felony: a felony crime class, or a sentence of
    /// more than one year (a sentence over a year is only possible for a felony).
    var felonyNow: Bool {
        crimeClass == .felony || crimeClass == .aggravatedFelony || (sentenceDays ?? 0) > 365.25
    }

    /// Any evidence of a felony in the person's record.
    var anyFelony: Bool { felonyNow || aggravatedFelon == true || aggravatedFelonyFlag == true || priorFelony == true }
}
