/// A declarative pipeline: which columns mean what, which tables classify them, which reports to write.
///
/// Decoded eagerly from a YAML file in `Pipelines/` and validated whole (`validate()`) before any
/// row is read. A new CSV shape is a new pipeline file, not new code.
package struct PipelineDefinition: Sendable, Equatable, Decodable {
    package var name: String
    package var description: String?
    package var source: SourceSpec
    /// Canonical field → the column names that may carry it, in order of preference.
    package var columns: [Field: ColumnSpec]
    package var duplicates: DuplicateSpec
    package var thresholds: RejectThresholds
    /// Reference tables, as paths relative to the pipeline file.
    package var reference: ReferenceSpec
    package var classification: ClassificationSpec
    package var reports: [ReportSpec]
    /// Inputs used by `run` when no file is given, relative to the pipeline file.
    package var defaultInputs: [String]
    package var publication: PublicationSpec
    /// The date range each input is authoritative for, by file-name pattern (`InputRange`).
    package var inputs: [InputRange]
    /// A column whose cell holds a list of charges (I-213 `criminal_charges`), or nil.
    package var charges: ChargeListSpec?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, description, source, columns, duplicates, thresholds, reference, classification, reports,
            publication, inputs, charges
        case defaultInputs = "default_inputs"
    }

    package init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        source = try container.decodeIfPresent(SourceSpec.self, forKey: .source) ?? SourceSpec()
        let rawColumns = try container.decode([String: ColumnSpec].self, forKey: .columns)
        var columns: [Field: ColumnSpec] = [:]
        for (key, spec) in rawColumns {
            guard let field = Field(rawValue: key) else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: container.codingPath + [CodingKeys.columns, AnyCodingKey(key)],
                        debugDescription:
                            "unknown field '\(key)'; known fields: \(Field.allCases.map(\.rawValue).joined(separator: ", "))"
                    ))
            }
            columns[field] = spec
        }
        self.columns = columns
        duplicates = try container.decodeIfPresent(DuplicateSpec.self, forKey: .duplicates) ?? DuplicateSpec()
        thresholds = try container.decodeIfPresent(RejectThresholds.self, forKey: .thresholds) ?? RejectThresholds()
        reference = try container.decodeIfPresent(ReferenceSpec.self, forKey: .reference) ?? ReferenceSpec()
        classification =
            try container.decodeIfPresent(ClassificationSpec.self, forKey: .classification) ?? ClassificationSpec()
        reports = try container.decode([ReportSpec].self, forKey: .reports)
        defaultInputs = try container.decodeIfPresent([String].self, forKey: .defaultInputs) ?? []
        publication = try container.decodeIfPresent(PublicationSpec.self, forKey: .publication) ?? PublicationSpec()
        inputs = try container.decodeIfPresent([InputRange].self, forKey: .inputs) ?? []
        charges = try container.decodeIfPresent(ChargeListSpec.self, forKey: .charges)
    }

    /// The fields a record must have mapped columns for.
    package var requiredFields: [Field] {
        columns.filter { $0.value.required }.map(\.key).sorted()
    }

    /// Whether a field has a source: a mapped column, the charge list (`charge_count`), or (for
    /// derived fields) a mapped date.
    package func hasSource(_ field: Field) -> Bool {
        if columns[field] != nil { return true }
        if field == .chargeCount { return charges != nil }
        return field.isDerived && columns[.date] != nil
    }
}

/// How to read the bytes of a source file.
package struct SourceSpec: Sendable, Equatable, Decodable {
    package var delimiter: Delimiter = .comma
    package var encoding: TextEncoding = .utf8
    /// How many leading rows may precede the header (ICE xlsx exports carry 5–6 title rows).
    package var headerSearchRows: Int = 25
    /// Whole-cell values that mean "no value" (compared after trimming spaces, case-sensitively).
    package var missingMarkers: [String] = ["", "NA"]
    /// Whole-cell values treated as redacted in addition to the built-in FOIA exemption matcher.
    package var redactionMarkers: [String] = []
    package var dateFormats: [DateFormat] = [.iso, .us]
    /// Which kind of enforcement event one record is (detainers, arrests, ...): a claim about
    /// another kind is not testable on this source. nil = not declared (no claim is testable).
    package var recordType: ClaimRecordType?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case delimiter, encoding
        case recordType = "record_type"
        case headerSearchRows = "header_search_rows"
        case missingMarkers = "missing_markers"
        case redactionMarkers = "redaction_markers"
        case dateFormats = "date_formats"
    }

    package init() {}

    package init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        delimiter = try c.decodeIfPresent(Delimiter.self, forKey: .delimiter) ?? .comma
        encoding = try c.decodeIfPresent(TextEncoding.self, forKey: .encoding) ?? .utf8
        headerSearchRows = try c.decodeIfPresent(Int.self, forKey: .headerSearchRows) ?? 25
        missingMarkers = try c.decodeIfPresent([String].self, forKey: .missingMarkers) ?? ["", "NA"]
        redactionMarkers = try c.decodeIfPresent([String].self, forKey: .redactionMarkers) ?? []
        dateFormats = try c.decodeIfPresent([DateFormat].self, forKey: .dateFormats) ?? [.iso, .us]
        recordType = try c.decodeIfPresent(ClaimRecordType.self, forKey: .recordType)
    }
}

/// The field separator of a delimited file.
package enum Delimiter: String, Sendable, Equatable, Decodable, CaseIterable {
    case comma, pipe, tab, semicolon

    package var byte: UInt8 {
        switch self {
        case .comma: UInt8(ascii: ",")
        case .pipe: UInt8(ascii: "|")
        case .tab: 9
        case .semicolon: UInt8(ascii: ";")
        }
    }
}

/// The character encoding of a source file; UTF-8 unless the pipeline says otherwise.
package enum TextEncoding: String, Sendable, Equatable, Decodable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
    case latin1 = "latin-1"
}

/// Accepted date spellings.
package enum DateFormat: String, Sendable, Equatable, Decodable, CaseIterable {
    /// `YYYY-MM-DD`, optionally followed by a time (`2012-03-04 00:00:00`, `2021-12-01T00:00:00Z`).
    case iso
    /// `M/D/YYYY`, optionally followed by a time.
    case us
}

/// One canonical field's column names.
package struct ColumnSpec: Sendable, Equatable, Decodable {
    package var names: [String]
    package var required: Bool
    /// The first date the source recorded this field, when it started later than the file (issue 13:
    /// an arrests release whose MSC field is empty before 2014-10-01 because it was not collected).
    /// Outside the recorded period the field is *not recorded* — not "missing", not "none".
    package var recordedFrom: SimpleDate?
    /// The last date the source recorded this field.
    package var recordedUntil: SimpleDate?
    /// Fiscal years the file left the field empty although it filled it in others, found by the run
    /// (`NotRecordedDetector`), never read from the pipeline file.
    package var notRecordedFiscalYears: [ClosedRange<Int>] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case names, required
        case recordedFrom = "recorded_from", recordedUntil = "recorded_until"
    }

    package init(
        names: [String], required: Bool = false, recordedFrom: SimpleDate? = nil, recordedUntil: SimpleDate? = nil
    ) {
        self.names = names
        self.required = required
        self.recordedFrom = recordedFrom
        self.recordedUntil = recordedUntil
    }

    package init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer().decode(String.self) {
            self.init(names: [single])
            return
        }
        if let list = try? decoder.singleValueContainer().decode([String].self) {
            self.init(names: list)
            return
        }
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let names = try c.decodeNames(forKey: .names)
        self.init(
            names: names, required: try c.decodeIfPresent(Bool.self, forKey: .required) ?? false,
            recordedFrom: try Self.date(c, .recordedFrom), recordedUntil: try Self.date(c, .recordedUntil))
    }

    private static func date(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> SimpleDate? {
        guard let text = try c.decodeIfPresent(String.self, forKey: key) else { return nil }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = SimpleDate(year: parts[0], month: parts[1], day: parts[2]) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "not a date (YYYY-MM-DD)")
        }
        return date
    }

    /// Whether the source recorded the field on `date` (an undated record: yes).
    package func recorded(on date: SimpleDate?) -> Bool {
        guard let date else { return true }
        if let from = recordedFrom, date < from { return false }
        if let until = recordedUntil, until < date { return false }
        return !notRecordedFiscalYears.contains { $0.contains(date.fiscalYear) }
    }

    /// Whether a recorded period is declared in the pipeline.
    package var hasDeclaredPeriod: Bool { recordedFrom != nil || recordedUntil != nil }

    /// Whether the field was recorded only for part of the file: declared, or found by the run.
    package var hasRecordedPeriod: Bool { hasDeclaredPeriod || !notRecordedFiscalYears.isEmpty }
}

/// How duplicates are recognised. Duplicates are flagged and listed, never silently dropped.
package struct DuplicateSpec: Sendable, Equatable, Decodable {
    /// Fields whose values together identify one event (e.g. person + detainer date).
    package var key: [Field] = []
    /// Whether byte-identical data rows count once.
    package var exactRows: Bool = true
    /// Whether one run may read the same file twice (same real path, or same size and SHA-256),
    /// counting it each time. Off by default: the same release named twice would double every count.
    package var allowIdenticalInputs: Bool = false

    enum CodingKeys: String, CodingKey, CaseIterable {
        case key
        case exactRows = "exact_rows"
        case allowIdenticalInputs = "allow_identical_inputs"
    }

    package init() {}

    package init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decodeIfPresent([Field].self, forKey: .key) ?? []
        exactRows = try c.decodeIfPresent(Bool.self, forKey: .exactRows) ?? true
        allowIdenticalInputs = try c.decodeIfPresent(Bool.self, forKey: .allowIdenticalInputs) ?? false
    }
}

/// Reject-rate thresholds, as fractions of the rows read from one file.
package struct RejectThresholds: Sendable, Equatable, Decodable {
    /// Above this share the run warns.
    package var warn: Double = 0.001
    /// Above this share the run fails and publishes nothing.
    package var stop: Double = 0.05

    enum CodingKeys: String, CodingKey, CaseIterable { case warn, stop }

    package init(warn: Double = 0.001, stop: Double = 0.05) {
        self.warn = warn
        self.stop = stop
    }

    package init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        warn = try c.decodeIfPresent(Double.self, forKey: .warn) ?? 0.001
        stop = try c.decodeIfPresent(Double.self, forKey: .stop) ?? 0.05
    }
}

/// Paths of the reference tables, relative to the pipeline file.
package struct ReferenceSpec: Sendable, Equatable, Decodable {
    /// The offense table's metadata file (`offenses.meta.yml`), which names its CSV and version.
    package var offenses: String?
    /// The stated targets (`targets/secure-communities.yml` when not given).
    package var targets: String?
    /// The official claims (`claims/official-claims.yml` when not given; a run without that file
    /// beside its pipeline has no claims to compute).
    package var claims: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case offenses, targets, claims }

    package init(offenses: String? = nil, targets: String? = nil, claims: String? = nil) {
        self.offenses = offenses
        self.targets = targets
        self.claims = claims
    }

    package init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        offenses = try c.decodeIfPresent(String.self, forKey: .offenses)
        targets = try c.decodeIfPresent(String.self, forKey: .targets)
        claims = try c.decodeIfPresent(String.self, forKey: .claims)
    }
}

/// One report: counts of every label per group.
package struct ReportSpec: Sendable, Equatable, Decodable {
    package var name: String
    package var groupBy: [Field]
    package var description: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, description
        case groupBy = "group_by"
    }

    package init(name: String, groupBy: [Field], description: String? = nil) {
        self.name = name
        self.groupBy = groupBy
        self.description = description
    }

    package init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        groupBy = try c.decodeIfPresent([Field].self, forKey: .groupBy) ?? []
        description = try c.decodeIfPresent(String.self, forKey: .description)
    }
}

/// How results are published.
package struct PublicationSpec: Sendable, Equatable, Decodable {
    /// Report title for the workbook and the HTML report.
    package var title: String?
    /// Small-cell threshold k: counts from 1 to k−1 are shown as `<k`.
    package var minCount: Int = 10
    /// How many groups the ranked list of straying groups shows.
    package var rankingSize: Int = 25

    enum CodingKeys: String, CodingKey, CaseIterable {
        case title
        case minCount = "min_count"
        case rankingSize = "ranking_size"
    }

    package init() {}

    package init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        minCount = try c.decodeIfPresent(Int.self, forKey: .minCount) ?? 10
        rankingSize = try c.decodeIfPresent(Int.self, forKey: .rankingSize) ?? 25
    }
}
