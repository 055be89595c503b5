/// Unicode bidirectional formatting characters, made visible in every text output.
///
/// An embedding, override or isolate (U+202A–U+202E, U+2066–U+2069) or a direction mark (U+200E,
/// U+200F, U+061C) in a value reorders or hides what is shown around it ("Trojan Source",
/// CVE-2021-42574): a group label could make a count or a file name read as something else. They are
/// replaced by their code point written out, `<U+202E>`, rather than removed, so the change is
/// visible and a value that began with one still cannot become a formula (`<` is inert). CSV, XLSX,
/// HTML and JSON writers all call this one function.
package enum BidiControls {
    /// Whether `scalar` is one of the bidirectional formatting characters above.
    package static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `text` with every bidirectional formatting character written as `<U+XXXX>`.
    package static func revealed(_ text: String) -> String {
        // Their UTF-8 forms start with 0xD8 (U+061C) or 0xE2 (the rest): most text has neither.
        guard text.utf8.contains(where: { $0 == 0xE2 || $0 == 0xD8 }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out.append(
                    contentsOf: ("<U+" + String(repeating: "0", count: 4 - hex.count) + hex + ">").unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The same for an encoded UTF-8 document (JSON): the replacement holds no character that needs
    /// escaping in a JSON string, so it can be made after encoding.
    package static func revealed(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: { $0 == 0xE2 || $0 == 0xD8 }) else { return bytes }
        return Array(revealed(String(decoding: bytes, as: UTF8.self)).utf8)
    }
}
