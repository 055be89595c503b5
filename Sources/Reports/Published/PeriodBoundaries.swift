package import AuditCore

/// Dates at which what a share measures changes: the start and end of every targets era, and the
/// start and end of every declared recorded period. A period-over-period change whose two periods
/// lie on different sides of one is not computed (issue 13 item 4: "−79.5 points" from FY2014 to
/// FY2015 was a field appearing, not a policy change).
package struct PeriodBoundaries: Sendable, Equatable {
    /// Days on which something starts.
    package var starts: [SimpleDate] = []
    /// Days on which something ends (the day after is the first without it).
    package var ends: [SimpleDate] = []

    package init(starts: [SimpleDate] = [], ends: [SimpleDate] = []) {
        self.starts = starts
        self.ends = ends
    }

    /// Whether a boundary falls between the start of `previous` and the end of `current`, both
    /// period labels of `field` (`fiscal_year` "2015", `calendar_year` "2015", `month` "2015-03").
    /// Unparsable labels (`(missing)`) are never compared, so they never cross.
    package func separate(_ previous: String, _ current: String, field: Field) -> Bool {
        guard let before = Self.range(previous, field: field), let now = Self.range(current, field: field) else {
            return false
        }
        return starts.contains { before.start < $0 && !(now.end < $0) }
            || ends.contains { !($0 < before.start) && $0 < now.end }
    }

    /// The first and last day of a period label.
    static func range(_ label: String, field: Field) -> (start: SimpleDate, end: SimpleDate)? {
        let parts = label.split(separator: "-").compactMap { Int($0) }
        switch field {
        case .fiscalYear where parts.count == 1:
            guard let start = SimpleDate(year: parts[0] - 1, month: 10, day: 1),
                let end = SimpleDate(year: parts[0], month: 9, day: 30)
            else { return nil }
            return (start, end)
        case .calendarYear where parts.count == 1:
            guard let start = SimpleDate(year: parts[0], month: 1, day: 1),
                let end = SimpleDate(year: parts[0], month: 12, day: 31)
            else { return nil }
            return (start, end)
        case .month where parts.count == 2:
            guard let start = SimpleDate(year: parts[0], month: parts[1], day: 1) else { return nil }
            let last = (28...31).last { SimpleDate(year: parts[0], month: parts[1], day: $0) != nil } ?? 28
            guard let end = SimpleDate(year: parts[0], month: parts[1], day: last) else { return nil }
            return (start, end)
        default:
            return nil
        }
    }
}
