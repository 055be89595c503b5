/// What "on target" means for an enforcement program, per policy era, in terms of the labels.
///
/// Decoded from `Pipelines/targets/*.yml`. Each record is judged by the era its date falls in: within
/// an era, the first off-target rule whose condition holds makes it off target; a record whose
/// criminality is unknown is undetermined; every other record is on target. Records dated outside
/// every era, or without a date, are not judged.
package struct TargetsDefinition: Sendable, Equatable, Decodable {
    package var name: String
    package var version: String
    package var description: String?
    /// A group is flagged as straying when the lower bound of its off-target share's 95% interval
    /// exceeds this.
    package var strayThreshold: Double
    package var eras: [TargetEra]
    /// Stretches between eras where no stated target applies, each with its reason: validation
    /// refuses a silent hole between the first era's start and the last era's end.
    package var gaps: [TargetGap] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, version, description, eras, gaps
        case strayThreshold = "stray_threshold"
    }

    package init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        version = try c.decode(String.self, forKey: .version)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        strayThreshold = try c.decodeIfPresent(Double.self, forKey: .strayThreshold) ?? 0.25
        eras = try c.decode([TargetEra].self, forKey: .eras)
        gaps = try c.decodeIfPresent([TargetGap].self, forKey: .gaps) ?? []
    }

    package init(name: String, version: String, strayThreshold: Double, eras: [TargetEra], gaps: [TargetGap] = []) {
        self.name = name
        self.version = version
        self.strayThreshold = strayThreshold
        self.eras = eras
        self.gaps = gaps
    }

    /// Problems a targets file can have beyond its shape: overlapping eras, empty ranges, bad threshold.
    package func validate() -> [PipelineIssue] {
        var issues: [PipelineIssue] = []
        if !(0...1).contains(strayThreshold) {
            issues.append(.init(keyPath: "stray_threshold", message: "must be a fraction between 0 and 1"))
        }
        if eras.isEmpty { issues.append(.init(keyPath: "eras", message: "define at least one era")) }
        var ids: Set<String> = []
        for (index, era) in eras.enumerated() {
            if !ids.insert(era.id).inserted {
                issues.append(.init(keyPath: "eras[\(index)].id", message: "duplicate era id '\(era.id)'"))
            }
            if let to = era.to, to < era.from {
                issues.append(
                    .init(
                        keyPath: "eras[\(index)]",
                        message: "ends (\(to.isoString)) before it starts (\(era.from.isoString))"))
            }
            for (otherIndex, other) in eras.enumerated() where otherIndex < index && era.overlaps(other) {
                issues.append(
                    .init(
                        keyPath: "eras[\(index)]",
                        message:
                            "overlaps eras[\(otherIndex)] ('\(other.id)'); each date must belong to at most one era"))
            }
            for (ruleIndex, rule) in era.offTarget.enumerated() where rule.when.isEmpty {
                issues.append(
                    .init(
                        keyPath: "eras[\(index)].off_target[\(ruleIndex)].when", message: "give at least one condition")
                )
            }
            issues += era.verdictIssues(keyPath: "eras[\(index)]")
        }
        return issues + coverageIssues()
    }

    /// The era a date belongs to.
    package func era(for date: SimpleDate) -> TargetEra? {
        eraIndex(for: date).map { eras[$0] }
    }

    /// Where in `eras` the era a date belongs to is.
    package func eraIndex(for date: SimpleDate) -> Int? {
        eras.firstIndex { $0.contains(date) }
    }
}

/// A policy period with its stated targets.
package struct TargetEra: Sendable, Equatable, Decodable {
    package var id: String
    package var name: String
    package var from: SimpleDate
    /// Inclusive; nil = still in force.
    package var to: SimpleDate?
    package var offTarget: [TargetRule]
    /// `judged` (the default): records get on/off target; `none`: the stated target is too broad or
    /// vague to test with the labels, so the era's records are not judged and only its shares are
    /// reported (`eras.csv`).
    package var verdict: TargetVerdict = .judged
    /// The era's own source (quote, document, date, link): required when `verdict: none`.
    package var source: String?
    /// Why the era has no verdict, or what of its targets the labels cannot check.
    package var note: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, from, to, verdict, source, note
        case offTarget = "off_target"
    }

    package init(
        id: String, name: String, from: SimpleDate, to: SimpleDate?, offTarget: [TargetRule],
        verdict: TargetVerdict = .judged,
        source: String? = nil, note: String? = nil
    ) {
        self.id = id
        self.name = name
        self.from = from
        self.to = to
        self.offTarget = offTarget
        self.verdict = verdict
        self.source = source
        self.note = note
    }

    package init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        from = try Self.date(c, .from)
        to = try c.decodeIfPresent(String.self, forKey: .to) == nil ? nil : try Self.date(c, .to)
        verdict = try c.decodeIfPresent(TargetVerdict.self, forKey: .verdict) ?? .judged
        offTarget = try c.decodeIfPresent([TargetRule].self, forKey: .offTarget) ?? []
        source = try c.decodeIfPresent(String.self, forKey: .source)
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    static func date<Key: CodingKey>(_ c: KeyedDecodingContainer<Key>, _ key: Key) throws -> SimpleDate {
        let text = try c.decode(String.self, forKey: key)
        guard let date = SimpleDate(isoText: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "not a date (YYYY-MM-DD)")
        }
        return date
    }

    /// A `verdict: none` era states why and where from, and has no off-target rules.
    func verdictIssues(keyPath: String) -> [PipelineIssue] {
        switch verdict {
        case .judged:
            return []
        case .none:
            var issues: [PipelineIssue] = []
            if !offTarget.isEmpty {
                issues.append(
                    .init(
                        keyPath: keyPath + ".off_target",
                        message: "an era with 'verdict: none' judges nobody; remove its rules"))
            }
            if (source ?? "").isEmpty {
                issues.append(
                    .init(keyPath: keyPath + ".source", message: "an era with 'verdict: none' needs its source"))
            }
            if (note ?? "").isEmpty {
                issues.append(.init(keyPath: keyPath + ".note", message: "say why the era's targets cannot be judged"))
            }
            return issues
        }
    }

    package func contains(_ date: SimpleDate) -> Bool {
        date >= from && (to.map { date <= $0 } ?? true)
    }

    func overlaps(_ other: TargetEra) -> Bool {
        let endsBefore = to.map { $0 < other.from } ?? false
        let startsAfter = other.to.map { from > $0 } ?? false
        return !(endsBefore || startsAfter)
    }
}

/// One reason a record is off target, with the source of the stated target it departs from.
package struct TargetRule: Sendable, Equatable, Decodable {
    package var id: String
    package var description: String
    package var source: String
    package var when: TargetCondition
    /// ICE priority flags that, when `YES`, put the record within the era's stated targets whatever
    /// `when` says (the era's own documents list the flag's ground); an empty flag leaves the rule
    /// unable to tell. Checked only where the source carries the flag's column.
    package var unlessFlags: [PriorityFlag]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, description, source, when
        case unlessFlags = "unless_flags"
    }

    package init(
        id: String, description: String, source: String, when: TargetCondition, unlessFlags: [PriorityFlag] = []
    ) {
        self.id = id
        self.description = description
        self.source = source
        self.when = when
        self.unlessFlags = unlessFlags
    }

    package init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        description = try c.decode(String.self, forKey: .description)
        source = try c.decode(String.self, forKey: .source)
        when = try c.decode(TargetCondition.self, forKey: .when)
        let names = try c.decodeIfPresent([String].self, forKey: .unlessFlags) ?? []
        do {
            unlessFlags = try names.map(PriorityFlag.named)
        } catch let error as PriorityFlagError {
            throw DecodingError.dataCorruptedError(forKey: .unlessFlags, in: c, debugDescription: error.message)
        }
    }
}

/// Label values that must all hold (each list: any of its values).
package struct TargetCondition: Sendable, Equatable, Decodable {
    package var criminality: [Criminality]?
    package var derivedLevel: [DerivedLevel]?
    package var minorTraffic: Bool?
    package var immigrationOnly: Bool?
    package var victimWitness: [VictimWitnessStatus]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case criminality
        case derivedLevel = "derived_level"
        case minorTraffic = "minor_traffic"
        case immigrationOnly = "immigration_only"
        case victimWitness = "victim_witness"
    }

    package init(
        criminality: [Criminality]? = nil, derivedLevel: [DerivedLevel]? = nil, minorTraffic: Bool? = nil,
        immigrationOnly: Bool? = nil, victimWitness: [VictimWitnessStatus]? = nil
    ) {
        self.criminality = criminality
        self.derivedLevel = derivedLevel
        self.minorTraffic = minorTraffic
        self.immigrationOnly = immigrationOnly
        self.victimWitness = victimWitness
    }

    package init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        criminality = try c.decodeIfPresent([Criminality].self, forKey: .criminality)
        derivedLevel = try c.decodeIfPresent([DerivedLevel].self, forKey: .derivedLevel)
        minorTraffic = try c.decodeIfPresent(Bool.self, forKey: .minorTraffic)
        immigrationOnly = try c.decodeIfPresent(Bool.self, forKey: .immigrationOnly)
        victimWitness = try c.decodeIfPresent([VictimWitnessStatus].self, forKey: .victimWitness)
    }

    package var isEmpty: Bool {
        criminality == nil && derivedLevel == nil && minorTraffic == nil && immigrationOnly == nil
            && victimWitness == nil
    }

    /// Whether a source can test the condition at all: a victim / witness condition needs a
    /// victim / witness column (no ICE release has one, CODEBOOK §8); a minor-traffic,
    /// immigration-only or level condition needs an MSC code or name column. An untestable rule is
    /// skipped and named "not testable in this source" wherever targets are shown.
    package func testable(_ available: SourceInputs) -> Bool {
        (victimWitness == nil || available.victimWitness)
            && ((minorTraffic == nil && immigrationOnly == nil && derivedLevel == nil) || available.offense)
    }
}

/// What kinds of evidence a source has, as far as the stated targets need them.
package struct SourceInputs: Sendable, Equatable {
    package var victimWitness: Bool
    package var offense: Bool
    /// The ICE priority flags the source has a column for (`unless_flags` are checked only for these).
    package var flags: Set<PriorityFlag>

    package init(victimWitness: Bool, offense: Bool, flags: Set<PriorityFlag> = []) {
        self.victimWitness = victimWitness
        self.offense = offense
        self.flags = flags
    }

    /// Why a rule is not testable: the inputs its condition needs that the source lacks.
    package func missing(for condition: TargetCondition) -> String {
        var missing: [String] = []
        if condition.victimWitness != nil && !victimWitness { missing.append("no victim or witness column") }
        if (condition.minorTraffic != nil || condition.immigrationOnly != nil || condition.derivedLevel != nil)
            && !offense
        {
            missing.append("no offense data")
        }
        return missing.joined(separator: ", ")
    }
}

extension TargetsDefinition {
    /// `<era>.<rule>` of every off-target rule the source cannot test, in file order.
    package func untestableRules(_ available: SourceInputs) -> [String] {
        eras.flatMap { era in era.offTarget.filter { !$0.when.testable(available) }.map { "\(era.id).\($0.id)" } }
    }
}

/// Whether a record is within a program's stated targets.
package enum TargetStatus: String, CaseIterable, Sendable, Hashable, Codable {
    case onTarget = "on_target"
    case offTarget = "off_target"
    /// Criminality unknown: the record cannot be judged against a target about convictions.
    case undetermined = "target_undetermined"
    /// Dated outside every era (or undated).
    case notJudged = "target_not_judged"

    /// The report column that counts this label.
    package var countColumn: CountColumn {
        switch self {
        case .onTarget: .onTarget
        case .offTarget: .offTarget
        case .undetermined: .targetUndetermined
        case .notJudged: .targetNotJudged
        }
    }
}
