// XML escaping for the hand-written SpreadsheetML in `XLSXWriter.swift`.

/// Escaping helpers for XML 1.0 text and attribute values, and the OOXML
/// `ST_Xstring` convention for characters that XML 1.0 cannot carry.
package enum XMLEscaping {
    /// Escapes `text` for use as XML 1.0 character data or inside a double-quoted
    /// attribute value: `& < > " '` become entity references; tab, newline and
    /// carriage return are kept (inside attributes they become `&#9;` `&#10;` `&#13;`
    /// so that attribute-value normalisation does not turn them into spaces).
    ///
    /// Characters that XML 1.0 forbids (C0 controls other than tab, newline and
    /// carriage return, U+FFFE and U+FFFF) are written as Excel does: `_xHHHH_`,
    /// which spreadsheet applications decode back to the original character. For
    /// that reason a literal `_xHHHH_` sequence in the text gets its leading
    /// underscore escaped as `_x005F_`, so it also reads back unchanged. Pass
    /// `ooxmlStringEscapes: false` for text that is not an OOXML string (sheet
    /// names, document properties): forbidden characters are then dropped.
    package static func escape(
        _ text: String, inAttribute: Bool = false, ooxmlStringEscapes: Bool = true
    ) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count + 16)
        append(text, to: &out, inAttribute: inAttribute, ooxmlStringEscapes: ooxmlStringEscapes)
        return String(decoding: out, as: UTF8.self)
    }

    /// Like `escape(_:inAttribute:ooxmlStringEscapes:)`, appending UTF-8 bytes to `out`.
    package static func append(
        _ text: String, to out: inout [UInt8], inAttribute: Bool = false, ooxmlStringEscapes: Bool = true
    ) {
        // Fast path: nothing to escape.
        if !text.utf8.contains(where: needsAttention) {
            out.append(contentsOf: text.utf8)
            return
        }
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar.value {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&apos;".utf8)
            case 0x09: out.append(contentsOf: (inAttribute ? "&#9;" : "\t").utf8)
            case 0x0A: out.append(contentsOf: (inAttribute ? "&#10;" : "\n").utf8)
            case 0x0D: out.append(contentsOf: "&#13;".utf8)  // a raw CR would be normalised to LF by parsers
            case 0x00...0x1F, 0xFFFE, 0xFFFF:
                if ooxmlStringEscapes { out.append(contentsOf: ooxmlEscape(scalar.value).utf8) }
            case 0x5F where ooxmlStringEscapes && looksLikeOOXMLEscape(scalars, at: index):
                out.append(contentsOf: "_x005F_".utf8)
            default:
                out.append(contentsOf: scalar.utf8)
            }
            index += 1
        }
    }

    /// The reverse of the `_xHHHH_` convention, as a spreadsheet application reads
    /// a cell's string (useful for tests).
    package static func decodeOOXMLEscapes(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "_", looksLikeOOXMLEscape(scalars, at: index),
                let value = UInt32(String(String.UnicodeScalarView(scalars[(index + 2)..<(index + 6)])), radix: 16),
                let decoded = Unicode.Scalar(value)
            {
                result.append(decoded)
                index += 7
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }

    /// True when the string needs `xml:space="preserve"` to keep its leading or
    /// trailing whitespace.
    package static func needsSpacePreserve(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        return isXMLWhitespace(first) || isXMLWhitespace(last)
    }

    // MARK: - Private

    private static func needsAttention(_ byte: UInt8) -> Bool {
        // Markup characters, control characters, `_` (possible `_xHHHH_`), and the
        // lead byte 0xEF of U+FFFE / U+FFFF (checked precisely on the slow path).
        byte < 0x20 || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
            || byte == 0x5F || byte == 0xEF
    }

    private static func isXMLWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    private static func ooxmlEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "_x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "_"
    }

    /// `_x` followed by four hex digits and `_`, starting at `index`.
    private static func looksLikeOOXMLEscape(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + 6 < scalars.count, scalars[index] == "_", scalars[index + 1] == "x",
            scalars[index + 6] == "_"
        else { return false }
        return scalars[(index + 2)...(index + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }
}
