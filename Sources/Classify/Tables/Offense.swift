public import AuditCore

/// One row of the offense table.
public struct Offense: Sendable, Equatable {
    /// Aggravated-felony status under INA §101(a)(43), 8 U.S.C. 1101(a)(43).
    public enum AggravatedFelony: String, Sendable, Equatable {
        /// An aggravated felony outright (murder, rape, sexual abuse of a minor, trafficking, ...).
        case perSe = "per_se"
        /// Only with a sentence of at least one year (crime of violence (F), theft or burglary (G), ...).
        case withSentenceOfOneYear = "with_sentence_1y"
        case no
    }

    public var code: String
    public var name: String
    public var aliases: [String]
    public var category: String
    public var categoryName: String
    public var traffic: Bool
    public var seriousTraffic: Bool
    public var violent: Bool
    public var domesticViolence: Bool
    public var immigration: Bool
    public var aggravatedFelony: AggravatedFelony
    /// This project's reconstruction, used only when a record carries no other evidence.
    public var fallbackLevel: DerivedLevel
    public var basis: String
    /// The rule that names `fallbackLevel` as a record's level, made once (not per record).
    public private(set) var fallbackRule: String

    public var names: [String] { [name] + aliases }

    struct RowError: Error { var message: String }

    init(row: [String]) throws(RowError) {
        let cells = row.map(\.trimmingSpaces)
        func flag(_ index: Int) throws(RowError) -> Bool {
            switch cells[index].lowercased() {
            case "yes": return true
            case "no": return false
            default: throw RowError(message: "column '\(OffenseTable.columns[index])' must be yes or no, got '\(cells[index])'")
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
        switch cells[11] {
        case "1": fallbackLevel = .level1
        case "2": fallbackLevel = .level2
        case "3": fallbackLevel = .level3
        default: throw RowError(message: "fallback_level must be 1, 2 or 3, got '\(cells[11])'")
        }
        basis = cells[12]
        fallbackRule = "fallback.offense_table.\(code)"
        if seriousTraffic && !traffic { throw RowError(message: "code \(code) is serious_traffic but not traffic") }
    }
}
