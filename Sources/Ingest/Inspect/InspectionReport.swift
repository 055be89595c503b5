package import AuditCore

/// What `inspect` found in one file.
package struct InspectionReport: Sendable, Equatable {
    package var file: String
    package var delimiter: Delimiter
    package var headerLine = 0
    package var preambleRows = 0
    package var records = 0
    /// Records whose field count differs from the header's.
    package var raggedRecords = 0
    package var columns: [ColumnProfile.Summary] = []

    init(file: String, delimiter: Delimiter) {
        self.file = file
        self.delimiter = delimiter
    }
}

/// Per-column tallies while inspecting; `Summary` is the finished, sorted form.
package struct ColumnProfile: Sendable {
    package struct Summary: Sendable, Equatable {
        package var name: String
        package var filled: Int
        package var missing: Int
        package var redacted: Int
        package var invalidEncoding: Int
        /// Most frequent values with counts, most frequent first (ties by value).
        package var top: [ValueCount]
        /// True when the column had more distinct values than were tracked; top counts are then lower bounds.
        package var distinctLimitReached: Bool
        package var distinctValues: Int
    }

    package struct ValueCount: Sendable, Equatable {
        package var value: String
        package var count: Int
    }

    var name: String
    var filled = 0
    var missing = 0
    var redacted = 0
    var invalidEncoding = 0
    var values: [String: Int] = [:]
    var limitReached = false

    init(name: String) { self.name = name }

    mutating func count(_ value: String, limit: Int) {
        filled += 1
        if let existing = values[value] {
            values[value] = existing + 1
        } else if values.count < limit {
            values[value] = 1
        } else {
            limitReached = true
        }
    }

    func finished(top: Int) -> Summary {
        let sorted = values.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(top).map {
            ValueCount(value: $0.key, count: $0.value)
        }
        return Summary(
            name: name, filled: filled, missing: missing, redacted: redacted, invalidEncoding: invalidEncoding,
            top: Array(sorted), distinctLimitReached: limitReached, distinctValues: values.count)
    }
}
