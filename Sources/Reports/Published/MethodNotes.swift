package import AuditCore

/// The method notes every published format carries.
package enum MethodNotes {
    package static func paragraphs(k: Int, threshold: Double, offenseVersion: String) -> [String] {
        [
            "Each record is labelled by versioned rule tables (offense table \(offenseVersion)): criminality from ICE's criminality column; ICE's threat level as recorded; a derived Secure Communities level from the record's own evidence (Level 1 = an aggravated felony under INA 101(a)(43) or two or more felonies; Level 2 = a felony or three or more misdemeanors; Level 3 = fewer than three misdemeanors); minor traffic and immigration-only convictions; victim or witness status where a joined-in source provides it. rules.csv shows how many records each rule decided.",
            "Each record is judged against the stated targets of the era of its date (the targets file lists eras, rules and sources). off_target_share = off_target / (on_target + off_target): records whose criminality is unknown, or dated outside every era, are left out of it and counted separately.",
            "Every share carries a 95% Wilson score interval (Wilson 1927; Brown, Cai & DasGupta 2001). A group is flagged as straying only when the interval's lower bound exceeds \(Int((threshold * 100).rounded()))%, so small groups are not flagged on noise. The ranked list orders groups by that lower bound.",
            "Small-cell suppression: counts from 1 to \(k - 1) are shown as <\(k). Complementary suppression then hides the smallest other non-zero cell wherever a single hidden cell could be recovered by subtraction — within a row (criminality, derived level, ICE level, target status and victim/witness columns each add up to records) and within a column across rows that add up to a total published elsewhere (e.g. states within a fiscal year). Shares built on a hidden cell are withheld (blank). Zeros are shown. The check is greedy per table; sums across several tables at once are not audited.",
            "The official ICE table of Secure Communities levels by NCIC code is not public: when a record carries no other evidence, the offense's typical grade in the offense table (this project's reconstruction, with its basis per code) gives level 2 for a felony-grade and level 3 for a misdemeanor-grade offense, never level 1; where the grade cannot be told from the code the level stays unclassified. An inference that overrides an ICE field (an aggravated felony inferred from the offense where ICE says none) is listed in internal/findings.csv. No ICE release carries victim or witness status; where no source provides it, the tables say so instead of showing 0.",
            "No identifiers or birth dates appear in published outputs. Row-level listings (rejects, duplicates, findings, unmapped values) and unsuppressed tables are written to internal/ for the analyst who owns the data.",
        ]
    }
}

extension MethodNotes {
    /// One sentence per input saying where its criminality came from (issue 13: "not a generic
    /// sentence"): the criminality column, the MSC columns when there is none, or nowhere.
    package static func criminalitySources(_ inputs: [RunManifest.Input]) -> String {
        let sentences = inputs.map { input -> String in
            let path = input.file.path
            if let column = input.columnsUsed[Field.criminality.rawValue] {
                return "\(path): criminality from the column '\(column)'."
            }
            if let column = input.columnsUsed[Field.chargeCount.rawValue] {
                return
                    "\(path): criminality from the charge list in the column '\(column)' — convicted if any charge is Convicted, else unknown if any status is missing or unknown, else pending_charges if any is Pending, else no_criminal_record (only dismissed or overturned charges, or none); a missing list is unknown."
            }
            let msc = [Field.mscCode, .mscName].compactMap { input.columnsUsed[$0.rawValue] }
            if !msc.isEmpty {
                let columns = msc.map { "'\($0)'" }.joined(separator: " and ")
                return
                    "\(path): no criminality column; criminality inferred from the MSC columns \(columns) — a conviction where they hold a value, otherwise no_conviction_recorded (pending charges cannot be told from none)."
            }
            return "\(path): neither a criminality nor an MSC column; criminality is unknown for every record."
        }
        return "Where criminality came from. " + sentences.joined(separator: " ")
    }

    /// How many convicted records carry an offense no table row matches, as `rules.csv` publishes it
    /// (`immigration_only.offense_unmapped`; the same mask), with its share of convicted records when
    /// every count it rests on is published.
    package static func unmappedOffenses(_ rules: PublishedTable) -> String {
        let decided = rules.rows.filter { $0.first == .text("immigration_only") }
        let notConvicted: Set<String> = ["immigration_only.not_convicted", "immigration_only.criminality_unknown"]
        let convicted = decided.filter { row in !notConvicted.contains(row.count > 1 ? row[1].csvText : "") }
        guard
            let unmapped = convicted.first(where: {
                $0.count > 3 && $0[1] == .text("immigration_only.offense_unmapped")
            })
        else {
            return "Offense vocabulary: every convicted record's MSC code or name matched a row of the offense table."
        }
        var sentence =
            "Offense vocabulary: \(unmapped[3].csvText) convicted records carry an MSC code or name that no offense table row matches (rules.csv, immigration_only.offense_unmapped; the values are in internal/unmapped.csv); their level is unclassified and they count as neither minor traffic nor immigration only"
        let counts = convicted.compactMap { row -> Int? in
            if case .count(let value) = row[3] { return value }
            return nil
        }
        if counts.count == convicted.count, case .count(let value) = unmapped[3], counts.reduce(0, +) > 0 {
            let total = counts.reduce(0, +)
            let share = (Double(value) / Double(total) * 1000).rounded() / 10
            sentence += " — \(share)% of the \(total) convicted records"
        }
        return sentence + "."
    }
}
