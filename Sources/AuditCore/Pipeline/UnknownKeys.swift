/// A coding key built from any string, for walking keys a type does not declare.
package struct AnyCodingKey: CodingKey, Sendable {
    package var stringValue: String
    package var intValue: Int?

    package init(_ string: String) { stringValue = string }
    package init?(stringValue: String) { self.stringValue = stringValue }
    package init?(intValue: Int) {
        self.intValue = intValue
        stringValue = String(intValue)
    }
}

/// Throws when a mapping holds a key the type does not know, so typos in a pipeline are caught
/// instead of silently ignored.
func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(in decoder: any Decoder, allowed: Keys.Type) throws {
    guard let container = try? decoder.container(keyedBy: AnyCodingKey.self) else { return }
    let known = Set(Keys.allCases.map(\.stringValue))
    for key in container.allKeys where !known.contains(key.stringValue) {
        throw DecodingError.dataCorrupted(
            .init(
                codingPath: container.codingPath + [key],
                debugDescription:
                    "unknown key '\(key.stringValue)'; expected one of: \(known.sorted().joined(separator: ", "))"))
    }
}

extension KeyedDecodingContainer {
    /// A column name or a list of them (`names: "MSC Charge"` or `names: ["MSC Charge", "msc_charge"]`).
    func decodeNames(forKey key: Key) throws -> [String] {
        if let single = try? decode(String.self, forKey: key) { return [single] }
        return try decode([String].self, forKey: key)
    }
}
