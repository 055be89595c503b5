import AuditCore

/// Parses the date spellings ICE releases use into `SimpleDate`; the time of day is ignored.
///
/// `iso`: `2012-03-04`, `2012-03-04 00:00:00`, `2012-03-04 11:25:00.5`, `2021-12-01T00:00:00Z`
/// (CODEBOOK §10). `us`: `3/4/2012`, `03/04/2012 13:00`.
struct DateParser {
    var formats: [DateFormat]

    func parse(_ text: String) -> SimpleDate? {
        let bytes = Array(text.utf8)
        for format in formats {
            if let date = parse(bytes, format) { return date }
        }
        return nil
    }

    private func parse(_ bytes: [UInt8], _ format: DateFormat) -> SimpleDate? {
        var index = 0
        func number(maxDigits: Int) -> Int? {
            var value = 0
            var digits = 0
            while index < bytes.count, digits < maxDigits, bytes[index] >= 48, bytes[index] <= 57 {
                value = value * 10 + Int(bytes[index] - 48)
                index += 1
                digits += 1
            }
            return digits > 0 ? value : nil
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        let year: Int
        let month: Int
        let day: Int
        switch format {
        case .iso:
            guard let y = number(maxDigits: 4), index == 4, expect(45), let m = number(maxDigits: 2), expect(45),
                let d = number(maxDigits: 2)
            else { return nil }
            (year, month, day) = (y, m, d)
        case .us:
            guard let m = number(maxDigits: 2), expect(47), let d = number(maxDigits: 2), expect(47) else { return nil }
            let start = index
            guard let y = number(maxDigits: 4), index - start == 4 else { return nil }
            (year, month, day) = (y, m, d)
        }
        // Whatever follows must be a time part.
        if index < bytes.count, bytes[index] != 32, bytes[index] != UInt8(ascii: "T") { return nil }
        return SimpleDate(year: year, month: month, day: day)
    }
}
