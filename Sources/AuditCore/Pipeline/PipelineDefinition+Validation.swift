/// A problem in a pipeline definition, located by its key path.
package struct PipelineIssue: Sendable, Equatable, CustomStringConvertible {
    /// e.g. `reports[2].group_by[0]`.
    package var keyPath: String
    package var message: String

    package init(keyPath: String, message: String) {
        self.keyPath = keyPath
        self.message = message
    }

    package var description: String { "\(keyPath): \(message)" }
}

extension PipelineDefinition {
    /// Checks everything that can be checked without data; returns every problem, not only the first.
    package func validate() -> [PipelineIssue] {
        var issues = sourceIssues() + columnIssues() + settingIssues()
        var seen: Set<String> = []
        for (index, report) in reports.enumerated() { issues += reportIssues(report, at: index, seen: &seen) }
        return issues + inputRangeIssues() + chargeListIssues()
    }

    private func sourceIssues() -> [PipelineIssue] {
        var issues = IssueList()
        if name.isEmpty { issues.add("name", "must not be empty") }
        if !(1...1000).contains(source.headerSearchRows) {
            issues.add("source.header_search_rows", "must be between 1 and 1000, got \(source.headerSearchRows)")
        }
        if source.dateFormats.isEmpty { issues.add("source.date_formats", "list at least one date format (iso, us)") }
        return issues.list
    }

    /// Names, recorded periods and columns mapped to two fields.
    private func columnIssues() -> [PipelineIssue] {
        var issues = IssueList()
        for (field, spec) in columns.sorted(by: { $0.key < $1.key }) {
            if spec.names.isEmpty || spec.names.contains(where: { $0.trimmingSpaces.isEmpty }) {
                issues.add("columns.\(field.rawValue).names", "list at least one non-empty column name")
            }
            if let from = spec.recordedFrom, let until = spec.recordedUntil, until < from {
                issues.add(
                    "columns.\(field.rawValue).recorded_until", "must not be before recorded_from (\(from.isoString))")
            }
            if spec.hasDeclaredPeriod && field == .date {
                issues.add(
                    "columns.date", "the date decides the recorded period of other fields; it cannot have one itself")
            }
        }
        var owner: [String: Field] = [:]
        for (field, spec) in columns.sorted(by: { $0.key < $1.key }) {
            for name in spec.names {
                let key = ColumnName.normalized(name)
                if let other = owner[key], other != field {
                    issues.add(
                        "columns.\(field.rawValue).names", "column '\(name)' is already mapped to '\(other.rawValue)'")
                }
                owner[key] = field
            }
        }
        return issues.list
    }

    /// Duplicate key, thresholds, classification and publication settings.
    private func settingIssues() -> [PipelineIssue] {
        var issues = IssueList()
        for (index, field) in duplicates.key.enumerated() where !hasSource(field) {
            issues.add("duplicates.key[\(index)]", "field '\(field.rawValue)' has no column in 'columns'")
        }
        if !(0...1).contains(thresholds.warn) { issues.add("thresholds.warn", "must be a fraction between 0 and 1") }
        if !(0...1).contains(thresholds.stop) { issues.add("thresholds.stop", "must be a fraction between 0 and 1") }
        if thresholds.warn > thresholds.stop {
            issues.add("thresholds", "warn (\(thresholds.warn)) must not exceed stop (\(thresholds.stop))")
        }
        if !classification.victimWitnessValues.isEmpty && columns[.victimWitnessIndicator] == nil {
            issues.add("classification.victim_witness_values", "needs a 'victim_witness_indicator' column in 'columns'")
        }
        if reports.isEmpty { issues.add("reports", "define at least one report") }
        if publication.minCount < 1 {
            issues.add("publication.min_count", "must be at least 1 (1 publishes every count)")
        }
        if publication.rankingSize < 1 { issues.add("publication.ranking_size", "must be at least 1") }
        return issues.list
    }

    /// A report's name (safe, not reserved, not taken by an earlier report) and its group fields.
    private func reportIssues(_ report: ReportSpec, at index: Int, seen: inout Set<String>) -> [PipelineIssue] {
        var issues = IssueList()
        let path = "reports[\(index)]"
        if !ReportSpec.isSafeName(report.name) {
            issues.add(
                "\(path).name",
                "'\(report.name)' must be 1–64 characters of a-z, 0-9, '_' or '-' (it becomes a file name)")
        } else if let reservation = BuiltInOutputs.reservation(of: report.name) {
            issues.add("\(path).name", "\(reservation); choose another name")
        }
        if !seen.insert(report.name).inserted { issues.add("\(path).name", "duplicate report name '\(report.name)'") }
        for (position, field) in report.groupBy.enumerated() {
            let fieldPath = "\(path).group_by[\(position)]"
            if field.isIdentifying {
                issues.add(fieldPath, "'\(field.rawValue)' identifies people and may not appear in a published report")
            } else if field == .count {
                issues.add(fieldPath, "'count' is a weight, not a group")
            } else if !hasSource(field) {
                let need =
                    field.isDerived
                    ? "needs the 'date' column mapped"
                    : field == .chargeCount ? "needs a 'charges' list" : "has no column in 'columns'"
                issues.add(fieldPath, "'\(field.rawValue)' \(need)")
            }
        }
        if Set(report.groupBy).count != report.groupBy.count { issues.add("\(path).group_by", "lists a field twice") }
        return issues.list
    }
}

extension PipelineDefinition {
    /// Problems in `inputs`: each entry names a pattern and at least one bound, in order, needs a
    /// mapped date, and no pattern is declared twice.
    func inputRangeIssues() -> [PipelineIssue] {
        var issues: [PipelineIssue] = []
        var patterns: Set<String> = []
        if !inputs.isEmpty && columns[.date] == nil {
            issues.append(
                .init(
                    keyPath: "inputs",
                    message: "needs a 'date' column in 'columns' (ranges are judged by the record's date)"))
        }
        for (index, range) in inputs.enumerated() {
            let path = "inputs[\(index)]"
            if range.pattern.trimmingSpaces.isEmpty {
                issues.append(.init(keyPath: path + ".pattern", message: "must not be empty"))
            }
            if !patterns.insert(range.pattern).inserted {
                issues.append(.init(keyPath: path + ".pattern", message: "'\(range.pattern)' is declared twice"))
            }
            if range.from == nil && range.to == nil {
                issues.append(.init(keyPath: path, message: "declare 'from', 'to' or both"))
            }
            if let from = range.from, let to = range.to, to < from {
                issues.append(
                    .init(keyPath: path, message: "ends (\(to.isoString)) before it starts (\(from.isoString))"))
            }
        }
        return issues
    }
}

extension PipelineDefinition {
    /// Problems in `charges`, and a `charge_count` mapped to a column (it is the list's length).
    func chargeListIssues() -> [PipelineIssue] {
        var issues: [PipelineIssue] = []
        if columns[.chargeCount] != nil {
            issues.append(
                .init(
                    keyPath: "columns.charge_count",
                    message: "charge_count is the length of the 'charges' list; it cannot be mapped to a column"))
        }
        guard let charges else { return issues }
        issues += charges.issues()
        let mapped = Dictionary(
            columns.flatMap { field, spec in spec.names.map { (ColumnName.normalized($0), field) } },
            uniquingKeysWith: min)
        for name in charges.names {
            if let field = mapped[ColumnName.normalized(name)] {
                issues.append(
                    .init(
                        keyPath: "charges.names", message: "column '\(name)' is already mapped to '\(field.rawValue)'"))
            }
        }
        return issues
    }
}

extension ReportSpec {
    static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 || $0 == 45 }
    }
}

extension ColumnName {
    /// The same normalisation on bytes, for the common all-ASCII case (nil otherwise).
    static func asciiNormalized(_ name: String) -> String? {
        var utf8 = name.utf8
        return utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var out = [UInt8]()
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte == 32 || byte == 9 {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace {
                    out.append(32)
                    pendingSpace = false
                }
                out.append(byte >= 65 && byte <= 90 ? byte + 32 : byte)
            }
            return String(decoding: out, as: UTF8.self)
        } ?? nil
    }
}

/// How column names are compared: case-insensitively, ignoring surrounding spaces and a BOM, with
/// runs of inner spaces folded to one.
package enum ColumnName {
    package static func normalized(_ name: String) -> String {
        if let ascii = asciiNormalized(name) { return ascii }
        var out = ""
        var pendingSpace = false
        for scalar in name.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\u{FEFF}" || scalar == "\u{A0}" {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
        }
        return out
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    package var trimmingSpaces: String {
        // Nearly always nothing to trim (cells are trimmed when read): no new string then.
        guard let first = utf8.first, let last = utf8.last, first == 32 || first == 9 || last == 32 || last == 9 else {
            return self
        }
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}

/// Problems found so far, each with its key path.
private struct IssueList {
    var list: [PipelineIssue] = []

    mutating func add(_ path: String, _ message: String) { list.append(PipelineIssue(keyPath: path, message: message)) }
}
