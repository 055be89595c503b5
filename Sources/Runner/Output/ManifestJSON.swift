import AuditCore
import Foundation
import Reports

/// `manifest.json`: pretty-printed with sorted keys, so two runs diff cleanly.
enum ManifestJSON {
    static func encode(_ manifest: RunManifest) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return BidiControls.revealed([UInt8](try encoder.encode(manifest))) + [10]
    }
}

/// ISO 8601 timestamps in UTC.
enum Timestamp {
    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }
}
