/// A canonical field: what a source column *means*, whatever a release calls it.
///
/// Pipelines map one or more spellings of a column (raw ICE `Detainer Criminality`, the Deportation
/// Data Project's `detainer_prepared_criminality`, ...) to one of these. Derived fields
/// (`fiscal_year`, `calendar_year`, `month`) are computed from `date` and may only be grouped by.
package enum Field: String, CaseIterable, Codable, Sendable, Hashable, Comparable {
    // When and where.
    case date
    case state
    case aor
    case county
    case city
    case facility
    case facilityCode = "facility_code"
    // Who (never written to published outputs when identifying).
    case personID = "person_id"
    case citizenship
    case gender
    case birthDate = "birth_date"
    case birthYear = "birth_year"
    // How the person was reached.
    case apprehensionMethod = "apprehension_method"
    /// `Targeted` or `Collateral` (arrests from the 2026 releases; DDP `apprehension_type`).
    case apprehensionType = "apprehension_type"
    case program
    case detainerType = "detainer_type"
    case liftReason = "lift_reason"
    /// Why or how a person left: a removal's departure or processing disposition, a stint's
    /// release reason (`Removed`, `Paroled`, ...).
    case removalReason = "removal_reason"
    // Criminal history as ICE recorded it.
    case criminality
    case iceThreatLevel = "ice_threat_level"
    case mscCode = "msc_code"
    case mscName = "msc_name"
    case mscSentenceDays = "msc_sentence_days"
    case mscSentenceMonths = "msc_sentence_months"
    case mscSentenceYears = "msc_sentence_years"
    case mscCrimeClass = "msc_crime_class"
    case mscChargeStatus = "msc_charge_status"
    case aggravatedFelon = "aggravated_felon"
    case aggravatedFelonyFlag = "aggravated_felony_flag"
    case priorFelony = "prior_felony"
    case multiplePriorMisdemeanors = "multiple_prior_misd"
    // ICE's detainer priority flags (`… Yes No`; the criteria of ICE's detainer guidance of
    // 21 December 2012 and the I-247D form of 2015; see `PriorityFlag`).
    case violentMisdemeanor = "violent_misdemeanor"
    case criminalStreetGang = "criminal_street_gang"
    case significantRisk = "significant_risk"
    case illegalEntry = "illegal_entry"
    case illegalReentry = "illegal_reentry"
    case immigrationFraud = "immigration_fraud"
    // Joined-in victim / witness evidence (no ICE release carries it).
    case victimWitnessIndicator = "victim_witness_indicator"
    // Pre-aggregated tables: how many records one row stands for.
    case count
    // Derived from `date`.
    case fiscalYear = "fiscal_year"
    case calendarYear = "calendar_year"
    case month
    /// The record's date as `YYYY-MM-DD` (the runner's day reports, from which claims and eras are
    /// cut at their exact dates).
    case day
    /// How many charges the record's charge list holds (`charges:` in the pipeline; the I-213's
    /// `criminal_charges`): computed by Ingest, missing when the list is.
    case chargeCount = "charge_count"

    package init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let field = Field(rawValue: text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription:
                        "unknown field '\(text)'; known fields: \(Field.allCases.map(\.rawValue).joined(separator: ", "))"
                ))
        }
        self = field
    }

    /// Whether the field is computed rather than read from a column.
    package var isDerived: Bool {
        switch self {
        case .fiscalYear, .calendarYear, .month, .day: true
        default: false
        }
    }

    /// Fields that identify a person; never allowed as a report group in a published output.
    package var isIdentifying: Bool {
        switch self {
        case .personID, .birthDate: true
        default: false
        }
    }

    /// Dense index for array-backed records: the declaration order. A switch, not a dictionary: this
    /// runs for every field of every record.
    package var index: Int {
        switch self {
        case .date: 0
        case .state: 1
        case .aor: 2
        case .county: 3
        case .city: 4
        case .facility: 5
        case .facilityCode: 6
        case .personID: 7
        case .citizenship: 8
        case .gender: 9
        case .birthDate: 10
        case .birthYear: 11
        case .apprehensionMethod: 12
        case .apprehensionType: 13
        case .program: 14
        case .detainerType: 15
        case .liftReason: 16
        case .removalReason: 17
        case .criminality: 18
        case .iceThreatLevel: 19
        case .mscCode: 20
        case .mscName: 21
        case .mscSentenceDays: 22
        case .mscSentenceMonths: 23
        case .mscSentenceYears: 24
        case .mscCrimeClass: 25
        case .mscChargeStatus: 26
        case .aggravatedFelon: 27
        case .aggravatedFelonyFlag: 28
        case .priorFelony: 29
        case .multiplePriorMisdemeanors: 30
        case .violentMisdemeanor: 31
        case .criminalStreetGang: 32
        case .significantRisk: 33
        case .illegalEntry: 34
        case .illegalReentry: 35
        case .immigrationFraud: 36
        case .victimWitnessIndicator: 37
        case .count: 38
        case .fiscalYear: 39
        case .calendarYear: 40
        case .month: 41
        case .day: 42
        case .chargeCount: 43
        }
    }

    package static func < (lhs: Field, rhs: Field) -> Bool { lhs.index < rhs.index }
}
