package import AuditCore

/// An NCIC offense category named without a code: what the I-213 `NCIC_CATEGORY` values give
/// ("Traffic Offenses", "Sexual Assault"; CODEBOOK §3).
///
/// A category decides a label only when every code in it agrees: its grade when all its rows share
/// one (else `unknown`), immigration when all or none of its rows are immigration offenses. Minor
/// traffic is never decided by the traffic category, which holds DUI and hit and run beside minor
/// offenses — left undetermined, not guessed (issue 13 item 1).
package struct OffenseCategory: Sendable, Equatable {
    /// The two-character NCIC category.
    package var code: String
    package var grade: Offense.Grade
    /// Whether any code of the category is a traffic offense.
    package var traffic: Bool
    /// True or false when every code agrees; nil when they differ.
    package var immigration: Bool?

    init(code: String, rows: [Offense]) {
        self.code = code
        let grades = Set(rows.map(\.grade))
        grade = grades.count == 1 ? grades.first! : .unknown
        traffic = rows.contains(where: \.traffic)
        let immigrations = Set(rows.map(\.immigration))
        immigration = immigrations.count == 1 ? immigrations.first : nil
    }

    /// The level the grade gives, with its rule (nil level: unknown grade).
    package var fallback: (level: DerivedLevel?, rule: String) {
        switch grade {
        case .felony: (.level2, "L2.fallback_category_grade.\(code)")
        case .misdemeanor: (.level3, "L3.fallback_category_grade.\(code)")
        case .unknown: (nil, "unclassified.category_grade_unknown.\(code)")
        }
    }
}
