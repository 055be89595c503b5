import AuditCore
import Foundation

/// Reads one charge-list cell (pipeline `charges:`) into charges: a JSON array of objects read by
/// the declared key paths, or plain values between separators.
///
/// Only the texts are read here (a null marker or JSON `null` is nil); statuses and categories are
/// interpreted in Classify. A cell that cannot be read is a problem the row is rejected for, with a
/// reason that says how to fix it.
struct ChargeListReader {
    private let spec: ChargeListSpec
    private let dates: DateParser
    private let nullMarkers: Set<String>
    private let decoder = JSONDecoder()

    init(spec: ChargeListSpec, dates: DateParser) {
        self.spec = spec
        self.dates = dates
        nullMarkers = Set(spec.nullMarkers.map(\.trimmingSpaces))
    }

    enum Outcome: Equatable {
        case list([Charge])
        /// The whole cell is a null marker: the list is unknown, not empty.
        case null
        /// The reason the row is rejected.
        case problem(String)
    }

    func read(_ text: String) -> Outcome {
        let trimmed = text.trimmingSpaces
        if nullMarkers.contains(trimmed) { return .null }
        switch spec.format {
        case .json: return readJSON(trimmed)
        case .delimited: return .list(readDelimited(trimmed))
        }
    }

    private func readDelimited(_ text: String) -> [Charge] {
        let separator = spec.separator ?? ","
        return text.components(separatedBy: separator).map(\.trimmingSpaces).filter { !$0.isEmpty }.map { value in
            var charge = Charge(status: spec.itemStatus)
            let known = nullMarkers.contains(value) ? nil : value
            switch spec.item {
            case .code?: charge.code = known.map(OffenseCode.normalized)
            case .name?: charge.name = known
            case .category?: charge.category = known
            case .status?: charge.status = known
            case .date?, nil: break
            }
            return charge
        }
    }

    private func readJSON(_ text: String) -> Outcome {
        let value: JSONValue
        do {
            value = try decoder.decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            return .problem(
                "the charge list is not valid JSON; expected an array of objects such as \(example), [] for no charges\(markerHint) (check for a cut-off cell or unescaped quotes)"
            )
        }
        guard case .array(let items) = value else {
            return .problem(
                "the charge list is \(value.kind), not an array; expected an array of objects such as \(example)")
        }
        var charges: [Charge] = []
        charges.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard case .object(let object) = item else {
                return .problem("charge \(index + 1) of the list is \(item.kind), not an object such as \(example)")
            }
            switch charge(object, number: index + 1) {
            case .success(let charge): charges.append(charge)
            case .failure(let problem): return .problem(problem.reason)
            }
        }
        return .list(charges)
    }

    private struct Problem: Error { var reason: String }

    /// One object's parts by their key paths.
    private func charge(_ object: [String: JSONValue], number: Int) -> Result<Charge, Problem> {
        var charge = Charge(status: spec.itemStatus)
        for part in ChargeListSpec.Part.allCases {
            guard let path = spec.keys[part] else { continue }
            let keyPath = path.joined(separator: ".")
            guard let found = Self.value(at: path, in: object) else {
                if spec.requiredKeys.contains(part) {
                    return .failure(
                        Problem(
                            reason:
                                "charge \(number) of the list has no '\(keyPath)' (charges.required_keys lists \(part.rawValue)); add it\(unknownHint)"
                        ))
                }
                continue
            }
            let text: String?
            switch found {
            case .string(let string):
                let trimmed = string.trimmingSpaces
                text = trimmed.isEmpty || nullMarkers.contains(trimmed) ? nil : trimmed
            case .number(let digits): text = digits
            case .bool(let flag): text = String(flag)
            case .null: text = nil
            case .array, .object:
                return .failure(
                    Problem(reason: "charge \(number) of the list holds \(found.kind) at '\(keyPath)', not a value"))
            }
            guard let text else { continue }
            switch part {
            case .code: charge.code = OffenseCode.normalized(text)
            case .name: charge.name = text
            case .category: charge.category = text
            case .status: charge.status = text
            case .date:
                guard let date = dates.parse(text) else {
                    return .failure(
                        Problem(
                            reason:
                                "charge \(number) of the list: cannot read '\(text)' at '\(keyPath)' as a date; expected \(dates.formats.map(\.example).joined(separator: " or "))"
                        ))
                }
                charge.date = date
            }
        }
        return .success(charge)
    }

    /// The value at a key path (nil when a key is absent or an intermediate value is not an object).
    private static func value(at path: [String], in object: [String: JSONValue]) -> JSONValue? {
        var current = JSONValue.object(object)
        for key in path {
            guard case .object(let fields) = current, let next = fields[key] else { return nil }
            current = next
        }
        return current
    }

    /// `[{"CHARGE_STATUS":"Convicted"}]` from the declared key paths.
    private var example: String {
        let parts = ChargeListSpec.Part.allCases.compactMap { part -> String? in
            guard let path = spec.keys[part] else { return nil }
            let sample = part == .status ? "Convicted" : part == .date ? "2015-09-29" : "…"
            let value: String = path.reversed().reduce("\"\(sample)\"") { inner, key in "{\"\(key)\":\(inner)}" }
            return value
        }
        let inner = parts.map { String($0.dropFirst().dropLast()) }.joined(separator: ",")
        return "[{\(inner)}]"
    }

    private var unknownHint: String {
        spec.nullMarkers.first.map { ", with the value '\($0)' where it is unknown" } ?? ""
    }

    private var markerHint: String {
        spec.nullMarkers.isEmpty ? "" : " or \(spec.nullMarkers.map { "'\($0)'" }.joined(separator: " / "))"
    }
}
