import AuditCore

/// Derives the Secure Communities level from the record's own evidence.
///
/// Definitions (ICE FY26 data dictionary; ncic_levels.md §3): Level 1 = an aggravated felony or two or
/// more felonies; Level 2 = a felony or three or more misdemeanors; Level 3 = misdemeanors, fewer than
/// three. Evidence, strongest first — the first that applies decides, and names itself as the rule:
///
/// 1. Not convicted → `not_convicted`; criminality unknown → `unclassified`.
/// 2. Aggravated felony (INA §101(a)(43)) → `level_1`: ICE's `Aggravated Felon Yes No` category
///    (`Drugs`, `Other`, `Both`), the `Aggravated Felony Yes No` flag, the MSC crime class, an offense
///    that is an aggravated felony per se, or one that is with a sentence of at least a year.
///    When the two ICE fields disagree the positive one wins and a finding is recorded: the flag is a
///    specific charge-basis assertion, while `Not an Aggravated Felon` is also what the field holds
///    when nobody assessed it.
/// 3. A felony now (felony crime class, or a sentence over one year) and a prior felony → `level_1`.
/// 4. A felony now, or a prior felony → `level_2`.
/// 5. `Multiple Prior MISD` = YES: with the current conviction, three or more → `level_2`.
/// 6. Misdemeanor crime class → `level_3`.
/// 7. Otherwise the offense's typical grade (this project's reconstruction, `grade` in the offense
///    table): felony-grade → `level_2`, misdemeanor-grade → `level_3`, unknown grade →
///    `unclassified`. Never level 1: the definition needs an aggravated felony or two felonies, and
///    a code alone shows neither; never against the record's own evidence, because every field the
///    record carries has been read by the rules above first.
/// 8. No offense evidence at all → `unclassified`.
///
/// An inference that overrides what an ICE field says is a finding (`override.*`): an aggravated
/// felony inferred from the offense (and sentence) where ICE's `Aggravated Felon` or
/// `Aggravated Felony` field says no, and a felony inferred from a sentence over one year where
/// ICE's crime class says misdemeanor.
struct DerivedLevelRule {
    func decide(criminality: Criminality, evidence: Evidence, lineage: Lineage, findings: inout [Finding]) -> (
        DerivedLevel, String
    ) {
        switch criminality {
        case .pendingCharges, .noCriminalRecord, .noConvictionRecorded:
            return (.notConvicted, "not_convicted.criminality")
        case .unknown: return (.unclassified, "unclassified.criminality_unknown")
        case .convicted: break
        }
        if let felon = evidence.aggravatedFelon, let flag = evidence.aggravatedFelonyFlag, felon != flag {
            findings.append(
                Finding(
                    severity: .warning, lineage: lineage, column: nil, code: "conflict.aggravated_felon",
                    message:
                        "aggravated_felon says \(felon ? "an aggravated felon" : "not an aggravated felon") but aggravated_felony_flag says \(flag ? "YES" : "NO"); the positive evidence decides"
                ))
        }
        if let decision = aggravatedFelony(evidence, lineage: lineage, findings: &findings) { return decision }
        if evidence.felonyNow && evidence.crimeClass == .misdemeanor {
            findings.append(
                Finding(
                    severity: .warning, lineage: lineage, column: nil, code: "override.crime_class",
                    message:
                        "msc_crime_class says Misdemeanor but the sentence is over one year, which only a felony can carry; the sentence decides"
                ))
        }
        if evidence.felonyNow && evidence.priorFelony == true { return (.level1, "L1.two_or_more_felonies") }
        if evidence.felonyNow {
            return (.level2, evidence.crimeClass == .felony ? "L2.felony_crime_class" : "L2.felony_sentence_over_1y")
        }
        if evidence.priorFelony == true { return (.level2, "L2.prior_felony") }
        if evidence.multiplePriorMisdemeanors == true { return (.level2, "L2.three_or_more_misdemeanors") }
        if evidence.crimeClass == .misdemeanor { return (.level3, "L3.misdemeanor_crime_class") }
        if let offense = evidence.offense.offense {
            return (offense.fallbackLevel ?? .unclassified, offense.fallbackRule)
        }
        if case .categoryOnly(let category) = evidence.offense {
            return (category.fallback.level ?? .unclassified, category.fallback.rule)
        }
        return (
            .unclassified,
            evidence.hasOffense ? "unclassified.offense_not_in_table" : "unclassified.no_offense_evidence"
        )
    }

    /// Level 1 from aggravated-felony evidence (rule 2), or nil when there is none.
    private func aggravatedFelony(_ evidence: Evidence, lineage: Lineage, findings: inout [Finding]) -> (
        DerivedLevel, String
    )? {
        if evidence.aggravatedFelonyFlag == true { return (.level1, "L1.aggravated_felony_flag") }
        if evidence.aggravatedFelon == true { return (.level1, "L1.aggravated_felon_category") }
        if evidence.crimeClass == .aggravatedFelony { return (.level1, "L1.crime_class_aggravated_felony") }
        guard let offense = evidence.offense.offense else { return nil }
        let inferred: (DerivedLevel, String)
        let basis: String
        if offense.aggravatedFelony == .perSe {
            inferred = (.level1, "L1.offense_aggravated_felony_per_se")
            basis = "offense \(offense.code) is an aggravated felony per se"
        } else if offense.aggravatedFelony == .withSentenceOfOneYear, let days = evidence.sentenceDays, days >= 365 {
            inferred = (.level1, "L1.offense_aggravated_felony_with_sentence")
            basis = "offense \(offense.code) with a sentence of at least one year is an aggravated felony"
        } else {
            return nil
        }
        var denying: [String] = []
        if evidence.aggravatedFelon == false { denying.append("aggravated_felon says not an aggravated felon") }
        if evidence.aggravatedFelonyFlag == false { denying.append("aggravated_felony_flag says NO") }
        if !denying.isEmpty {
            findings.append(
                Finding(
                    severity: .warning, lineage: lineage, column: nil, code: "override.aggravated_felony_inferred",
                    message:
                        "\(denying.joined(separator: " and ")), but \(basis) (INA 101(a)(43)); the inference decides"))
        }
        return inferred
    }
}
