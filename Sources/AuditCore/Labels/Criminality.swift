/// What a record says about the person's criminal history, as a closed vocabulary.
///
/// ICE records it as `1 Convicted Criminal`, `2 Pending Criminal Charges`,
/// `3 Other Immigration Violator` (CODEBOOK §1). `noConvictionRecorded` is for sources that cannot
/// tell pending charges from none — e.g. a file whose only evidence is an empty most-serious-conviction
/// column.
package enum Criminality: String, CaseIterable, Sendable, Hashable, Codable {
    case convicted
    case pendingCharges = "pending_charges"
    case noCriminalRecord = "no_criminal_record"
    case noConvictionRecorded = "no_conviction_recorded"
    case unknown

    /// The report column that counts this label (the one place its name is written: `CountColumn`).
    package var countColumn: CountColumn {
        switch self {
        case .convicted: .convicted
        case .pendingCharges: .pendingCharges
        case .noCriminalRecord: .noCriminalRecord
        case .noConvictionRecorded: .noConvictionRecorded
        case .unknown: .criminalityUnknown
        }
    }
}

/// ICE's own threat level as recorded on the record, validated but not re-derived.
///
/// ICE FY26 detention data dictionary: "Threat Level 1 — … aggravated felony or two or more
/// felonies"; "No ICE Threat Level — no prior known criminal conviction".
package enum ICEThreatLevel: String, CaseIterable, Sendable, Hashable, Codable {
    case level1 = "1"
    case level2 = "2"
    case level3 = "3"
    case none
    case missing

    /// The report column that counts this label.
    package var countColumn: CountColumn {
        switch self {
        case .level1: .iceLevel1
        case .level2: .iceLevel2
        case .level3: .iceLevel3
        case .none: .iceLevelNone
        case .missing: .iceLevelMissing
        }
    }
}

/// The Secure Communities level this project derives from the record's own evidence.
///
/// Definitions (ICE FY26 detention data dictionary, shared/domain/ncic_levels.md §3): Level 1 = an
/// aggravated felony or two or more felonies; Level 2 = a felony or three or more misdemeanors;
/// Level 3 = misdemeanors, fewer than three.
package enum DerivedLevel: String, CaseIterable, Sendable, Hashable, Codable {
    case level1 = "level_1"
    case level2 = "level_2"
    case level3 = "level_3"
    case notConvicted = "not_convicted"
    case unclassified

    /// The report column that counts this label.
    package var countColumn: CountColumn {
        switch self {
        case .level1: .level1
        case .level2: .level2
        case .level3: .level3
        case .notConvicted: .notConvicted
        case .unclassified: .unclassified
        }
    }
}

/// Whether the record concerns a victim of or witness to crime.
///
/// No ICE release carries this; it comes from data an organisation joins in. `possibleVictim` is the
/// opt-in dual-arrest heuristic and is always reported apart from confirmed statuses.
package enum VictimWitnessStatus: String, CaseIterable, Sendable, Hashable, Codable {
    case victimDomesticViolence = "victim_domestic_violence"
    case victimViolentCrime = "victim_violent_crime"
    case victimTrafficking = "victim_trafficking"
    case witness
    case possibleVictim = "possible_victim"
    case none
    case unknown

    /// The report column that counts this label.
    package var countColumn: CountColumn {
        switch self {
        case .victimDomesticViolence: .victimDomesticViolence
        case .victimViolentCrime: .victimViolentCrime
        case .victimTrafficking: .victimTrafficking
        case .witness: .witness
        case .possibleVictim: .possibleVictim
        case .none: .victimWitnessNone
        case .unknown: .victimWitnessUnknown
        }
    }

    /// Confirmed statuses (from a mapped indicator), as opposed to the heuristic or none.
    package var isConfirmed: Bool {
        switch self {
        case .victimDomesticViolence, .victimViolentCrime, .victimTrafficking, .witness: true
        default: false
        }
    }
}

/// How an arrest came about, as ICE's arrests tables record it (`Apprehension Type`): the person ICE
/// set out to arrest, or someone encountered along the way ("collateral").
package enum ApprehensionType: String, CaseIterable, Sendable, Hashable, Codable {
    case targeted
    case collateral
    case unknown

    /// The report column that counts this label.
    package var countColumn: CountColumn {
        switch self {
        case .targeted: .targeted
        case .collateral: .collateral
        case .unknown: .apprehensionTypeUnknown
        }
    }
}
