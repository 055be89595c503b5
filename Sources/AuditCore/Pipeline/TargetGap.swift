/// A stretch of dates between two policy eras where no stated target applies, declared with its
/// reason so the hole is explicit: records dated in it are `target_not_judged`.
package struct TargetGap: Sendable, Equatable, Decodable {
    package var from: SimpleDate
    /// Inclusive.
    package var to: SimpleDate
    /// Why no target applies (e.g. an order revoked, its successor not yet in force), with its source.
    package var reason: String

    enum CodingKeys: String, CodingKey, CaseIterable { case from, to, reason }

    package init(from: SimpleDate, to: SimpleDate, reason: String) {
        self.from = from
        self.to = to
        self.reason = reason
    }

    package init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        from = try TargetEra.date(c, .from)
        to = try TargetEra.date(c, .to)
        reason = try c.decode(String.self, forKey: .reason)
    }
}

/// Whether an era's records get a yes/no verdict.
package enum TargetVerdict: String, Sendable, Equatable, Decodable {
    /// On / off target by the era's rules.
    case judged
    /// The stated target is too broad or vague to test with the labels: shares only.
    case none
}
