/// Day arithmetic on calendar dates, for checking that policy eras leave no silent gap.
extension SimpleDate {
    /// Parses exactly `YYYY-MM-DD` (as stated-targets and claims files write dates).
    package init?(isoText text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Days since 1 March of year 0 in the proleptic Gregorian calendar (only differences matter).
    package var dayNumber: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let shiftedMonth = (month + 9) % 12
        return 365 * shiftedYear + shiftedYear / 4 - shiftedYear / 100 + shiftedYear / 400 + (153 * shiftedMonth + 2)
            / 5 + day - 1
    }

    /// The day after `date` (nil past 2100).
    package init?(dayAfter date: SimpleDate) {
        if let next = SimpleDate(year: date.year, month: date.month, day: date.day + 1) {
            self = next
        } else if date.month < 12 {
            self.init(year: date.year, month: date.month + 1, day: 1)
        } else {
            self.init(year: date.year + 1, month: 1, day: 1)
        }
    }

    /// Whether `other` is the day after this one.
    package func isFollowed(by other: SimpleDate) -> Bool { other.dayNumber == dayNumber + 1 }
}
