import AuditCore

/// The offense rule table: NCIC codes, ICE's own codes and ICE's MSC names, with flags and the
/// offense's typical grade. Data, not code: `Pipelines/reference/offenses.csv`, versioned by its metadata file.
///
/// Lookup order: the record's code (normalised); a code the table lacks is mapped by its two-character
/// NCIC category to that category's `xx99` row (ncic_levels.md: "map them by prefix") and reported as
/// unmapped; with no code, the name, folded by `OffenseNameKey` (case, punctuation, spacing, NCIC
/// abbreviations), first with every word, then without the clerk's instructions.
package struct OffenseTable: Sendable, Equatable {
    package let version: String
    private let byCode: [String: Offense]
    private let byName: [String: Offense]
    /// Loose keys (`OffenseNameKey.loose`) that exactly one code's names fold to.
    private let byLooseName: [String: Offense]
    /// Category names (exact keys) and the category they name.
    private let byCategoryName: [String: OffenseCategory]

    package var count: Int { byCode.count }
    package var codes: [String] { byCode.keys.sorted() }

    package static let columns = [
        "code", "name", "aliases", "category", "category_name", "traffic", "serious_traffic", "violent",
        "domestic_violence", "immigration", "aggravated_felony", "grade", "grade_basis", "basis", "category_names",
    ]

    /// Builds the table from CSV rows (header first), checking every row.
    /// - Throws: `ClassifyError.badTable` naming the row and column of the first problems found.
    package init(version: String, file: String, rows: [[String]]) throws(ClassifyError) {
        self.version = version
        guard let header = rows.first, header.map(\.trimmingSpaces) == Self.columns else {
            throw .badTable(
                file: file, problems: ["line 1: the header must be exactly: \(Self.columns.joined(separator: ","))"])
        }
        var problems: [String] = []
        var byCode: [String: Offense] = [:]
        var byName: [String: Offense] = [:]
        for (index, row) in rows.dropFirst().enumerated() {
            let line = index + 2
            guard row.count == Self.columns.count else {
                problems.append("line \(line): has \(row.count) fields, expected \(Self.columns.count)")
                continue
            }
            do {
                let offense = try Offense(row: row)
                if byCode[offense.code] != nil {
                    problems.append("line \(line): code '\(offense.code)' is defined twice")
                    continue
                }
                byCode[offense.code] = offense
                for name in offense.names {
                    let key = Self.nameKey(name)
                    if let other = byName[key], other.code != offense.code {
                        problems.append("line \(line): name '\(name)' is already used by code \(other.code)")
                    }
                    byName[key] = byName[key] ?? offense
                }
            } catch {
                problems.append("line \(line): \(error.message)")
            }
        }
        if !problems.isEmpty { throw .badTable(file: file, problems: problems) }
        self.byCode = byCode
        self.byName = byName
        byLooseName = Self.looseIndex(byCode.values.sorted { $0.code < $1.code })
        let rowsByCategory = Dictionary(grouping: byCode.values, by: \.category)
        var byCategoryName: [String: OffenseCategory] = [:]
        for offense in byCode.values {
            for name in offense.categoryNames {
                byCategoryName[Self.nameKey(name)] = OffenseCategory(
                    code: offense.category, rows: rowsByCategory[offense.category] ?? [])
            }
        }
        self.byCategoryName = byCategoryName
    }

    package func offense(code: String) -> Offense? { byCode[code] }

    /// Every loose key that the names of exactly one code fold to.
    private static func looseIndex(_ offenses: [Offense]) -> [String: Offense] {
        var index: [String: Offense] = [:]
        var shared: Set<String> = []
        for offense in offenses {
            for name in offense.names {
                let key = OffenseNameKey.loose(name)
                if let other = index[key], other.code != offense.code { shared.insert(key) }
                index[key] = index[key] ?? offense
            }
        }
        for key in shared { index[key] = nil }
        return index
    }

    /// The offense a name stands for, or nil.
    package func offense(named name: String) -> Offense? {
        byName[Self.nameKey(name)] ?? byLooseName[OffenseNameKey.loose(name)]
    }

    /// Resolves a record's offense from its code and/or name.
    package func lookup(code: String?, name: String?) -> OffenseLookup {
        if let code, !code.isEmpty {
            if let offense = byCode[code] { return .code(offense) }
            if code.count == 4, let catchAll = byCode[String(code.prefix(2)) + "99"] {
                return .category(catchAll, code: code)
            }
            if let name, let offense = offense(named: name) { return .name(offense, unknownCode: code) }
            return .unknown
        }
        if let name, !name.isEmpty {
            if let offense = offense(named: name) { return .name(offense, unknownCode: nil) }
            if let category = byCategoryName[Self.nameKey(name)] { return .categoryOnly(category) }
            return .unknown
        }
        return .absent
    }

    static func nameKey(_ name: String) -> String { OffenseNameKey.exact(name) }

    /// The offense a record's name stands for when it contradicts the offense its code stands for:
    /// a different NCIC category and a different value of something the labels use (flags,
    /// aggravated-felony status, grade) — `5404` written beside "Sex Assault". A name that refines
    /// its code within one category, or one shared by two codes the labels treat alike (ICE writes
    /// "Identity Theft" for 2610 and 70AA), is no contradiction. The code decides either way.
    package func contradiction(code offense: Offense, name: String) -> Offense? {
        if offense.names.contains(name) { return nil }
        guard let named = self.offense(named: name), named.code != offense.code else { return nil }
        guard named.category != offense.category, !named.labelsAlike(offense) else { return nil }
        return named
    }
}

/// How a record's offense was found in the table.
package enum OffenseLookup: Sendable, Equatable {
    case code(Offense)
    /// The code is not in the table; its NCIC category's catch-all row stands in.
    case category(Offense, code: String)
    case name(Offense, unknownCode: String?)
    /// A name that names a whole NCIC category, without a code (I-213 `NCIC_CATEGORY`).
    case categoryOnly(OffenseCategory)
    /// A code or name was given but nothing matched.
    case unknown
    /// The record carries no offense at all.
    case absent

    package var offense: Offense? {
        switch self {
        case .code(let offense), .category(let offense, _), .name(let offense, _): offense
        case .categoryOnly, .unknown, .absent: nil
        }
    }

    /// Whether the lookup decides every label of a conviction: a table row does; a category only when
    /// it leaves no label undetermined (not the traffic category: minor or serious).
    package var decidesLabels: Bool {
        switch self {
        case .code, .category, .name: true
        case .categoryOnly(let category): !category.traffic && category.immigration != nil
        case .unknown, .absent: false
        }
    }
}

/// Errors of the classify stage: only a broken rule table stops a run.
package enum ClassifyError: Error, Equatable, CustomStringConvertible {
    case badTable(file: String, problems: [String])

    package var description: String {
        switch self {
        case .badTable(let file, let problems):
            let shown = problems.prefix(20).map { "\(file): error: \($0)" }.joined(separator: "\n")
            return shown + (problems.count > 20 ? "\n… and \(problems.count - 20) more problems" : "")
        }
    }
}
