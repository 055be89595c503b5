import AuditCore

/// One sentence per column of `claims.csv` and `eras.csv`, for the codebook.
extension ColumnDescriptions {
    static func claim(_ name: String, k: Int) -> String {
        switch name {
        case "claim_id": "the claim's id in the claims file"
        case "speaker": "who made the claim (independent analysts are marked as such)"
        case "date": "when the claim was made, as precisely as the source dates it"
        case "source": "where the claim was published"
        case "record_type": "the kind of enforcement record the claim counts"
        case "period_from", "period_to": "the claim's period (inclusive)"
        case "place": "the place the claim speaks of"
        case "claimed":
            "the figure claimed: a share (with 'at least' / 'at most' when so stated) or a count 'of' its total"
        case "numerator": "records in scope counted by the claim's numerator columns (<\(k) when below k)"
        case "records_used": "records in scope counted by the claim's denominator columns (<\(k) when below k)"
        case "records_unknown": "records in scope whose label the numerator needs is unknown (<\(k) when below k)"
        case "computed": "numerator / (records_used - records_unknown): the share among records whose label is known"
        case "lower": "lower bound of the 95% Wilson interval, as if no unknown record were in the numerator"
        case "upper": "upper bound of the 95% Wilson interval, as if every unknown record were in the numerator"
        case "verdict":
            "consistent (claimed value inside [lower, upper], or an equal count of the same total), contradicted (outside), or not testable here"
        case "reason": "why the claim is not testable here, or how it was tested"
        default: name
        }
    }

    static func era(_ name: String, k: Int) -> String {
        switch name {
        case "era_id":
            "the era's id in the targets file; (none) for records before the first era, in a declared gap, or undated"
        case "era_name": "the era's name"
        case "from", "to": "the era's dates (inclusive); an empty 'to' means still in force"
        case "verdict":
            "yes/no: the era's off-target rules (records get on / off target); none: shares only (the stated target cannot be tested with the labels)"
        case "records": count(.records)
        case "criminality_unknown": count(.criminalityUnknown)
        case "no_conviction_share": target("no_conviction_share", threshold: 0, k: k)
        case "no_criminal_record_share": "no_criminal_record / records"
        case "level_1_share": target("level_1_share", threshold: 0, k: k)
        case "no_conviction_lower", "no_criminal_record_lower", "level_1_lower":
            "lower bound of the share's 95% Wilson score interval"
        case "no_conviction_upper", "no_criminal_record_upper", "level_1_upper":
            "upper bound of the share's 95% Wilson score interval"
        case "withheld_reason":
            "why a share is not shown: its label is unknown for every record, or it rests on a count hidden by disclosure control (below \(k), or hidden to protect one)"
        case "suppressed": suppressedFlag(k)
        default: name
        }
    }
}
