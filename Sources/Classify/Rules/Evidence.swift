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
        func yesNo(_ field: Field) -> Bool? {
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
        if let text = record[.aggravatedFelon].string {
            switch text {
            // ICE's own spellings (CODEBOOK), decided without normalizing; the rest below.
            case "Not an Aggravated Felon": aggravatedFelon = false
            case "Drugs", "Other": aggravatedFelon = true
            default: aggravatedFelon = Self.aggravatedFelon(normalizing: text, unmapped: &unmapped)
            }
        }
        for flag in PriorityFlag.allCases { flags[flag] = yesNo(flag.field) }
        aggravatedFelonyFlag = flags[.aggravatedFelony]
        priorFelony = flags[.priorFelony]
        multiplePriorMisdemeanors = flags[.multiplePriorMisdemeanors]
        if let text = record[.mscCrimeClass].string {
            switch ColumnName.normalized(text) {
            case "aggravated felony": crimeClass = .aggravatedFelony
            case "felony": crimeClass = .felony
            case "misdemeanor": crimeClass = .misdemeanor
            case "other", "not applicable": crimeClass = .other
            default: unmapped.append(UnmappedValue(field: Field.mscCrimeClass.rawValue, value: text))
            }
        }
        if let text = record[.mscChargeStatus].string {
            switch ColumnName.normalized(text) {
            case "convicted", "c": chargeStatus = .convicted
            case "pending", "p": chargeStatus = .pending
            case "overturned", "o": chargeStatus = .overturned
            default: unmapped.append(UnmappedValue(field: Field.mscChargeStatus.rawValue, value: text))
            }
        }
        var total: Double?
        for (field, days) in Self.sentenceParts {
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
        sentenceDays = total
        let code = record[.mscCode].string
        let name = record[.mscName].string
        offense = table.lookup(code: code, name: name)
        switch offense {
        case .category(_, let unknown): unmapped.append(UnmappedValue(field: Field.mscCode.rawValue, value: unknown))
        case .name(_, let unknownCode?):
            unmapped.append(UnmappedValue(field: Field.mscCode.rawValue, value: unknownCode))
        case .unknown:
            if let code { unmapped.append(UnmappedValue(field: Field.mscCode.rawValue, value: code)) }
            if let name { unmapped.append(UnmappedValue(field: Field.mscName.rawValue, value: name)) }
        default: break
        }
        if let list = record.charges {
            let charges = ChargeListEvidence(charges: list, table: table, unmapped: &unmapped)
            // The MSC columns, when a source has both, name the most serious conviction themselves.
            if offense == .absent { offense = charges.mostSerious }
            self.charges = charges
        }
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
