/// A calendar date without time zone, as ICE releases write them.
package struct SimpleDate: Sendable, Hashable, Comparable, Codable {
    package var year: Int
    package var month: Int
    package var day: Int

    package init?(year: Int, month: Int, day: Int) {
        guard (1900...2100).contains(year), (1...12).contains(month) else { return nil }
        let days = [31, Self.isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...days[month - 1]).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The US federal fiscal year: FY2012 runs from 1 October 2011 to 30 September 2012.
    package var fiscalYear: Int { month >= 10 ? year + 1 : year }

    /// `YYYY-MM`.
    package var monthLabel: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }

    /// `YYYY-MM-DD`.
    package var isoString: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// `isoString`'s bytes, appended without making a string (for years of four digits).
    package func appendISO(to bytes: inout [UInt8]) {
        guard (1000...9999).contains(year), (1...99).contains(month), (1...99).contains(day) else {
            bytes.append(contentsOf: isoString.utf8)
            return
        }
        for divisor in [1000, 100, 10, 1] { bytes.append(UInt8(48 + year / divisor % 10)) }
        bytes.append(UInt8(ascii: "-"))
        if month >= 10 { bytes.append(UInt8(48 + month / 10)) } else { bytes.append(48) }
        bytes.append(UInt8(48 + month % 10))
        bytes.append(UInt8(ascii: "-"))
        if day >= 10 { bytes.append(UInt8(48 + day / 10)) } else { bytes.append(48) }
        bytes.append(UInt8(48 + day % 10))
    }

    package static func < (lhs: SimpleDate, rhs: SimpleDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }
}
