import AuditCore

/// One sentence per published column, for `codebook.csv`, the workbook's README sheet and the HTML
/// method notes. The README documents the same rules at length, with sources.
enum ColumnDescriptions {
    static func group(_ field: Field) -> String {
        switch field {
        case .fiscalYear:
            "US federal fiscal year of the record's date (FY2012 = 1 Oct 2011 – 30 Sep 2012); (missing) when undated"
        case .calendarYear: "calendar year of the record's date"
        case .month: "year and month of the record's date (YYYY-MM)"
        case .day: "the record's date (YYYY-MM-DD)"
        default:
            "value of the '\(field.rawValue)' field as the source spells it; (missing) for blank or NA, (redacted) for FOIA redaction markers"
        }
    }

    static func count(_ column: CountColumn) -> String {
        switch column {
        case .records:
            "distinct records counted (duplicates folded, rejects excluded; weighted by the count column for pre-aggregated inputs)"
        case .convicted:
            "criminality 'convicted' (ICE '1 Convicted Criminal', or an MSC present beside a blank criminality)"
        case .pendingCharges: "criminality 'pending_charges' (ICE '2 Pending Criminal Charges')"
        case .noCriminalRecord: "criminality 'no_criminal_record' (ICE '3 Other Immigration Violator')"
        case .noConvictionRecorded:
            "source has only MSC columns and they are empty: pending charges cannot be told from none"
        case .criminalityUnknown: "criminality blank, redacted, an unknown value, or not in the source"
        case .level1: "derived Level 1: an aggravated felony (INA 101(a)(43)) or two or more felonies"
        case .level2:
            "derived Level 2: a felony, or three or more misdemeanors, or (no other evidence) a felony-grade offense"
        case .level3:
            "derived Level 3: a misdemeanor (fewer than three), or (no other evidence) a misdemeanor-grade offense"
        case .notConvicted: "derived level not applicable: not convicted"
        case .unclassified:
            "convicted (or criminality unknown) but no evidence to derive a level: no offense, or an offense whose grade the code cannot tell"
        case .iceLevel1: "ICE's recorded threat level 1"
        case .iceLevel2: "ICE's recorded threat level 2"
        case .iceLevel3: "ICE's recorded threat level 3"
        case .iceLevelNone: "ICE recorded 'No ICE Threat Level'"
        case .iceLevelMissing: "no ICE threat level recorded (blank, NA, redacted or not in the source)"
        case .minorTraffic:
            "convicted; most serious conviction a minor traffic offense (NCIC 54xx except DUI and hit and run) and no felony evidence"
        case .immigrationOnly: "convicted; most serious conviction an immigration offense (NCIC 03xx, ICE 03AB)"
        case .victimDomesticViolence: "confirmed victim of domestic violence, from a joined-in indicator"
        case .victimViolentCrime: "confirmed victim of violent crime, from a joined-in indicator"
        case .victimTrafficking: "confirmed victim of trafficking, from a joined-in indicator"
        case .witness: "confirmed witness, from a joined-in indicator"
        case .possibleVictim: "opt-in dual-arrest heuristic: pending domestic-violence charge, never convicted"
        case .victimWitnessNone: "indicator column present and blank"
        case .victimWitnessUnknown: "no usable victim / witness evidence"
        case .onTarget: "within the stated targets of the era of the record's date"
        case .offTarget:
            "outside the stated targets of its era (no conviction, minor traffic only, victim or witness, as the era defines)"
        case .targetUndetermined: "in an era, but criminality unknown: cannot be judged"
        case .targetNotJudged: "dated outside every era of the targets file, or undated"
        case .targeted: "apprehension type 'Targeted': the person the arrest set out to make"
        case .collateral:
            "apprehension type 'Collateral': a person arrested in the course of an arrest aimed at someone else"
        case .apprehensionTypeUnknown: "apprehension type blank, redacted, another value, or not in the source"
        }
    }

    static func suppressedFlag(_ k: Int) -> String {
        "yes when any count in the row is shown as <\(k) (small-cell suppression; see the method notes)"
    }

    static func target(_ name: String, threshold: Double, k: Int) -> String {
        switch name {
        case "records", "on_target", "off_target", "target_undetermined", "target_not_judged":
            return CountColumn(rawValue: name).map(count) ?? name
        case "off_target_share":
            return "off_target / (on_target + off_target); undetermined and not-judged records excluded"
        case "off_target_lower", "no_conviction_lower", "minor_traffic_lower", "immigration_only_lower",
            "level_1_lower", "collateral_lower":
            return "lower bound of the share's 95% Wilson score interval"
        case "off_target_upper", "no_conviction_upper", "minor_traffic_upper", "immigration_only_upper",
            "level_1_upper", "collateral_upper":
            return "upper bound of the share's 95% Wilson score interval"
        case "flagged":
            return
                "yes when the off-target interval's lower bound exceeds \(CSVDocument.decimal(threshold)): the group strays beyond noise"
        case "previous_period": return "the nearest earlier period of the same group"
        case "off_target_change":
            return
                "off_target_share minus the previous period's, in share units (0.05 = 5 percentage points); text instead when an era or a declared recorded period starts or ends between the two periods"
        case "no_conviction_share":
            return
                "not_convicted / records (not_convicted = pending_charges + no_criminal_record + no_conviction_recorded); text instead of a share when every record's criminality is unknown"
        case "minor_traffic_share":
            return
                "minor_traffic / records; text instead of a share when it cannot be known (criminality unknown for every record, or no offense data in the source)"
        case "immigration_only_share":
            return
                "immigration_only / records; text instead of a share when it cannot be known (as minor_traffic_share)"
        case "level_1_share":
            return
                "level_1 / records (Secure Communities: Level 1 first); text instead of a share when it cannot be known (as minor_traffic_share)"
        case "collateral_share":
            return
                "collateral / (targeted + collateral): over the arrests whose apprehension type is recorded; text instead of a share when no input has an apprehension type column"
        case "confirmed_victims_witnesses":
            return "victim_domestic_violence + victim_violent_crime + victim_trafficking + witness"
        case "possible_victims": return "records the opt-in dual-arrest heuristic marks possible_victim"
        case "rules_not_tested":
            return
                "off-target rules (era.rule) whose inputs this source does not have: not testable in this source, so on_target means within the era's other rules; 'none' when every rule was tested"
        default: return name
        }
    }
}
