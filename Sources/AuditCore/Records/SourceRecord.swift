/// One input data row after ingest, before classification.
///
/// Grain: one row per data record of one input file (header and preamble rows excluded). Values are
/// indexed by `Field.index`; fields the pipeline does not map are `.missing`.
package struct SourceRecord: Sendable, Equatable {
    package var lineage: Lineage
    package var values: [FieldValue]
    /// How many events this row stands for: 1, or the pipeline's count column for pre-aggregated tables.
    package var weight: Int
    /// The parsed `date`, when the pipeline maps one and it parsed.
    package var date: SimpleDate?
    /// The charge list (pipeline `charges:`), in cell order; nil when the pipeline declares none or
    /// the cell is missing, a null marker or redacted (`self[.chargeCount]` tells which).
    package var charges: [Charge]?

    package init(
        lineage: Lineage, values: [FieldValue], weight: Int = 1, date: SimpleDate? = nil, charges: [Charge]? = nil
    ) {
        self.lineage = lineage
        self.values = values
        self.weight = weight
        self.date = date
        self.charges = charges
    }

    package init(
        lineage: Lineage, fields: [Field: FieldValue], weight: Int = 1, date: SimpleDate? = nil,
        charges: [Charge]? = nil
    ) {
        var values = [FieldValue](repeating: .missing, count: Field.allCases.count)
        for (field, value) in fields { values[field.index] = value }
        self.init(lineage: lineage, values: values, weight: weight, date: date, charges: charges)
    }

    package subscript(field: Field) -> FieldValue {
        get { values[field.index] }
        set { values[field.index] = newValue }
    }

    /// The value of a field or of a field derived from the date, as a group label.
    package func groupLabel(_ field: Field) -> String {
        switch field {
        case .fiscalYear: return date.map { Self.yearLabel($0.fiscalYear) } ?? self[.date].groupLabel
        case .calendarYear: return date.map { Self.yearLabel($0.year) } ?? self[.date].groupLabel
        case .month: return date.map { $0.monthLabel } ?? self[.date].groupLabel
        case .day: return date.map(\.isoString) ?? self[.date].groupLabel
        default: return self[field].groupLabel
        }
    }

    /// Year labels made once (dates are 1900...2100, fiscal years one more): this runs per record
    /// and report, and formatting an integer each time showed in profiles.
    private static let yearLabels = (0...2101 - 1900).map { String(1900 + $0) }

    private static func yearLabel(_ year: Int) -> String {
        let index = year - 1900
        return yearLabels.indices.contains(index) ? yearLabels[index] : String(year)
    }
}
