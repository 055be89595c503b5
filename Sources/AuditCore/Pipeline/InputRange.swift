import Foundation

/// The dates one input is authoritative for, declared per file-name pattern under `inputs:`.
///
/// Overlapping releases (a cumulative release and its predecessor, or a release split into date
/// windows) carry the same records twice; declaring which file speaks for which dates counts each
/// record once. A record of a matching file whose date lies outside the range is `superseded`: read,
/// listed in `internal/duplicates.csv` with kind `superseded`, not counted and not de-duplicated.
/// A record without a date is not superseded (nothing says another file carries it).
package struct InputRange: Sendable, Equatable, Decodable {
    /// A shell-style pattern (`*`, `?`, `[…]`) matched against the input's file name, or against its
    /// whole path when the pattern contains a `/`.
    package var pattern: String
    /// First authoritative date (inclusive); nil: no lower bound.
    package var from: SimpleDate?
    /// Last authoritative date (inclusive); nil: no upper bound.
    package var to: SimpleDate?

    enum CodingKeys: String, CodingKey, CaseIterable { case pattern, from, to }

    package init(pattern: String, from: SimpleDate? = nil, to: SimpleDate? = nil) {
        self.pattern = pattern
        self.from = from
        self.to = to
    }

    package init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        pattern = try c.decode(String.self, forKey: .pattern)
        from = try c.decodeIfPresent(String.self, forKey: .from) == nil ? nil : try TargetEra.date(c, .from)
        to = try c.decodeIfPresent(String.self, forKey: .to) == nil ? nil : try TargetEra.date(c, .to)
    }

    /// Whether `date` lies inside the range.
    package func contains(_ date: SimpleDate) -> Bool {
        (from.map { date >= $0 } ?? true) && (to.map { date <= $0 } ?? true)
    }

    /// Whether the pattern matches the input at `path`.
    package func matches(path: String) -> Bool {
        let subject = pattern.contains("/") ? path : (path.split(separator: "/").last.map(String.init) ?? path)
        return fnmatch(pattern, subject, 0) == 0
    }

    /// `2023-10-01 to 2024-09-30`, `from 2024-10-01`, `until 2024-09-30`.
    package var label: String {
        switch (from, to) {
        case (let from?, let to?): "\(from.isoString) to \(to.isoString)"
        case (let from?, nil): "from \(from.isoString)"
        case (nil, let to?): "until \(to.isoString)"
        case (nil, nil): "any date"
        }
    }
}

extension PipelineDefinition {
    /// The declared range of the input at `path`: the first `inputs` entry whose pattern matches it.
    package func inputRange(for path: String) -> InputRange? {
        inputs.first { $0.matches(path: path) }
    }
}
