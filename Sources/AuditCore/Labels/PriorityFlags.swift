/// One of ICE's detainer priority flags (`Prior Felony Yes No`, `Violent Misdemeanor Yes No`, …).
///
/// The Deportation Data Project's detainer tables (2017-2025 release and March 2026 release;
/// deportationdata/ice `code/detainers-historical.R`, `col_type_overrides_march2026_detainers`)
/// carry them as `YES` / `NO` / empty. Their wording follows the criteria of ICE Director Morton's
/// "Guidance on the Use of Detainers" (21 December 2012: a prior felony conviction or felony
/// charge; three or more prior misdemeanor convictions; a misdemeanor conviction or charge involving
/// violence; a conviction for illegal entry; illegal re-entry; immigration fraud; "otherwise poses a
/// significant risk to national security, border security, or public safety") and of the I-247D
/// form of 2015 (active participation in a criminal street gang; an aggravated felony). ICE has not
/// published their definitions (the Deportation Data Project's codebook calls their meaning
/// uncertain); this project reads each as ICE's own assertion of that ground, and an empty flag as
/// unknown, never as `NO`.
package enum PriorityFlag: String, CaseIterable, Sendable, Hashable {
    case aggravatedFelony = "aggravated_felony_flag"
    case priorFelony = "prior_felony"
    case multiplePriorMisdemeanors = "multiple_prior_misd"
    case violentMisdemeanor = "violent_misdemeanor"
    case criminalStreetGang = "criminal_street_gang"
    case significantRisk = "significant_risk"
    case illegalEntry = "illegal_entry"
    case illegalReentry = "illegal_reentry"
    case immigrationFraud = "immigration_fraud"

    /// The canonical field the flag is read from (same name).
    package var field: Field {
        switch self {
        case .aggravatedFelony: .aggravatedFelonyFlag
        case .priorFelony: .priorFelony
        case .multiplePriorMisdemeanors: .multiplePriorMisdemeanors
        case .violentMisdemeanor: .violentMisdemeanor
        case .criminalStreetGang: .criminalStreetGang
        case .significantRisk: .significantRisk
        case .illegalEntry: .illegalEntry
        case .illegalReentry: .illegalReentry
        case .immigrationFraud: .immigrationFraud
        }
    }

    /// The flag named by a YAML value, with the known names in the error.
    package static func named(_ text: String) throws -> PriorityFlag {
        guard let flag = PriorityFlag(rawValue: text) else {
            throw PriorityFlagError(
                message:
                    "unknown priority flag '\(text)'; known flags: \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return flag
    }

    fileprivate var bit: UInt16 { 1 << UInt16(Self.allCases.firstIndex(of: self) ?? 0) }
}

/// A flag name that is not one of `PriorityFlag`'s.
package struct PriorityFlagError: Error, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}

/// What one record's priority flags say: for each flag `YES`, `NO`, or unknown (empty, unreadable,
/// or not in the source).
package struct PriorityFlags: Sendable, Equatable, Hashable {
    private var yes: UInt16 = 0
    private var no: UInt16 = 0

    package init() {}

    /// `true` for `YES`, `false` for `NO`, nil when unknown.
    package subscript(flag: PriorityFlag) -> Bool? {
        get {
            if yes & flag.bit != 0 { return true }
            if no & flag.bit != 0 { return false }
            return nil
        }
        set {
            yes &= ~flag.bit
            no &= ~flag.bit
            switch newValue {
            case true?: yes |= flag.bit
            case false?: no |= flag.bit
            case nil: break
            }
        }
    }
}
