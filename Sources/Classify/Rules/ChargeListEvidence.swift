import AuditCore

/// What a record's charge list (pipeline `charges:`, the I-213's `criminal_charges`) says:
/// criminality from the charges' statuses, and the most serious convicted charge.
///
/// Criminality: any `Convicted` → `convicted`; else any charge whose status is null or a word
/// other than Convicted / Pending / Dismissed / Overturned → `unknown` (that charge may be a
/// conviction); else any `Pending` → `pending_charges`; else — only dismissed or overturned charges,
/// or an empty list — `no_criminal_record`, ICE's `3 Other Immigration Violator` (neither a
/// conviction nor a pending charge; `no_conviction_recorded` is for sources that cannot tell pending
/// charges from none, and a list with statuses can). A missing, null-marker or redacted list is
/// `unknown`, never "none".
///
/// Most serious conviction: the convicted charge that ranks highest by what the offense table says
/// of it — an aggravated felony per se, then felony grade, then unknown grade (and charges no row
/// matches, which could be anything), then misdemeanor grade, then a charge with nothing to match;
/// at equal rank an aggravated felony with a sentence of a year first, then violent, then a table
/// row before a whole category before an unmatched charge, then the table's code order. Code order
/// alone is not severity (NCIC 03 immigration precedes 09 homicide). Ranking an unknown grade above
/// a misdemeanor keeps a charge that may be a felony from being passed over: its labels stay
/// undetermined rather than guessed. Only the most serious conviction feeds the labels, so a level
/// is a lower bound where several convictions could add up (two felonies are level 1).
struct ChargeListEvidence {
    var criminality: Criminality
    var rule: String
    /// The most serious convicted charge as the offense table resolves it; `.absent` without one.
    var mostSerious: OffenseLookup

    init(charges: [Charge], table: OffenseTable, unmapped: inout [UnmappedValue]) {
        var statuses: Set<ChargeStatus> = []
        var unknownStatus = false
        var best: (lookup: OffenseLookup, rank: Rank)?
        for charge in charges {
            guard let text = charge.status, let status = ChargeStatus(text: text) else {
                if let text = charge.status { unmapped.append(UnmappedValue(field: "charges.status", value: text)) }
                unknownStatus = true
                continue
            }
            statuses.insert(status)
            guard status == .convicted else { continue }
            let lookup = Self.lookup(charge, table: table, unmapped: &unmapped)
            let rank = Rank(lookup)
            if best == nil || rank > best!.rank { best = (lookup, rank) }
        }
        mostSerious = best?.lookup ?? .absent
        (criminality, rule) =
            if statuses.contains(.convicted) {
                (.convicted, "criminality.charges_convicted")
            } else if unknownStatus {
                (.unknown, "criminality.charge_status_unknown")
            } else if statuses.contains(.pending) {
                (.pendingCharges, "criminality.charges_pending")
            } else if charges.isEmpty {
                (.noCriminalRecord, "criminality.charges_empty")
            } else {
                (.noCriminalRecord, "criminality.charges_dismissed_or_overturned")
            }
    }

    /// The label for a record without a list: its cell was missing, a null marker or redacted.
    static func withoutList(_ record: SourceRecord) -> (Criminality, String) {
        record[.chargeCount] == .redacted
            ? (.unknown, "criminality.charges_redacted") : (.unknown, "criminality.charges_missing")
    }

    /// The charge's code or name, else its category; what none of them matches is listed as unmapped.
    private static func lookup(_ charge: Charge, table: OffenseTable, unmapped: inout [UnmappedValue])
        -> OffenseLookup
    {
        var lookup = table.lookup(code: charge.code, name: charge.name)
        if let category = charge.category, lookup == .absent || lookup == .unknown {
            let byCategory = table.lookup(code: nil, name: category)
            if byCategory != .unknown || lookup == .absent { lookup = byCategory }
        }
        switch lookup {
        case .category(_, let code), .name(_, let code?):
            unmapped.append(UnmappedValue(field: "charges.code", value: code))
        case .unknown:
            let given = [
                ("charges.code", charge.code), ("charges.name", charge.name), ("charges.category", charge.category),
            ]
            for case (let field, let value?) in given { unmapped.append(UnmappedValue(field: field, value: value)) }
        default: break
        }
        return lookup
    }

    /// How serious a resolved charge is, compared as the type's documentation says.
    struct Rank: Comparable {
        /// 4 an aggravated felony per se, 3 felony grade, 2 unknown grade or unmatched, 1 misdemeanor
        /// grade, 0 a charge with no code, name or category.
        var severity: Int
        /// An aggravated felony with a sentence of at least a year.
        var withSentence: Bool
        var violent: Bool
        /// 3 a table row, 2 a whole category, 1 unmatched, 0 nothing to match.
        var resolution: Int
        /// The table's order: a lower code ranks higher.
        var code: String

        init(_ lookup: OffenseLookup) {
            switch lookup {
            case .code(let offense), .category(let offense, _), .name(let offense, _):
                severity = offense.aggravatedFelony == .perSe ? 4 : Self.severity(offense.grade)
                withSentence = offense.aggravatedFelony == .withSentenceOfOneYear
                violent = offense.violent
                resolution = 3
                code = offense.code
            case .categoryOnly(let category):
                (severity, withSentence, violent, resolution) = (Self.severity(category.grade), false, false, 2)
                code = category.code
            case .unknown: (severity, withSentence, violent, resolution, code) = (2, false, false, 1, "")
            case .absent: (severity, withSentence, violent, resolution, code) = (0, false, false, 0, "")
            }
        }

        private static func severity(_ grade: Offense.Grade) -> Int {
            switch grade {
            case .felony: 3
            case .unknown: 2
            case .misdemeanor: 1
            }
        }

        static func < (lhs: Rank, rhs: Rank) -> Bool {
            if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
            if lhs.withSentence != rhs.withSentence { return !lhs.withSentence }
            if lhs.violent != rhs.violent { return !lhs.violent }
            if lhs.resolution != rhs.resolution { return lhs.resolution < rhs.resolution }
            return lhs.code > rhs.code
        }
    }
}
