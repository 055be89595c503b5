/// Normalises most-serious-conviction codes to ICE's 4-character form.
///
/// Real files lose leading zeros (`301` for `0301`, shared/data/SOURCES.md) and some store codes as
/// numbers (`3599.0`); ICE's own alphanumeric codes (`13AB`, `35AB`) are upper-cased and kept.
package enum OffenseCode {
    package static func normalized(_ raw: String) -> String {
        var code = raw.trimmingSpaces.uppercased()
        if code.count > 2, code.hasSuffix(".0"), code.dropLast(2).allSatisfy(\.isNumber) { code.removeLast(2) }
        if !code.isEmpty, code.count < 4, code.allSatisfy(\.isNumber) {
            code = String(repeating: "0", count: 4 - code.count) + code
        }
        return code
    }
}
