/// One charge read from a list cell (the I-213's `criminal_charges`: a JSON array of objects, one
/// per charge), as the texts the pipeline's key paths give.
///
/// Grain: one per element of the list. Ingest only reads the texts (a null marker or JSON `null` is
/// nil); what a status or a category means is decided in Classify.
public struct Charge: Sendable, Hashable {
    public var code: String?
    public var name: String?
    public var category: String?
    public var status: String?
    public var date: SimpleDate?

    public init(
        code: String? = nil, name: String? = nil, category: String? = nil, status: String? = nil,
        date: SimpleDate? = nil
    ) {
        self.code = code
        self.name = name
        self.category = category
        self.status = status
        self.date = date
    }
}

/// A charge's status in the words ICE's I-213 release uses (`CHARGE_STATUS`: Convicted, Pending,
/// Dismissed, Overturned), compared case-insensitively after trimming spaces.
public enum ChargeStatus: String, Sendable, CaseIterable {
    case convicted, pending, dismissed, overturned

    /// The status a text names, or nil for any other text.
    public init?(text: String) {
        switch text {
        // ICE's spellings first: no new string for nearly every charge.
        case "Convicted": self = .convicted
        case "Pending": self = .pending
        case "Dismissed": self = .dismissed
        case "Overturned": self = .overturned
        default: self.init(rawValue: text.trimmingSpaces.lowercased())
        }
    }
}
