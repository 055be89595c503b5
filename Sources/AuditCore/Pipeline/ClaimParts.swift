/// Whom a claim speaks about: program, record type, period (inclusive) and place.
package struct ClaimPopulation: Sendable, Equatable, Decodable {
    package var program: String
    package var recordType: ClaimRecordType
    package var from: SimpleDate
    package var to: SimpleDate
    /// `United States`, or a state as the releases write it (`MINNESOTA`).
    package var place: String
    /// The values of the records' `program` field that belong to the program the claim speaks about
    /// (`287G Program`), case aside. Absent: the claim is about every record of its record type (the
    /// program text only describes it, as "all ICE removals"). Empty: no value of the field
    /// identifies the program (Secure Communities identifications surface as Criminal Alien Program
    /// arrests), so no source can scope the claim.
    package var programValues: [String]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case program, from, to, place
        case recordType = "record_type"
        case programValues = "program_values"
    }

    package init(
        program: String, recordType: ClaimRecordType, from: SimpleDate, to: SimpleDate, place: String,
        programValues: [String]? = nil
    ) {
        self.program = program
        self.recordType = recordType
        self.from = from
        self.to = to
        self.place = place
        self.programValues = programValues
    }

    package init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        program = try c.decode(String.self, forKey: .program)
        recordType = try c.decode(ClaimRecordType.self, forKey: .recordType)
        from = try TargetEra.date(c, .from)
        to = try TargetEra.date(c, .to)
        place = try c.decode(String.self, forKey: .place)
        programValues = try c.decodeIfPresent([String].self, forKey: .programValues)
    }
}

/// The kind of enforcement event a claim counts (one Deportation Data Project table each).
package enum ClaimRecordType: String, Sendable, Equatable, Decodable, CaseIterable {
    case detainers, arrests, encounters, stints, removals
}

/// A share as count columns: numerator / denominator, each the sum of its columns.
package struct ClaimMeasure: Sendable, Equatable, Decodable {
    package var numerator: [String]
    package var denominator: [String]

    package init(numerator: [String], denominator: [String]) {
        self.numerator = numerator
        self.denominator = denominator
    }
}

/// The figure claimed: a share (with how it is stated) or a count of a stated total.
package struct ClaimedFigure: Sendable, Equatable, Decodable {
    package var share: Double?
    package var count: Int?
    package var of: Int?
    package var comparison: ClaimComparison = .equal

    enum CodingKeys: String, CodingKey, CaseIterable { case share, count, of, comparison }

    package init(share: Double? = nil, count: Int? = nil, of: Int? = nil, comparison: ClaimComparison = .equal) {
        self.share = share
        self.count = count
        self.of = of
        self.comparison = comparison
    }

    package init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        share = try c.decodeIfPresent(Double.self, forKey: .share)
        count = try c.decodeIfPresent(Int.self, forKey: .count)
        of = try c.decodeIfPresent(Int.self, forKey: .of)
        comparison = try c.decodeIfPresent(ClaimComparison.self, forKey: .comparison) ?? .equal
    }

    /// The claimed share: stated, or count / of.
    package var claimedShare: Double? {
        if let share { return share }
        if let count, let of, of > 0 { return Double(count) / Double(of) }
        return nil
    }

    var problem: String? {
        switch (share, count, of) {
        case (let share?, nil, nil): return (0...1).contains(share) ? nil : "share must be a fraction between 0 and 1"
        case (nil, let count?, let of?):
            return count >= 0 && count <= of ? nil : "count must lie between 0 and its total (of)"
        default: return "give either share, or count with its total (of)"
        }
    }
}

/// How a claimed share is stated: "70%" (equal), "more than 28 percent" (at_least), "no more than" (at_most).
package enum ClaimComparison: String, Sendable, Equatable, Decodable {
    case equal
    case atLeast = "at_least"
    case atMost = "at_most"
}
