/// A column whose cell holds a list of charges (`charges:` in a pipeline): the I-213's
/// `criminal_charges`, a JSON array of objects, or a delimited list of plain values.
///
/// Ingest reads the cell into `SourceRecord.charges` and publishes the list's length as the field
/// `charge_count`; Classify reduces the list to criminality and the most serious conviction
/// (README "Pipeline definitions", "Classification").
package struct ChargeListSpec: Sendable, Equatable, Decodable {
    package enum Format: String, Sendable, Equatable, Decodable, CaseIterable {
        /// A JSON array of objects; `keys` gives where each part of a charge is.
        case json
        /// Plain values separated by `separator`; `item` says what each value is.
        case delimited
    }

    /// The parts of a charge a key path can give.
    package enum Part: String, Sendable, Equatable, Hashable, Decodable, CaseIterable, Comparable {
        case code, name, category, status, date

        package static func < (lhs: Part, rhs: Part) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// Column names, most preferred first.
    package var names: [String]
    package var format: Format
    /// JSON only: part → key path, its names split at `.` (`CHARGE.STATUS` is `["CHARGE", "STATUS"]`).
    package var keys: [Part: [String]]
    /// JSON only: parts whose key must be present in every object, else the row is rejected.
    package var requiredKeys: [Part]
    /// Delimited only: the text between two values.
    package var separator: String?
    /// Delimited only: what each value is (code, name, category or status).
    package var item: Part?
    /// The status of every charge, for a list that holds only one kind (a list of convictions).
    package var itemStatus: String?
    /// Values meaning "no value", as a whole cell (the list is unknown) or as one value inside it.
    package var nullMarkers: [String]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case names, format, keys, separator, item
        case requiredKeys = "required_keys", itemStatus = "item_status", nullMarkers = "null_markers"
    }

    package init(
        names: [String], format: Format, keys: [Part: [String]] = [:], requiredKeys: [Part] = [],
        separator: String? = nil, item: Part? = nil, itemStatus: String? = nil, nullMarkers: [String] = []
    ) {
        self.names = names
        self.format = format
        self.keys = keys
        self.requiredKeys = requiredKeys
        self.separator = separator
        self.item = item
        self.itemStatus = itemStatus
        self.nullMarkers = nullMarkers
    }

    package init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let names = try c.decodeNames(forKey: .names)
        var keys: [Part: [String]] = [:]
        for (key, path) in try c.decodeIfPresent([String: String].self, forKey: .keys) ?? [:] {
            guard let part = Part(rawValue: key) else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: c.codingPath + [CodingKeys.keys, AnyCodingKey(key)],
                        debugDescription:
                            "unknown part '\(key)'; expected one of: \(Part.allCases.map(\.rawValue).joined(separator: ", "))"
                    ))
            }
            keys[part] = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        }
        self.init(
            names: names, format: try c.decode(Format.self, forKey: .format), keys: keys,
            requiredKeys: try c.decodeIfPresent([Part].self, forKey: .requiredKeys) ?? [],
            separator: try c.decodeIfPresent(String.self, forKey: .separator),
            item: try c.decodeIfPresent(Part.self, forKey: .item),
            itemStatus: try c.decodeIfPresent(String.self, forKey: .itemStatus),
            nullMarkers: try c.decodeIfPresent([String].self, forKey: .nullMarkers) ?? [])
    }

    /// The key path of a part as written in the pipeline (`CHARGE.STATUS`).
    package func keyPathText(_ part: Part) -> String? { keys[part]?.joined(separator: ".") }
}

extension ChargeListSpec {
    /// Problems in the declaration, with key paths under `charges`.
    func issues() -> [PipelineIssue] {
        var issues: [PipelineIssue] = []
        func issue(_ path: String, _ message: String) {
            issues.append(PipelineIssue(keyPath: "charges." + path, message: message))
        }
        if names.isEmpty || names.contains(where: { $0.trimmingSpaces.isEmpty }) {
            issue("names", "list at least one non-empty column name")
        }
        if let status = itemStatus, ChargeStatus(text: status) == nil {
            issue("item_status", "'\(status)' is not a status; expected Convicted, Pending, Dismissed or Overturned")
        }
        if nullMarkers.contains(where: { $0.trimmingSpaces.isEmpty }) {
            issue("null_markers", "a marker must not be empty (a blank cell is always missing)")
        }
        switch format {
        case .json: issues += jsonIssues()
        case .delimited: issues += delimitedIssues()
        }
        return issues
    }

    private func jsonIssues() -> [PipelineIssue] {
        var issues: [PipelineIssue] = []
        func issue(_ path: String, _ message: String) {
            issues.append(PipelineIssue(keyPath: "charges." + path, message: message))
        }
        if separator != nil { issue("separator", "only for format 'delimited'") }
        if item != nil { issue("item", "only for format 'delimited'; a JSON list names its parts in 'keys'") }
        if keys[.code] == nil && keys[.name] == nil && keys[.category] == nil && keys[.status] == nil {
            issue("keys", "give the key path of at least one of code, name, category, status")
        }
        for (part, path) in keys.sorted(by: { $0.key < $1.key }) where path.contains(where: \.isEmpty) {
            issue(
                "keys.\(part.rawValue)",
                "'\(path.joined(separator: "."))' is not a key path (key names separated by single '.')")
        }
        if keys[.status] != nil && itemStatus != nil {
            issue("item_status", "the list gives a status key path ('keys.status'); declare one or the other")
        }
        for (index, part) in requiredKeys.enumerated() where keys[part] == nil {
            issue("required_keys[\(index)]", "'\(part.rawValue)' has no key path in 'charges.keys'")
        }
        return issues
    }

    private func delimitedIssues() -> [PipelineIssue] {
        var issues: [PipelineIssue] = []
        func issue(_ path: String, _ message: String) {
            issues.append(PipelineIssue(keyPath: "charges." + path, message: message))
        }
        if separator?.isEmpty ?? true { issue("separator", "a delimited list needs a non-empty separator") }
        if !keys.isEmpty { issue("keys", "only for format 'json'; a delimited list names its values in 'item'") }
        if !requiredKeys.isEmpty { issue("required_keys", "only for format 'json'") }
        switch item {
        case nil: issue("item", "say what each value is: code, name, category or status")
        case .date: issue("item", "a list of dates says nothing about a charge; use code, name, category or status")
        case .status? where itemStatus != nil:
            issue("item_status", "the values are statuses ('item: status'); declare one or the other")
        default: break
        }
        return issues
    }
}
