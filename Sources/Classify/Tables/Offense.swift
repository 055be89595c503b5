package import AuditCore

/// One row of the offense table.
package struct Offense: Sendable, Equatable {

    /// Aggravated-felony status under INA §101(a)(43), 8 U.S.C. 1101(a)(43).
    package enum AggravatedFelony: String, Sendable, Equatable {
        /// An aggravated felony outright (murder, rape, sexual abuse of a minor, trafficking, ...).
        case perSe = "per_se"
        /// Only with a sentence of at least one year (crime of violence (F), theft or burglary (G), ...).
        case withSentenceOfOneYear = "with_sentence_1y"
        case no
    }

    /// The grade an offense typically carries.
    package enum Grade: String, Sendable, Equatable, CaseIterable {
        case felony, misdemeanor, unknown
    }

    package var code: String
    package var name: String
    package var aliases: [String]
    package var category: String
    package var categoryName: String
    package var traffic: Bool
    package var seriousTraffic: Bool
    package var violent: Bool
    package var domesticViolence: Bool
    package var immigration: Bool
    package var aggravatedFelony: AggravatedFelony
    /// The offense's typical grade, used only when a record carries no other evidence: a
    /// felony-grade offense is level 2, a misdemeanor-grade one level 3, never level 1 (the
    /// definition needs an aggravated felony or two felonies, which a code alone cannot show).
    package var grade: Grade
    /// What the grade rests on.
    package var gradeBasis: String
    package var basis: String
    /// Names of this row's whole NCIC category (I-213 `NCIC_CATEGORY` values), on one row per category.
    package var categoryNames: [String]
    /// The level the grade gives (nil for an unknown grade) and the rule that names it, made once
    /// (not per record).
    package private(set) var fallbackLevel: DerivedLevel?
    package private(set) var fallbackRule: String

    package var names: [String] { [name] + aliases }

    struct RowError: Error { var message: String }

    init(row: [String]) throws(RowError) {
        let cells = row.map(\.trimmingSpaces)
        func flag(_ index: Int) throws(RowError) -> Bool {
            switch cells[index].lowercased() {
            case "yes": return true
            case "no": return false
            default:
                throw RowError(
                    message: "column '\(OffenseTable.columns[index])' must be yes or no, got '\(cells[index])'")
            }
        }
        code = cells[0].uppercased()
        guard code.count == 4, code.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) }) else {
            throw RowError(message: "code '\(cells[0])' must be 4 letters or digits")
        }
        name = cells[1]
        guard !name.isEmpty else { throw RowError(message: "code \(code) has no name") }
        aliases = cells[2].split(separator: "|").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        category = cells[3]
        guard category.count == 2, code.hasPrefix(category) else {
            throw RowError(message: "category '\(category)' must be the first two characters of code \(code)")
        }
        categoryName = cells[4]
        traffic = try flag(5)
        seriousTraffic = try flag(6)
        violent = try flag(7)
        domesticViolence = try flag(8)
        immigration = try flag(9)
        guard let felony = AggravatedFelony(rawValue: cells[10]) else {
            throw RowError(message: "aggravated_felony must be per_se, with_sentence_1y or no, got '\(cells[10])'")
        }
        aggravatedFelony = felony
        guard let grade = Grade(rawValue: cells[11]) else {
            throw RowError(message: "grade must be felony, misdemeanor or unknown, got '\(cells[11])'")
        }
        self.grade = grade
        gradeBasis = cells[12]
        guard !gradeBasis.isEmpty else { throw RowError(message: "code \(code) has a grade without grade_basis") }
        basis = cells[13]
        categoryNames = cells[14].split(separator: "|").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        switch grade {
        case .felony:
            fallbackLevel = .level2
            fallbackRule = "L2.fallback_felony_grade.\(code)"
        case .misdemeanor:
            fallbackLevel = .level3
            fallbackRule = "L3.fallback_misdemeanor_grade.\(code)"
        case .unknown:
            fallbackLevel = nil
            fallbackRule = "unclassified.offense_grade_unknown.\(code)"
        }
        if seriousTraffic && !traffic { throw RowError(message: "code \(code) is serious_traffic but not traffic") }
    }

    /// Whether two rows give every label the same value (all that a record's level and flags use).
    func labelsAlike(_ other: Offense) -> Bool {
        traffic == other.traffic && seriousTraffic == other.seriousTraffic && violent == other.violent
            && domesticViolence == other.domesticViolence && immigration == other.immigration
            && aggravatedFelony == other.aggravatedFelony && grade == other.grade
    }
}
