import AuditCore

/// Spellings ICE releases and the Deportation Data Project use for the columns classification reads
/// (issue 13 item 7: a pipeline that does not map the aggravated-felony flag or the sentences loses
/// level-1 records without a word). A header column that matches one while the pipeline reads that
/// field from no column is named in the manifest and warned about.
///
/// Sources: the column names of ICE's detainer, arrest, detention and removal releases as the
/// shipped pipelines (`Pipelines/*.yml`) map them — a test keeps this table a superset of theirs —
/// and ICE's FY2026 detention data dictionary. Compared by letters and digits only, ignoring case:
/// `Aggravated Felony Yes No` and `aggravated_felony_yes_no` are one spelling.
enum KnownColumnNames {
    static let spellings: [Field: [String]] = [
        .criminality: [
            "Apprehension Criminality", "Book In Criminality", "Case Criminality", "Criminality",
            "Detainer Criminality", "Detainer Prepared Criminality", "Encounter Criminality",
        ],
        .iceThreatLevel: [
            "Case Threat Level", "Detainer Prep Threat Level", "Detainer Prepared Threat Level",
            "Detainer Threat Level", "Encounter Threat Level", "Threat Level",
            // The Secure Communities statistics' pre-aggregated tables.
            "Level",
        ],
        .mscCode: ["MSC Charge Code", "Most Serious Conviction Code", "MSC Code"],
        .mscName: [
            "MSC Charge", "Most Serious Conviction (MSC) Charge", "Most Serious Conviction Charge",
        ],
        .mscSentenceDays: ["MSC Sentence Days", "Sentence Days"],
        .mscSentenceMonths: ["MSC Sentence Months", "Sentence Months"],
        .mscSentenceYears: ["MSC Sentence Years", "Sentence Years"],
        .mscCrimeClass: ["MSC Crime Class"],
        .mscChargeStatus: ["MSC Criminal Charge Status"],
        .aggravatedFelon: ["Aggravated Felon Yes No", "Aggravated Felon", "Felon"],
        .aggravatedFelonyFlag: ["Aggravated Felony Yes No", "Aggravated Felony"],
        .priorFelony: ["Prior Felony Yes No", "Prior Felony"],
        .multiplePriorMisdemeanors: ["Multiple Prior MISD Yes No", "Multiple Prior Misdemeanors"],
    ]

    /// Letters and digits only, lowercased.
    static func key(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
    }

    private static let fieldByKey: [String: Field] = {
        var table: [String: Field] = [:]
        for (field, names) in spellings {
            for name in names { table[key(name)] = field }
        }
        return table
    }()

    /// The field a header column's name is a known spelling of; the joined layout's `.detainer`
    /// suffix (`felon.detainer`) does not hide it.
    static func field(forColumn name: String) -> Field? {
        let plain = name.lowercased().hasSuffix(".detainer") ? String(name.dropLast(".detainer".count)) : name
        return fieldByKey[key(plain)]
    }
}
