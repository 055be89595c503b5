// Escaping and number formats for the self-contained HTML report (`HTMLReport.swift`, `SVGChart.swift`).

/// Escapes text for HTML and inline SVG.
///
/// Every value that comes from data or configuration (group labels, table titles, column names,
/// file paths, rule sources, …) goes through `escape` before it is written, in element content and
/// in attribute values alike, so no value can open a tag, close an attribute or start an entity.
package enum HTMLEscaping {
    /// `& < > " '` become character references; C0 control characters other than tab, newline and
    /// carriage return (which HTML does not allow) are dropped; bidirectional formatting characters
    /// are shown as `&lt;U+202E&gt;` (`BidiControls`). Safe in text and in quoted attributes.
    package static func escape(_ raw: String) -> String {
        let text = BidiControls.revealed(raw)
        if !text.utf8.contains(where: needsAttention) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A string made safe for an `id` attribute and a `#fragment`: `a-z0-9_-` kept, the rest `-`.
    package static func identifier(_ text: String) -> String {
        let mapped = text.lowercased().unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "0"..."9", "_", "-": Character(scalar)
            default: "-"
            }
        }
        return mapped.isEmpty ? "x" : String(mapped)
    }

    private static func needsAttention(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x7F || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }
}

/// Number formats shared by the report's tables, summary and charts.
package enum HTMLFormat {
    /// A count with thousands separators: `12,345`, `-1,000`.
    package static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// A share (0…1) as a percentage with one decimal: 0.4251 → `42.5%`.
    package static func percent(_ share: Double) -> String {
        guard share.isFinite else { return "—" }
        return oneDecimal(share * 100) + "%"
    }

    /// A difference of shares as signed percentage points: 0.031 → `+3.1 pp`, -0.031 → `−3.1 pp`
    /// (U+2212 minus, the same width as the plus in tabular figures), 0 → `0.0 pp`.
    package static func percentagePoints(_ change: Double) -> String {
        guard change.isFinite else { return "—" }
        let tenths = Int((change * 1000).rounded())
        let sign = tenths > 0 ? "+" : tenths < 0 ? "\u{2212}" : ""
        return sign + oneDecimal(Double(tenths.magnitude) / 10) + " pp"
    }

    /// An axis tick for a share: whole percentages without decimals (`10%`), others with one (`2.5%`).
    package static func percentTick(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)%" : oneDecimal(share * 100) + "%"
    }

    /// `value` rounded half away from zero to one decimal, always with the decimal: `42.5`, `0.0`.
    package static func oneDecimal(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        let tenths = Int((value * 10).rounded())
        let magnitude = tenths.magnitude
        return (tenths < 0 ? "-" : "") + count(Int(magnitude / 10)) + "." + String(magnitude % 10)
    }
}
