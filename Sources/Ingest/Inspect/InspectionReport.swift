public import AuditCore

/// What `inspect` found in one file.
public struct InspectionReport: Sendable, Equatable {
    public var file: String
    public var delimiter: Delimiter
    public var headerLine = 0
    public var preambleRows = 0
    public var records = 0
    /// Records whose field count differs from the header's.
    public var raggedRecords = 0
    public var columns: [ColumnProfile.Summary] = []

    init(file: String, delimiter: Delimiter) {
        self.file = file
        self.delimiter = delimiter
    }
}

/// Per-column tallies while inspecting; `Summary` is the finished, sorted form.
public struct ColumnProfile: Sendable {
    public struct Summary: Sendable, Equatable {
        public var name: String
        public var filled: Int
        public var missing: Int
        public var redacted: Int
        public var invalidEncoding: Int
        /// Most frequent values with counts, most frequent first (ties by value).
        public var top: [ValueCount]
        /// True when the column had more distinct values than were tracked; top counts are then lower bounds.
        public var distinctLimitReached: Bool
        public var distinctValues: Int
    }

    public struct ValueCount: Sendable, Equatable {
        public var value: String
        public var count: Int
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
