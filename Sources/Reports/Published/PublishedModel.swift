package import AuditCore

/// One cell of a published table, after disclosure control.
///
/// Counts from 1 to k−1 become `.suppressed(k)` (shown as `<k`); shares built on suppressed or
/// too-small denominators become `.withheld`. Every writer (CSV, XLSX, HTML, JSON) formats these the
/// same way, so the numbers agree across formats.
package enum PublishedCell: Sendable, Equatable {
    case text(String)
    case count(Int)
    /// A count in 1…k−1, hidden: shown as `<k`.
    case suppressed(Int)
    /// A count of any size hidden so that a `<k` cell cannot be recovered by subtraction: shown as `x`.
    case complementary
    /// A share (0…1).
    case share(Double)
    /// A share that is not shown because its numerator or denominator is suppressed, or it is 0/0.
    case withheld
    /// A signed difference of shares, in share units (0.05 = 5 percentage points).
    case change(Double)
    case flag(Bool)
    /// A label for a value the source cannot provide (e.g. `not available in this source`).
    case notAvailable(String)
    case empty

    /// The text a CSV cell shows.
    package var csvText: String {
        switch self {
        case .text(let text), .notAvailable(let text): text
        case .count(let value): String(value)
        case .suppressed(let k): "<\(k)"
        case .complementary: "x"
        case .share(let value), .change(let value): CSVDocument.decimal(value)
        case .withheld, .empty: ""
        case .flag(let value): value ? "yes" : "no"
        }
    }

    /// The number behind the cell, when it shows one.
    package var number: Double? {
        switch self {
        case .count(let value): Double(value)
        case .share(let value), .change(let value): value
        default: nil
        }
    }
}

/// What kind of values a column holds; decides number formats in XLSX and alignment in HTML.
package enum PublishedColumnKind: String, Sendable, Equatable {
    /// A group-by value (text).
    case group
    case count
    case share
    /// A difference of shares (percentage points when shown as percent).
    case change
    case flag
    case text
}

package struct PublishedColumn: Sendable, Equatable {
    package var name: String
    package var kind: PublishedColumnKind
    /// One sentence for the codebook: what the column holds and the rule behind it.
    package var description: String

    package init(name: String, kind: PublishedColumnKind, description: String) {
        self.name = name
        self.kind = kind
        self.description = description
    }
}

/// A table as published: columns with their meaning, rows of cells after suppression.
package struct PublishedTable: Sendable, Equatable {
    /// File stem and sheet name, e.g. `by_fiscal_year_state` or `by_fiscal_year_state_targets`.
    package var name: String
    package var title: String
    /// One paragraph: grain and what the table answers.
    package var description: String
    package var columns: [PublishedColumn]
    package var rows: [[PublishedCell]]

    package init(name: String, title: String, description: String, columns: [PublishedColumn], rows: [[PublishedCell]])
    {
        self.name = name
        self.title = title
        self.description = description
        self.columns = columns
        self.rows = rows
    }
}

/// One stated-target era, for the method notes.
package struct PublishedEra: Sendable, Equatable {
    package var id: String
    package var name: String
    package var from: String
    package var to: String?
    /// Off-target rules in order: (id, description, source).
    package var offTarget: [(id: String, description: String, source: String)]
    /// `yes/no: <rule ids>` or `none: shares only` (as in `eras.csv`).
    package var verdict: String = ""
    /// The era's own source (eras without a verdict) and why it has none.
    package var source: String?
    package var note: String?

    package init(
        id: String, name: String, from: String, to: String?,
        offTarget: [(id: String, description: String, source: String)],
        verdict: String = "", source: String? = nil, note: String? = nil
    ) {
        self.id = id
        self.name = name
        self.from = from
        self.to = to
        self.offTarget = offTarget
        self.verdict = verdict
        self.source = source
        self.note = note
    }

    package static func == (lhs: PublishedEra, rhs: PublishedEra) -> Bool {
        lhs.id == rhs.id && lhs.name == rhs.name && lhs.from == rhs.from && lhs.to == rhs.to
            && lhs.offTarget.map(\.id) == rhs.offTarget.map(\.id)
            && lhs.offTarget.map(\.description) == rhs.offTarget.map(\.description)
            && lhs.offTarget.map(\.source) == rhs.offTarget.map(\.source)
            && lhs.verdict == rhs.verdict && lhs.source == rhs.source && lhs.note == rhs.note
    }
}

/// Data behind the HTML report's charts, already suppressed (nil = suppressed or withheld).
package struct ChartData: Sendable, Equatable {
    /// Severity mix per fiscal year: derived level counts.
    package struct SeverityYear: Sendable, Equatable {
        package var year: String
        /// In order: level_1, level_2, level_3, not_convicted, unclassified.
        package var counts: [Int?]

        package init(year: String, counts: [Int?]) {
            self.year = year
            self.counts = counts
        }
    }

    /// An off-target share with its 95% Wilson interval.
    package struct ShareWithInterval: Sendable, Equatable {
        package var label: String
        package var share: Double
        package var lower: Double
        package var upper: Double
        package var records: Int
        package var flagged: Bool

        package init(label: String, share: Double, lower: Double, upper: Double, records: Int, flagged: Bool) {
            self.label = label
            self.share = share
            self.lower = lower
            self.upper = upper
            self.records = records
            self.flagged = flagged
        }
    }

    package struct VictimsYear: Sendable, Equatable {
        package var year: String
        package var minorTraffic: Int?
        /// nil when suppressed; `victimsAvailable` false means the source has no indicator at all.
        package var confirmedVictimsWitnesses: Int?
        package var possibleVictims: Int?

        package init(year: String, minorTraffic: Int?, confirmedVictimsWitnesses: Int?, possibleVictims: Int?) {
            self.year = year
            self.minorTraffic = minorTraffic
            self.confirmedVictimsWitnesses = confirmedVictimsWitnesses
            self.possibleVictims = possibleVictims
        }
    }

    /// A date at which what the charts measure changes: an era starts or ends, a field starts or
    /// stops being recorded. Drawn as a dotted line in the fiscal-year charts.
    package struct Boundary: Sendable, Equatable {
        package var date: SimpleDate
        package var label: String

        package init(date: SimpleDate, label: String) {
            self.date = date
            self.label = label
        }
    }

    package var boundaries: [Boundary] = []
    package var severityLabels = ["level_1", "level_2", "level_3", "not_convicted", "unclassified"]
    package var severityByYear: [SeverityYear] = []
    /// Off-target share by state (all years pooled), states with withheld shares left out.
    package var offTargetByState: [ShareWithInterval] = []
    /// Off-target share per fiscal year (all places pooled).
    package var offTargetTrend: [ShareWithInterval] = []
    package var victimsByYear: [VictimsYear] = []
    package var victimsAvailable = false
    package var possibleVictimsComputed = false
    package var strayThreshold = 0.25

    package init() {}
}

/// Everything one run publishes: the tables, the ranked list, the method notes and the manifest.
package struct PublishedBundle: Sendable, Equatable {
    package var title: String
    /// Count tables and target tables, in output order.
    package var tables: [PublishedTable]
    /// The worst groups across reports, most straying first.
    package var ranking: PublishedTable
    package var eras: [PublishedEra]
    package var targetsName: String
    package var targetsVersion: String
    /// Minimum published count (k): counts 1…k−1 are suppressed.
    package var suppressionThreshold: Int
    /// Method notes as paragraphs of plain text (definitions, intervals, suppression, sources).
    package var methodNotes: [String]
    package var charts: ChartData
    package var manifest: RunManifest
    /// `claims.csv` as published (nil: not computed by this run).
    package var claims: PublishedTable?
    /// `eras.csv` as published (nil: the records carry no date).
    package var eraShares: PublishedTable?
    /// `coverage.csv` as published.
    package var coverage: PublishedTable?

    package init(
        title: String, tables: [PublishedTable], ranking: PublishedTable, eras: [PublishedEra], targetsName: String,
        targetsVersion: String, suppressionThreshold: Int, methodNotes: [String], charts: ChartData,
        manifest: RunManifest
    ) {
        self.title = title
        self.tables = tables
        self.ranking = ranking
        self.eras = eras
        self.targetsName = targetsName
        self.targetsVersion = targetsVersion
        self.suppressionThreshold = suppressionThreshold
        self.methodNotes = methodNotes
        self.charts = charts
        self.manifest = manifest
    }
}
