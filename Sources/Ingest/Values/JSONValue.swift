import Foundation

/// Any JSON value, decoded by Foundation's `JSONDecoder`: what a charge-list cell holds before its
/// objects are read by the pipeline's key paths (`ChargeListReader`).
indirect enum JSONValue: Decodable, Equatable {
    case string(String)
    /// A number, as its text (`1399`, `2.5`): charge codes are sometimes written as numbers.
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    /// Tries the shapes in the order a charge list holds them most (strings inside objects inside
    /// an array), so a well-formed list costs about one failed attempt per charge.
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let object = try? container.decode([String: JSONValue].self) {
            self = .object(object)
        } else if let list = try? container.decode([JSONValue].self) {
            self = .array(list)
        } else if container.decodeNil() {
            self = .null
        } else if let whole = try? container.decode(Int.self) {
            self = .number(String(whole))
        } else if let number = try? container.decode(Double.self) {
            self = .number(String(number))
        } else {
            self = .bool(try container.decode(Bool.self))
        }
    }

    /// What kind of value this is, for messages ("an object", "a string").
    var kind: String {
        switch self {
        case .string: "a string"
        case .number: "a number"
        case .bool: "true or false"
        case .null: "null"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
