/// A problem with one record or one value: reported, never thrown.
///
/// Fatal problems (unreadable file, bad pipeline) are errors; a finding is about data and lets the
/// run go on. Printed like a compiler diagnostic: `file:line: warning: message [column]`.
package struct Finding: Sendable, Hashable, Codable {
    package enum Severity: String, Sendable, Hashable, Codable {
        case error, warning, note
    }

    package var severity: Severity
    package var lineage: Lineage?
    package var column: String?
    /// A stable identifier of what kind of finding this is (e.g. `conflict.aggravated_felon`).
    package var code: String
    package var message: String

    package init(severity: Severity, lineage: Lineage?, column: String?, code: String, message: String) {
        self.severity = severity
        self.lineage = lineage
        self.column = column
        self.code = code
        self.message = message
    }

    /// `path:line: severity: message (column 'X')`.
    package var diagnostic: String {
        var location = ""
        if let lineage { location = "\(lineage.file):\(lineage.line): " }
        var text = "\(location)\(severity.rawValue): \(message)"
        if let column { text += " (column '\(column)')" }
        return text
    }
}
