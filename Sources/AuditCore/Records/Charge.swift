/// One charge read from a list cell (the I-213's `criminal_charges`: a JSON array of objects, one
/// per charge), as the texts the pipeline's key paths give.
///
/// Grain: one per element of the list. Ingest only reads the texts (a null marker or JSON `null` is
/// nil); what a status or a category means is decided in Classify.
package struct Charge: Sendable, Hashable {
    package var code: String?
    package var name: String?
    package var category: String?
    package var status: String?
    package var date: SimpleDate?

    package init(
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
package enum ChargeStatus: String, Sendable, CaseIterable {
    case convicted, pending, dismissed, overturned

    /// The status a text names, or nil for any other text.
    package init?(text: String) {
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
